import type { Kysely } from "kysely";
import type { Database } from "./database.js";
import type { JsonSql } from "./json-sql.js";
import { postgresJsonSql } from "./json-sql.postgres.js";
import { sqliteJsonSql } from "./json-sql.sqlite.js";

/**
 * What differs between the SQL databases the Kysely stores run on. It travels with the database
 * handle (never a module variable), so one process can open SQLite and PostgreSQL side by side.
 */
export interface SqlDialect {
  readonly name: "sqlite" | "postgres";
  /** JSON, folding and text functions for the filter compiler and the console's search. */
  readonly json: JsonSql;
  /**
   * Whether `select … for update` locks rows (PostgreSQL). SQLite has no such clause and needs
   * none: a write transaction holds the whole database.
   */
  readonly locksRows: boolean;
}

export const sqliteDialect: SqlDialect = { name: "sqlite", json: sqliteJsonSql, locksRows: false };
export const postgresDialect: SqlDialect = { name: "postgres", json: postgresJsonSql, locksRows: true };

/**
 * An open database and its dialect: what the Kysely stores and migrations work on. `Tables` is
 * how Kysely types it: the reference schema by default, a host app's own tables in its adapters.
 */
export interface SqlDatabase<Tables = Database> {
  readonly db: Kysely<Tables>;
  readonly dialect: SqlDialect;
}

/**
 * A database handle or an open transaction on it, with the dialect: what store statements run on.
 * `Tables` as for {@link SqlDatabase}: a host's users port sees its own tables.
 */
export interface SqlContext<Tables = Database> {
  readonly db: Kysely<Tables>;
  readonly dialect: SqlDialect;
}

/**
 * `build` for a dialect, built once per dialect and kept: for what depends on the dialect only
 * (a filter compiler's target), so no request builds it again.
 */
export function perDialect<Value>(build: (dialect: SqlDialect) => Value): (dialect: SqlDialect) => Value {
  const built = new Map<SqlDialect, Value>();
  return (dialect) => {
    const known = built.get(dialect);
    if (known !== undefined) return known;
    const value = build(dialect);
    built.set(dialect, value);
    return value;
  };
}
