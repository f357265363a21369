/**
 * Whether a database error is the database being busy rather than anything about the request: a
 * write lock SQLite waited for in vain (busy_timeout), PostgreSQL's statement timeout,
 * serialization failure, deadlock or lack of connections, or no pooled connection free in time.
 * The client may retry the same request; it gets 503 with Retry-After instead of a 500.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = "code" in error ? String(error.code) : "";
  if (code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_") || code === "SQLITE_LOCKED") return true;
  // 57014 query_canceled (statement_timeout), 40001 serialization_failure, 40P01 deadlock_detected,
  // 53300 too_many_connections, 57P03 cannot_connect_now.
  if (["57014", "40001", "40P01", "53300", "57P03"].includes(code)) return true;
  // pg's pool, when no connection frees up within connectionTimeoutMillis.
  return error instanceof Error && /timeout exceeded when trying to connect/i.test(error.message);
}

/** Whether a database error is a unique constraint refusing a write (SQLite and PostgreSQL wording). */
export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Error && /UNIQUE constraint failed|unique constraint|duplicate key/i.test(error.message)
  );
}

/**
 * Ids per statement: SQLite binds at most 32,766 variables, so a long id list is read or written
 * in chunks (still one transaction), never one statement per id.
 */
const CHUNK = 1000;

/** `items` in chunks of at most CHUNK. */
export function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
