import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { foldCase } from "@scimkit/core";
import SqliteDatabase from "better-sqlite3";
import { Kysely, type LogConfig, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { postgresDialect, type SqlDatabase, sqliteDialect } from "./sql-dialect.js";
import { cachingStatements } from "./statement-cache.js";
import type { EventSequencesTable, EventsTable } from "./tables/events.table.js";
import type { GroupMembersTable, GroupsTable } from "./tables/groups.table.js";
import type { TenantsTable } from "./tables/tenants.table.js";
import type { TokensTable } from "./tables/tokens.table.js";
import type { AuditEventsTable, UserCountsTable, UserEmailsTable, UsersTable } from "./tables/users.table.js";
import type {
  EventConsumersTable,
  ServerKeysTable,
  WebhookDeliveriesTable,
  WebhookEndpointsTable,
} from "./tables/webhooks.table.js";

/** Every table of the reference server, as Kysely sees it. */
export interface Database {
  tenants: TenantsTable;
  tokens: TokensTable;
  users: UsersTable;
  user_emails: UserEmailsTable;
  audit_events: AuditEventsTable;
  user_counts: UserCountsTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  events: EventsTable;
  event_sequences: EventSequencesTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  event_consumers: EventConsumersTable;
  server_keys: ServerKeysTable;
}

/** Where the data lives. */
export type DatabaseLocation =
  | {
      readonly kind: "sqlite";
      readonly file: string;
      /**
       * `normal` (the default, WAL): a committed write survives a crash of the process; a power
       * loss or OS crash may lose the last commits, never corrupt the file. `full`: a commit also
       * survives a power loss (an fsync per commit, so writes are slower).
       */
      readonly synchronous?: "normal" | "full";
    }
  | {
      readonly kind: "postgres";
      readonly url: string;
      readonly poolSize: number;
      /** A schema to work in (tests isolate each server in one); the URL's default otherwise. */
      readonly schema?: string;
    }
  /** No database: the in-memory store (one process; nothing survives a restart). */
  | { readonly kind: "memory" };

/**
 * Parses `DATABASE_URL`: `sqlite:PATH` (relative to the working directory), `sqlite::memory:`,
 * `postgres://…` / `postgresql://…`, or `memory:` (the in-memory store, no database at all).
 */
export function parseDatabaseUrl(
  url: string,
  cwd: string,
  poolSize = 10,
  synchronous: "normal" | "full" = "normal",
): DatabaseLocation {
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length);
    if (path === "")
      throw new Error("DATABASE_URL sqlite: needs a path, e.g. sqlite:./data/scimkit.db or sqlite::memory:");
    return { kind: "sqlite", file: path === ":memory:" ? ":memory:" : resolve(cwd, path), synchronous };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", url, poolSize };
  if (url === "memory:") return { kind: "memory" };
  throw new Error(
    `DATABASE_URL must be memory: or start with sqlite:, postgres: or postgresql: (got ${JSON.stringify(url.split(":")[0])}:)`,
  );
}

/**
 * Opens the database (`log`: Kysely's query log, which the tests use to see the SQL that runs).
 * SQLite runs in WAL mode with `synchronous = NORMAL` (or FULL, see `synchronous`): a committed
 * transaction survives a crash of the process (with FULL also a power loss), foreign keys
 * are enforced, and writers wait up to 5 s for a lock instead of failing.
 */
export function openDatabase(
  location: Exclude<DatabaseLocation, { kind: "memory" }>,
  options: { readonly log?: LogConfig } = {},
): SqlDatabase {
  if (location.kind === "postgres") return openPostgres(location, options);
  if (location.file !== ":memory:") mkdirSync(dirname(location.file), { recursive: true });
  const sqlite = new SqliteDatabase(location.file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`synchronous = ${location.synchronous === "full" ? "FULL" : "NORMAL"}`);
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Unicode case folding for caseExact: false attributes kept in the JSON document (SQLite's lower() is ASCII-only).
  sqlite.function("scim_fold", { deterministic: true }, (value: unknown) =>
    typeof value === "string" ? foldCase(value) : value,
  );
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachingStatements(sqlite) }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  return { db, dialect: sqliteDialect };
}

/**
 * PostgreSQL through `pg`'s pool (size from DB_POOL_SIZE). TLS and the rest come from the URL as
 * the pg driver reads it (see docs/deploy.md: its `sslmode=require` verifies the certificate).
 * With `schema`, every connection works in that schema.
 */
function openPostgres(
  location: Extract<DatabaseLocation, { kind: "postgres" }>,
  options: { readonly log?: LogConfig },
): SqlDatabase {
  const pool = new pg.Pool({
    connectionString: location.url,
    max: location.poolSize,
    // Bounded waits: for a pooled connection, for one statement, and for a transaction left idle.
    // Each surfaces as 503 with Retry-After (database-errors.ts), never as a request hanging.
    connectionTimeoutMillis: 5_000,
    statement_timeout: 15_000,
    idle_in_transaction_session_timeout: 30_000,
    ...(location.schema === undefined ? {} : { options: `-c search_path=${location.schema}` }),
  });
  // An idle connection the server drops (restart, failover, pooler restart) emits 'error' on the pool;
  // unhandled, that would end the process. pg discards the broken client; the next query gets a new one.
  pool.on("error", (error) => {
    process.stderr.write(
      `${JSON.stringify({ level: 40, msg: "database connection lost", err: error.message })}\n`,
    );
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  return { db, dialect: postgresDialect };
}
