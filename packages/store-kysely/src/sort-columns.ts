import { columnFor, parseAttrPath, type ResourceMapping, resolveAttribute, ScimError } from "@scimkit/core";
import type { SortKey } from "@scimkit/router";
import { sql } from "kysely";
import type { SortExpression } from "./list-order.js";
import { documentPath, type SqlFilterTarget } from "./sql-filter-target.js";

/** The column a sort key's attribute has in the mapping (its folded key for a `caseExact: false` string). */
function mappedColumn(mapping: ResourceMapping, key: SortKey): string | undefined {
  const resolved = resolveAttribute(mapping.schema, parseAttrPath(key.attribute));
  const target = resolved?.target;
  const caseInsensitive = target?.type === "string" && target.caseExact !== true;
  return resolved === undefined ? undefined : columnFor(mapping, resolved.path, caseInsensitive)?.column;
}

/**
 * The column a sort key orders by: the mapping's column for the attribute, its case-folded key
 * for a `caseExact: false` string (RFC 7644 §3.4.2.3 sorts by the attribute's own comparison).
 * An attribute without a column cannot be sorted this way: 400 invalidValue naming those that can.
 */
export function sortColumn(mapping: ResourceMapping, key: SortKey): string {
  const column = mappedColumn(mapping, key);
  if (column === undefined) {
    throw ScimError.invalidValue(
      `Cannot sort ${mapping.schema.name} by ${JSON.stringify(key.attribute)}; sort by one of ${sortableAttributes(mapping).join(", ")}.`,
    );
  }
  return column;
}

/**
 * What a sort key orders by over a filter target: the mapping's column when the attribute has
 * one (as {@link sortColumn}), else a single-valued string attribute's value in the JSON
 * document, case-folded unless `caseExact` (the same value and folding the filter compiler
 * compares), selected as `sort_<index>` for keyset pages. Not indexed: the list runs over the
 * tenant's rows in SQL. Anything else (a multi-valued or non-string attribute without a column)
 * is 400 invalidValue.
 */
export function sortTerm(target: SqlFilterTarget, key: SortKey, index: number): string | SortExpression {
  const column = mappedColumn(target.mapping, key);
  if (column !== undefined) return column;
  const resolved = resolveAttribute(target.schema, parseAttrPath(key.attribute));
  const value = resolved?.target;
  const singular = resolved !== undefined && !resolved.attribute.multiValued;
  if (resolved === undefined || value === undefined || !singular || value.type !== "string") {
    throw ScimError.invalidValue(
      `Cannot sort ${target.schema.name} by ${JSON.stringify(key.attribute)}; sort by one of ${sortableAttributes(target.mapping).join(", ")} or a single-valued string attribute.`,
    );
  }
  const base = documentPath(resolved);
  const path = resolved.subAttribute === undefined ? base : [...base, resolved.subAttribute.name];
  const document = target.document ?? "document";
  return {
    column: `sort_${index}`,
    expression: (alias) => {
      const extracted = target.json.extract(sql.ref(`${alias}.${document}`), path);
      return value.caseExact === true ? extracted : target.json.fold(extracted);
    },
  };
}

/** The attributes a store over this mapping sorts by: those with a column (not `meta.version`). */
function sortableAttributes(mapping: ResourceMapping): string[] {
  return [...new Set(mapping.columns.map((spec) => spec.attribute))].filter(
    (attribute) => attribute !== "meta.version",
  );
}
