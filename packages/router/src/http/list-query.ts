import {
  compileFilter,
  type FilterNode,
  parseScimFilter,
  type ResourceSchema,
  ScimError,
} from "@scimkit/core";
import type { ListQuery } from "../ports/store-ports.js";
import { containsNul } from "./nul-character.js";

/** A list request after parameter parsing (RFC 7644 §3.4.2), from the query string or a SearchRequest. */
export interface ListRequest {
  readonly filter?: string | undefined;
  readonly startIndex?: number | undefined;
  readonly count?: number | undefined;
  readonly sortBy?: string | undefined;
  readonly sortOrder?: string | undefined;
}

/**
 * Turns a list request into a query: the filter is parsed and checked against the schema once
 * (unknown attributes and wrong literal types are 400 invalidFilter before any store sees it),
 * `sortBy` names one of `sortable` (canonical attribute paths, matched case-insensitively and
 * optionally URN-qualified; others are 400 invalidValue), `startIndex` is at least 1 and `count`
 * between 0 and `maxResults` (RFC 7644 §3.4.2.4).
 */
export function toListQuery(
  request: ListRequest,
  schema: ResourceSchema,
  sortable: readonly string[],
  maxResults: number,
): ListQuery & { readonly page: { readonly kind: "offset"; readonly startIndex: number } } {
  let filter: FilterNode | undefined;
  if (request.filter !== undefined && request.filter.trim() !== "") {
    filter = parseScimFilter(request.filter);
    // An escaped U+0000 in a literal matches nothing stored, and PostgreSQL cannot bind it.
    if (containsNul(filter)) throw ScimError.invalidFilter("A filter value may not contain U+0000.");
    compileFilter(filter, schema);
  }
  const attribute = sortAttribute(request.sortBy, schema, sortable);
  return {
    ...(filter === undefined ? {} : { filter }),
    ...(attribute === undefined
      ? {}
      : { sort: [{ attribute, descending: request.sortOrder === "descending" }] }),
    page: {
      kind: "offset",
      startIndex: Math.max(1, request.startIndex ?? 1),
      count: Math.min(Math.max(0, request.count ?? maxResults), maxResults),
    },
  };
}

function sortAttribute(sortBy: string | undefined, schema: ResourceSchema, sortable: readonly string[]) {
  if (sortBy === undefined || sortBy.trim() === "") return undefined;
  const key = sortBy.trim().toLowerCase();
  const prefix = `${schema.core.id.toLowerCase()}:`;
  const name = key.startsWith(prefix) ? key.slice(prefix.length) : key;
  const attribute = sortable.find((candidate) => candidate.toLowerCase() === name);
  if (attribute === undefined) {
    const names = sortable.join(", ");
    throw ScimError.invalidValue(
      `sortBy ${JSON.stringify(sortBy)} is not supported for ${schema.name}; sort by one of ${names}.`,
    );
  }
  return attribute;
}
