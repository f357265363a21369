import { groupResourceSchema, type ResourceSchema, userResourceSchema } from "../schema/resource-schemas.js";

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
 * plus one JSON document for everything else. An app adopting scimkit changes what it stores here,
 * in one place; the server's repository and SQL filter compiler read the same mapping.
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

const text = (column: string, attribute: string): ColumnSpec => ({
  column,
  attribute,
  role: "value",
  encoding: "text",
});
const key = (column: string, attribute: string): ColumnSpec => ({
  column,
  attribute,
  role: "key",
  encoding: "text",
});
const dateTime = (column: string, attribute: string): ColumnSpec => ({
  column,
  attribute,
  role: "value",
  encoding: "dateTime",
});

/** The reference server's User record: the attributes IdPs query most are columns. */
export const userMapping: ResourceMapping = {
  schema: userResourceSchema,
  columns: [
    text("id", "id"),
    text("external_id", "externalId"),
    text("user_name", "userName"),
    key("user_name_key", "userName"),
    text("display_name", "displayName"),
    key("display_name_key", "displayName"),
    { column: "active", attribute: "active", role: "value", encoding: "boolean" },
    text("user_type", "userType"),
    dateTime("created_at", "meta.created"),
    dateTime("updated_at", "meta.lastModified"),
    text("version", "meta.version"),
  ],
  valueRows: [
    {
      attribute: "emails",
      fields: [
        { subAttribute: "value", column: "value_key", fold: true },
        { subAttribute: "type", column: "type_key", fold: true },
        { subAttribute: "primary", column: "is_primary", fold: false },
      ],
    },
  ],
  storedElsewhere: ["groups"],
};

/** The reference server's Group record; memberships live in their own table. */
export const groupMapping: ResourceMapping = {
  schema: groupResourceSchema,
  columns: [
    text("id", "id"),
    text("external_id", "externalId"),
    text("display_name", "displayName"),
    key("display_name_key", "displayName"),
    dateTime("created_at", "meta.created"),
    dateTime("updated_at", "meta.lastModified"),
    text("version", "meta.version"),
  ],
  valueRows: [],
  storedElsewhere: ["members"],
};
