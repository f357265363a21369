import {
  compileFilter,
  type FilterNode,
  parseScimFilter,
  type ResourceSchema,
  ScimError,
} from "@scimkit/core";
import type { Kysely } from "kysely";
import type { Database } from "../db/database.js";
import { containsNul } from "./nul-character.js";

/** What the resource services need from outside: the database, a clock and ids (tests pass their own), the page cap. */
export interface ServiceDeps {
  readonly db: Kysely<Database>;
  readonly now: () => Date;
  readonly newId: () => string;
  /** The most results one page may hold (announced as `filter.maxResults`). */
  readonly maxResults: number;
}

/** A list request after parameter parsing (RFC 7644 §3.4.2), from the query string or a SearchRequest. */
export interface ListRequest {
  readonly filter?: string | undefined;
  readonly startIndex?: number | undefined;
  readonly count?: number | undefined;
  readonly sortBy?: string | undefined;
  readonly sortOrder?: string | undefined;
}

/** The same request ready for a repository: a checked filter AST, a sort column, a clamped page. */
export interface ListQuery {
  readonly filter?: FilterNode;
  readonly sortBy?: { readonly column: string; readonly descending: boolean };
  readonly startIndex: number;
  readonly count: number;
}

/**
 * Turns a list request into a query: the filter is parsed and checked against the schema once
 * (unknown attributes and wrong literal types are 400 invalidFilter before any SQL), `sortBy`
 * names a column from `sortColumns` (keys lower-case, optionally URN-qualified; others are 400
 * invalidValue), `startIndex` is at least 1 and `count` between 0 and `maxResults`
 * (RFC 7644 §3.4.2.4).
 */
export function toListQuery(
  request: ListRequest,
  schema: ResourceSchema,
  sortColumns: Readonly<Record<string, string>>,
  maxResults: number,
): ListQuery {
  let filter: FilterNode | undefined;
  if (request.filter !== undefined && request.filter.trim() !== "") {
    filter = parseScimFilter(request.filter);
    // An escaped U+0000 in a literal matches nothing stored, and PostgreSQL cannot bind it.
    if (containsNul(filter)) throw ScimError.invalidFilter("A filter value may not contain U+0000.");
    compileFilter(filter, schema);
  }
  const column = sortColumn(request.sortBy, schema, sortColumns);
  return {
    ...(filter === undefined ? {} : { filter }),
    ...(column === undefined ? {} : { sortBy: { column, descending: request.sortOrder === "descending" } }),
    startIndex: Math.max(1, request.startIndex ?? 1),
    count: Math.min(Math.max(0, request.count ?? maxResults), maxResults),
  };
}

function sortColumn(
  sortBy: string | undefined,
  schema: ResourceSchema,
  columns: Readonly<Record<string, string>>,
) {
  if (sortBy === undefined || sortBy.trim() === "") return undefined;
  const key = sortBy.trim().toLowerCase();
  const prefix = `${schema.core.id.toLowerCase()}:`;
  const column = columns[key.startsWith(prefix) ? key.slice(prefix.length) : key];
  if (column === undefined) {
    const names = Object.keys(columns).join(", ");
    throw ScimError.invalidValue(
      `sortBy ${JSON.stringify(sortBy)} is not supported for ${schema.name}; sort by one of ${names}.`,
    );
  }
  return column;
}
