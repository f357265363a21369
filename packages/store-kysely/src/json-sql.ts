import type { RawBuilder, SqlBool } from "kysely";

/**
 * What differs between SQL dialects in the filter compiler: reading the JSON document column,
 * Unicode case folding (`scim_fold`), instants and substring tests. One implementation per
 * dialect: json-sql.sqlite.ts and json-sql.postgres.ts; database.ts picks the one in use.
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
  /**
   * Whether a text expression starts with `prefix`, as a range an index on the same expression
   * answers (comparing bytes, whatever the database's collation). Migration 0007's indexes are
   * built on what this yields for `user_name_key` and `display_name_key`.
   */
  prefixRange(expression: RawBuilder<unknown>, prefix: string): RawBuilder<SqlBool>;
}

/** The least string above every string that starts with `prefix` (bar ones that continue with U+10FFFF). */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}
