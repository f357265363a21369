import { type SqlBool, sql } from "kysely";
import { type JsonSql, prefixUpperBound } from "./json-sql.js";

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
  // In the "C" collation, as migration 0007 indexes it: a linguistic collation orders text otherwise.
  prefixRange: (expression, prefix) =>
    sql<SqlBool>`(${expression} collate "C") >= ${prefix} and (${expression} collate "C") < ${prefixUpperBound(prefix)}`,
  endsWith: (expression, literal) =>
    literal === ""
      ? sql<SqlBool>`${expression} is not null`
      : sql<SqlBool>`right(${expression}, ${[...literal].length}) = ${literal}`,
};
