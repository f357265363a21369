import { parseAttributeNames, ScimError } from "@scimkit/core";
import { ScimUrn, type SortOrder } from "@scimkit/types";
import type { ListRequest } from "./list-query.js";
import type { JsonObject } from "./route-types.js";

/** A SearchRequest (RFC 7644 §3.4.3) as the list handlers use it. */
export interface SearchParameters {
  /** `filter`, `startIndex`, `count`, `sortBy`, `sortOrder`, as the query string would give them. */
  readonly list: ListRequest;
  /** `attributes`, each entry a checked attribute path (RFC 7644 §3.10). */
  readonly attributes?: string[];
  /** `excludedAttributes`, likewise. */
  readonly excluded?: string[];
}

/** The `sortOrder` values of spec/openapi.yaml's SortOrder (RFC 7644 §3.4.2.3). */
const sortOrders = ["ascending", "descending"] as const satisfies readonly SortOrder[];

/**
 * Reads the body of `POST /Users/.search` and `POST /Groups/.search` (RFC 7644 §3.4.3), the
 * SearchRequest of spec/openapi.yaml; both handlers call it, so both endpoints accept the same bodies:
 * - `schemas` must list the SearchRequest URN (matched case-insensitively, as PATCH's PatchOp URN
 *   is), else `400 invalidSyntax`: the message does not conform to its schema (RFC 7644 §3.12);
 * - a member of the wrong JSON type, a `startIndex` or `count` that is not an integer, a `sortOrder`
 *   other than `ascending`/`descending` (any case, as the query parameter), or a malformed attribute
 *   path is `400 invalidValue`, the error the same parameters get in a query string;
 * - a member that is null is absent (RFC 7643 §2.5); members the RFC does not define are ignored.
 * Ranges are the list query's business: a `startIndex` below 1 or a negative `count` is clamped there
 * (RFC 7644 §3.4.2.4).
 */
export function readSearchRequest(body: JsonObject): SearchParameters {
  requireSearchSchema(body.schemas);
  const filter = member(body, "filter", isString, "a string");
  const startIndex = member(body, "startIndex", isInteger, "an integer");
  const count = member(body, "count", isInteger, "an integer");
  const sortBy = member(body, "sortBy", isString, "a string");
  const sortOrder = member(body, "sortOrder", isSortOrder, `one of ${sortOrders.join(", ")}`);
  const attributes = attributeList(body, "attributes");
  const excluded = attributeList(body, "excludedAttributes");
  const list: ListRequest = {
    ...(filter === undefined ? {} : { filter }),
    ...(startIndex === undefined ? {} : { startIndex }),
    ...(count === undefined ? {} : { count }),
    ...(sortBy === undefined ? {} : { sortBy }),
    ...(sortOrder === undefined ? {} : { sortOrder: sortOrder.toLowerCase() }),
  };
  return {
    list,
    ...(attributes === undefined ? {} : { attributes }),
    ...(excluded === undefined ? {} : { excluded }),
  };
}

function requireSearchSchema(schemas: unknown): void {
  const urn = ScimUrn.SearchRequest.toLowerCase();
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === "string" && s.toLowerCase() === urn)) {
    throw ScimError.invalidSyntax(`"schemas" must contain "${ScimUrn.SearchRequest}" (RFC 7644 §3.4.3).`);
  }
}

/** The member `key` when it passes `accepts`; undefined when absent or null; else 400 invalidValue. */
function member<T>(
  body: JsonObject,
  key: string,
  accepts: (value: unknown) => value is T,
  what: string,
): T | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!accepts(value))
    throw ScimError.invalidValue(`SearchRequest "${key}" must be ${what} (RFC 7644 §3.4.3).`);
  return value;
}

/** `attributes` / `excludedAttributes`: an array of attribute paths, each checked by core's parseAttributeNames. */
function attributeList(body: JsonObject, key: string): string[] | undefined {
  const names = member(body, key, isStringArray, "an array of strings");
  if (names !== undefined) parseAttributeNames(names);
  return names;
}

const isString = (value: unknown): value is string => typeof value === "string";
const isInteger = (value: unknown): value is number => Number.isSafeInteger(value);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
const isSortOrder = (value: unknown): value is string =>
  typeof value === "string" && sortOrders.some((order) => order === value.toLowerCase());
