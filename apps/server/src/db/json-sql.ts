import { type RawBuilder, type SqlBool, sql } from "kysely";

/**
 * The SQL for reading a JSON document column, the one place that knows the dialect's JSON
 * functions. SQLite: `json_extract` / `json_each`, and `scim_fold`, a deterministic function
 * registered on every connection (see database.ts) that folds case in Unicode the way
 * @scimkit/core's `foldCase` does — SQLite's own `lower()` folds ASCII only.
 */
export interface JsonSql {
  /** The value at `path` (object keys) inside the JSON expression `document`. */
  extract(document: RawBuilder<unknown>, path: readonly string[]): RawBuilder<unknown>;
  /** A FROM item yielding one row per element of the array at `path`, as `alias.value`. */
  each(document: RawBuilder<unknown>, path: readonly string[], alias: string): RawBuilder<unknown>;
  /** The element itself (as text), in a row of `each`. */
  element(alias: string): RawBuilder<unknown>;
  /** A sub-attribute of the element (as text), in a row of `each`. */
  elementField(alias: string, name: string): RawBuilder<unknown>;
  /** A JSON number from `extract`, comparable with a numeric parameter. */
  number(expression: RawBuilder<unknown>): RawBuilder<unknown>;
  /** Unicode case folding of a text expression. */
  fold(expression: RawBuilder<unknown>): RawBuilder<unknown>;
  /** JSON's true/false as the dialect returns them from `extract` (columns hold 1/0 on every dialect). */
  boolean(value: boolean): RawBuilder<unknown>;
  /** A dateTime text as a comparable instant. */
  instant(expression: RawBuilder<unknown>): RawBuilder<unknown>;
  /** Case-sensitive substring tests (both sides already folded where the attribute is caseExact: false). */
  contains(expression: RawBuilder<unknown>, literal: string): RawBuilder<SqlBool>;
  startsWith(expression: RawBuilder<unknown>, literal: string): RawBuilder<SqlBool>;
  endsWith(expression: RawBuilder<unknown>, literal: string): RawBuilder<SqlBool>;
}

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
  endsWith: (expression, literal) =>
    literal === ""
      ? sql<SqlBool>`${expression} is not null`
      : sql<SqlBool>`substr(${expression}, ${-[...literal].length}) = ${literal}`,
};

/** PostgreSQL's jsonb operators over the text `document` column; `scim_fold` is a SQL function (migration 0005). */
export const postgresJsonSql: JsonSql = {
  extract: (document, path) => sql`(${document}::jsonb #>> ${[...path]}::text[])`,
  each: (document, path, alias) =>
    sql`jsonb_array_elements(${document}::jsonb #> ${[...path]}::text[]) as ${sql.raw(alias)}(value)`,
  element: (alias) => sql`(${sql.raw(alias)}.value #>> '{}')`,
  elementField: (alias, name) => sql`(${sql.raw(alias)}.value #>> ${[name]}::text[])`,
  number: (expression) => sql`(${expression})::numeric`,
  fold: (expression) => sql`scim_fold(${expression})`,
  boolean: (value) => sql.lit(value ? "true" : "false"),
  instant: (expression) => sql`(${expression})::timestamptz`,
  contains: (expression, literal) => sql<SqlBool>`strpos(${expression}, ${literal}) > 0`,
  startsWith: (expression, literal) => sql<SqlBool>`left(${expression}, ${[...literal].length}) = ${literal}`,
  endsWith: (expression, literal) =>
    literal === ""
      ? sql<SqlBool>`${expression} is not null`
      : sql<SqlBool>`right(${expression}, ${[...literal].length}) = ${literal}`,
};
