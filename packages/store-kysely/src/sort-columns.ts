import { columnFor, parseAttrPath, type ResourceMapping, resolveAttribute, ScimError } from "@scimkit/core";
import type { SortKey } from "@scimkit/router";

/**
 * The column a sort key orders by: the mapping's column for the attribute, its case-folded key
 * for a `caseExact: false` string (RFC 7644 §3.4.2.3 sorts by the attribute's own comparison).
 * An attribute without a column cannot be sorted in SQL: 400 invalidValue naming those that can.
 */
export function sortColumn(mapping: ResourceMapping, key: SortKey): string {
  const resolved = resolveAttribute(mapping.schema, parseAttrPath(key.attribute));
  const target = resolved?.target;
  const caseInsensitive = target?.type === "string" && target.caseExact !== true;
  const column = resolved === undefined ? undefined : columnFor(mapping, resolved.path, caseInsensitive);
  if (column === undefined) {
    throw ScimError.invalidValue(
      `Cannot sort ${mapping.schema.name} by ${JSON.stringify(key.attribute)}; sort by one of ${sortableAttributes(mapping).join(", ")}.`,
    );
  }
  return column.column;
}

/** The attributes a store over this mapping sorts by: those with a column (not `meta.version`). */
function sortableAttributes(mapping: ResourceMapping): string[] {
  return [...new Set(mapping.columns.map((spec) => spec.attribute))].filter(
    (attribute) => attribute !== "meta.version",
  );
}
