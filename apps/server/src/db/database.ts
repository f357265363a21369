import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { foldCase } from "@scimkit/core";
import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { TokensTable } from "../auth/tokens.table.js";
import type { GroupMembersTable, GroupsTable } from "../groups/groups.table.js";
import type { TenantsTable } from "../tenants/tenants.table.js";
import type { AuditEventsTable, UserEmailsTable, UsersTable } from "../users/users.table.js";
import { type JsonSql, sqliteJsonSql } from "./json-sql.js";

/** Every table of the reference server, as Kysely sees it. */
export interface Database {
  tenants: TenantsTable;
  tokens: TokensTable;
  users: UsersTable;
  user_emails: UserEmailsTable;
  audit_events: AuditEventsTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
}

/**
 * The JSON and text functions of the dialect in use, for the SQL filter compiler. This module is
 * the one place that knows which SQL dialect runs (SQLite today).
 */
export const dialectSql: JsonSql = sqliteJsonSql;

/** Where the data lives: the one place that knows which SQL dialect runs. */
export type DatabaseLocation = { readonly kind: "sqlite"; readonly file: string };

/**
 * Parses `DATABASE_URL`: `sqlite:PATH` (relative to the working directory) or `sqlite::memory:`.
 * PostgreSQL URLs are recognised and refused with a clear message until that dialect lands.
 */
export function parseDatabaseUrl(url: string, cwd: string): DatabaseLocation {
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length);
    if (path === "")
      throw new Error("DATABASE_URL sqlite: needs a path, e.g. sqlite:./data/scimkit.db or sqlite::memory:");
    return { kind: "sqlite", file: path === ":memory:" ? ":memory:" : resolve(cwd, path) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw new Error("DATABASE_URL: PostgreSQL is not supported by this build yet; use sqlite:PATH.");
  }
  throw new Error(`DATABASE_URL must start with sqlite: (got ${JSON.stringify(url.split(":")[0])}:)`);
}

/**
 * Opens the database. SQLite runs in WAL mode with `synchronous = NORMAL`: a committed
 * transaction survives a crash of the process (not necessarily a power loss), foreign keys
 * are enforced, and writers wait up to 5 s for a lock instead of failing.
 */
export function openDatabase(location: DatabaseLocation): Kysely<Database> {
  if (location.file !== ":memory:") mkdirSync(dirname(location.file), { recursive: true });
  const sqlite = new SqliteDatabase(location.file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Unicode case folding for caseExact: false attributes kept in the JSON document (SQLite's lower() is ASCII-only).
  sqlite.function("scim_fold", { deterministic: true }, (value: unknown) =>
    typeof value === "string" ? foldCase(value) : value,
  );
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}
