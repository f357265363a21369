import { memoize } from "@scimkit/core";
import type { Database as BetterSqlite } from "better-sqlite3";
import type { SqliteDatabase } from "kysely";

/** How many distinct SQL texts keep a prepared statement; filters of new shapes push the coldest out. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * better-sqlite3 behind Kysely with its prepared statements kept by SQL text. Kysely's SQLite
 * driver prepares every statement it runs; preparing (parsing and planning) costs more than
 * running a primary-key lookup, so a hot request would spend most of its database time there.
 * Values are always bound parameters, so one SQL text serves every request of the same shape,
 * and the cache stays small: its size bounds memory whatever filters clients send.
 *
 * Reusing a statement is safe here: better-sqlite3 runs it to completion synchronously
 * (`all`/`run`), and the server never streams (`iterate`), which would keep one busy.
 */
export function cachingStatements(sqlite: BetterSqlite, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  return {
    close: () => sqlite.close(),
    prepare: memoize(
      size,
      (sql: string) => sql,
      (sql) => sqlite.prepare(sql),
    ),
  };
}
