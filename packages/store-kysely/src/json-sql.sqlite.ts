import { type SqlBool, sql } from "kysely";
import { type JsonSql, prefixUpperBound } from "./json-sql.js";

/** `$."a"."b"`: a JSON path whose keys are quoted, so URN keys with `:` and `.` stay one key. */
function jsonPath(path: readonly string[]): string {
  return `$${path.map((key) => `."${key.replace(/["\\]/g, "")}"`).join("")}`;
}

/** SQLite's JSON1 functions. */
export const sqliteJsonSql: JsonSql = {
  extract: (document, path) => sql`json_extract(${document}, ${jsonPath(path)})`,
  each: (document, path, alias) => sql`json_each(${document}, ${jsonPath(path)}) as ${sql.raw(alias)}`,
  element: (alias) => sql`${sql.raw(alias)}.value`,
  elementField: (alias, name) => sql`json_extract(${sql.raw(alias)}.value, ${jsonPath([name])})`,
  number: (expression) => expression,
  fold: (expression) => sql`scim_fold(${expression})`,
  boolean: (value) => sql.lit(value ? 1 : 0),
  instant: (expression) => sql`julianday(${expression})`,
  // instr/substr, not LIKE: SQLite's LIKE ignores ASCII case, which would break case-exact attributes.
  contains: (expression, literal) => sql<SqlBool>`instr(${expression}, ${literal}) > 0`,
  startsWith: (expression, literal) =>
    sql<SqlBool>`substr(${expression}, 1, ${[...literal].length}) = ${literal}`,
  // SQLite compares text as bytes (BINARY), so the range is the prefix's.
  prefixRange: (expression, prefix) =>
    sql<SqlBool>`${expression} >= ${prefix} and ${expression} < ${prefixUpperBound(prefix)}`,
  endsWith: (expression, literal) =>
    literal === ""
      ? sql<SqlBool>`${expression} is not null`
      : sql<SqlBool>`substr(${expression}, ${-[...literal].length}) = ${literal}`,
};
