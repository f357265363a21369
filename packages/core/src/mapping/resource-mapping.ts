import type { ResourceSchema } from "../schema/resource-schemas.js";

/** A value as a column holds it. Booleans are stored as 0/1, dateTimes as ISO 8601 text. */
export type ColumnValue = string | number | null;

/**
 * One column of a resource's storage record.
 * - `value` columns own the attribute: it is stored there, not in the JSON document, and read back from there.
 * - `key` columns hold a derived lookup form (the case-folded value of a `caseExact: false` attribute),
 *   which the SQL filter compiler compares against and unique indexes enforce.
 */
export interface ColumnSpec {
  readonly column: string;
  /** The canonical SCIM path: `userName`, `name.givenName`, `meta.created`. */
  readonly attribute: string;
  readonly role: "value" | "key";
  readonly encoding: "text" | "boolean" | "dateTime";
}

/** A multi-valued attribute also stored as rows (one per value) so lookups on it are index seeks. */
export interface ValueRowsSpec {
  /** The multi-valued attribute, e.g. `emails`. */
  readonly attribute: string;
  /** Sub-attributes copied into each row; `caseExact: false` ones are stored folded. */
  readonly fields: readonly {
    readonly subAttribute: string;
    readonly column: string;
    readonly fold: boolean;
  }[];
}

/**
 * A declarative mapping between a SCIM resource and the app's storage record: indexed columns
 * plus one JSON document for everything else. A store over an app's own tables writes its own
 * mapping (the reference server's is apps/server/src/db/reference-mappings.ts); the store and its
 * SQL filter compiler read the same mapping.
 */
export interface ResourceMapping {
  readonly schema: ResourceSchema;
  readonly columns: readonly ColumnSpec[];
  readonly valueRows: readonly ValueRowsSpec[];
  /** Attributes kept in their own tables and never in the document (e.g. Group `members`). */
  readonly storedElsewhere: readonly string[];
}

/** A resource split for storage. */
export interface StorageRecord {
  readonly columns: Readonly<Record<string, ColumnValue>>;
  /** The rest of the resource, as a JSON-ready object. */
  readonly document: Readonly<Record<string, unknown>>;
  /** Rows per `valueRows` attribute, e.g. `{ emails: [{ value: "…", value_key: "…", … }] }`. */
  readonly valueRows: Readonly<Record<string, readonly Readonly<Record<string, ColumnValue>>[]>>;
}

/** A column that owns a text attribute (RFC 7643 §2.3.1 string, reference). */
export function textColumn(column: string, attribute: string): ColumnSpec {
  return { column, attribute, role: "value", encoding: "text" };
}

/** A column holding the case-folded lookup form of a `caseExact: false` attribute (unique indexes, filters). */
export function keyColumn(column: string, attribute: string): ColumnSpec {
  return { column, attribute, role: "key", encoding: "text" };
}

/** A column that owns a dateTime attribute as ISO 8601 text (RFC 7643 §2.3.5). */
export function dateTimeColumn(column: string, attribute: string): ColumnSpec {
  return { column, attribute, role: "value", encoding: "dateTime" };
}

/** A column that owns a boolean attribute as 1 / 0 (RFC 7643 §2.3.2). */
export function booleanColumn(column: string, attribute: string): ColumnSpec {
  return { column, attribute, role: "value", encoding: "boolean" };
}
