import {
  foldCase,
  parseAttrPath,
  type ResolvedAttribute,
  type ResourceSchema,
  resolveAttribute,
  ScimError,
} from "@scimkit/core";
import type { ScimResource } from "../ports/records.js";
import type { KeysetPosition, Page, PageRequest, SortKey } from "../ports/store-ports.js";

/** One value of a sort key: folded text, a number (booleans as 0/1), or null when missing. */
type SortValue = string | number | null;

/** How a list orders its matches (RFC 7644 §3.4.2.3), completed by `meta.created` then `id`. */
export interface ListOrder {
  readonly schema: ResourceSchema;
  readonly sort?: readonly SortKey[] | undefined;
  /** The direction of the completing `meta.created`, `id` (users: newest first for the console). */
  readonly newestFirst: boolean;
}

interface Keyed<T> {
  readonly item: T;
  readonly key: readonly SortValue[];
}

/**
 * Orders the matches and cuts the page: by offset (RFC 7644 §3.4.2.4, 1-based `startIndex`) or
 * strictly after a keyset position. `total` is the number of matches; a keyset page with items
 * ends at its last item's sort values, `meta.created` and `id`.
 */
export function pageOf<T>(
  matches: readonly T[],
  resourceOf: (item: T) => ScimResource,
  order: ListOrder,
  page: PageRequest,
  total = matches.length,
): Page<T> {
  const sortKeys = [
    ...(order.sort ?? []).map((key) => ({
      read: sortReader(order.schema, key.attribute),
      desc: key.descending,
    })),
    { read: sortReader(order.schema, "meta.created"), desc: order.newestFirst },
    { read: sortReader(order.schema, "id"), desc: order.newestFirst },
  ];
  const descending = sortKeys.map((key) => key.desc);
  const keyed: Keyed<T>[] = matches.map((item) => {
    const resource = resourceOf(item);
    return { item, key: sortKeys.map((key) => key.read(resource)) };
  });
  keyed.sort((a, b) => compareKeys(a.key, b.key, descending));
  if (page.kind === "offset") {
    const start = Math.max(page.startIndex, 1) - 1;
    return { total, items: keyed.slice(start, start + Math.max(page.count, 0)).map((k) => k.item) };
  }
  const after = page.after;
  let start = 0;
  if (after !== undefined) {
    if (after.values.length !== descending.length)
      throw ScimError.invalidValue("The page position does not fit this query's sort order.");
    start = firstAfter(keyed, after.values, descending);
  }
  const slice = keyed.slice(start, start + Math.max(page.count, 0));
  const last = slice.at(-1);
  const end: KeysetPosition | undefined = last === undefined ? undefined : { values: [...last.key] };
  return { total, items: slice.map((k) => k.item), ...(end === undefined ? {} : { end }) };
}

/** The index of the first sorted item strictly after `position` (a binary search). */
function firstAfter<T>(
  keyed: readonly Keyed<T>[],
  position: readonly SortValue[],
  descending: readonly boolean[],
) {
  let low = 0;
  let high = keyed.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareKeys(keyed[middle]?.key ?? [], position, descending) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Sorts nulls first, then numbers, then text; each key in its own direction. */
function compareKeys(
  a: readonly SortValue[],
  b: readonly SortValue[],
  descending: readonly boolean[],
): number {
  for (let i = 0; i < descending.length; i++) {
    const order = compareValues(a[i] ?? null, b[i] ?? null);
    if (order !== 0) return descending[i] === true ? -order : order;
  }
  return 0;
}

function compareValues(a: SortValue, b: SortValue): number {
  const rank = (value: SortValue) => (value === null ? 0 : typeof value === "number" ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a === null || b === null || a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Reads one sort key from a resource: a caseExact:false string folded (RFC 7643 §2.2), a boolean
 * as 0/1, a multi-valued attribute by its primary (else first) value (RFC 7644 §3.4.2.3).
 *
 * @throws ScimError invalidValue for an attribute the resource type does not define.
 */
export function sortReader(schema: ResourceSchema, attribute: string): (resource: ScimResource) => SortValue {
  const resolved = resolveAttribute(schema, parseAttrPath(attribute));
  if (resolved === undefined)
    throw ScimError.invalidValue(`${attribute} is not an attribute of ${schema.name}.`);
  const fold = resolved.target.type === "string" && resolved.target.caseExact !== true;
  return (resource) => sortValue(readTarget(resource, resolved), fold);
}

function readTarget(resource: ScimResource, resolved: ResolvedAttribute): unknown {
  const container = resolved.inExtension ? resource[resolved.schemaUrn] : resource;
  if (!isObject(container)) return undefined;
  let value = container[resolved.attribute.name];
  if (Array.isArray(value)) value = value.find((v) => isObject(v) && v.primary === true) ?? value[0];
  const sub = resolved.subAttribute?.name ?? (resolved.attribute.type === "complex" ? "value" : undefined);
  if (sub === undefined) return value;
  return isObject(value) ? value[sub] : undefined;
}

function sortValue(value: unknown, fold: boolean): SortValue {
  if (typeof value === "string") return fold ? foldCase(value) : value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return value;
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
