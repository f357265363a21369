/**
 * Whether a string, or any string or key inside a JSON value, holds U+0000. PostgreSQL text
 * cannot store it (a query binding it fails), and no SCIM value needs it, so requests carrying
 * it are refused before they reach the database, on SQLite too, so both answer alike. Walks with
 * its own stack: a body may nest deeper than the call stack goes.
 */
export function containsNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === "string") {
      if (next.includes("\u0000")) return true;
    } else if (typeof next === "object" && next !== null) {
      for (const [key, inner] of Object.entries(next)) {
        if (key.includes("\u0000")) return true;
        pending.push(inner);
      }
    }
  }
  return false;
}
