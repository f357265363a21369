import type { ListResponse, ScimGroup, ScimUser, SortOrder } from "@scimkit/types";
import type { ScimClient } from "./client.js";
import type { ScimFilter } from "./filter.js";
import { dataOrThrow } from "./scim-client-error.js";

/** The list endpoints {@link paginate} walks (RFC 7644 §3.4.2). */
export type ScimListPath = "/Users" | "/Groups";

/** The resource a list endpoint returns: `ScimUser` for `/Users`, `ScimGroup` for `/Groups`. */
export type ScimResourceOf<P extends ScimListPath> = P extends "/Users" ? ScimUser : ScimGroup;

/** Query parameters of a list request (RFC 7644 §3.4.2), plus an abort signal. */
export interface PaginateOptions {
  /** A filter from the `filter` builder; a string is sent as is (RFC 7644 §3.4.2.2). */
  readonly filter?: ScimFilter | string;
  /** Page size asked for; the server may return fewer (RFC 7644 §3.4.2.4). */
  readonly count?: number;
  /** 1-based index of the first resource; default 1 (RFC 7644 §3.4.2.4). */
  readonly startIndex?: number;
  /** Attribute path to sort by (RFC 7644 §3.4.2.3). */
  readonly sortBy?: string;
  /** Sort order (RFC 7644 §3.4.2.3). */
  readonly sortOrder?: SortOrder;
  /** Attributes to return (RFC 7644 §3.4.2.5); sent comma-separated. */
  readonly attributes?: readonly string[];
  /** Attributes to leave out (RFC 7644 §3.4.2.5); sent comma-separated. */
  readonly excludedAttributes?: readonly string[];
  /** Aborts the request in flight and the iteration. */
  readonly signal?: AbortSignal;
}

interface ListQuery {
  filter?: string;
  startIndex: number;
  count?: number;
  sortBy?: string;
  sortOrder?: SortOrder;
  attributes?: string;
  excludedAttributes?: string;
}

function baseQuery(options: PaginateOptions): Omit<ListQuery, "startIndex"> {
  const { filter, count, sortBy, sortOrder, attributes, excludedAttributes } = options;
  return {
    ...(filter === undefined ? {} : { filter: String(filter) }),
    ...(count === undefined ? {} : { count }),
    ...(sortBy === undefined ? {} : { sortBy }),
    ...(sortOrder === undefined ? {} : { sortOrder }),
    ...(attributes === undefined ? {} : { attributes: attributes.join(",") }),
    ...(excludedAttributes === undefined ? {} : { excludedAttributes: excludedAttributes.join(",") }),
  };
}

async function fetchPage(
  client: ScimClient,
  path: ScimListPath,
  query: ListQuery,
  signal: AbortSignal | undefined,
): Promise<ListResponse<ScimUser | ScimGroup> | undefined> {
  const init = { params: { query }, ...(signal === undefined ? {} : { signal }) };
  return path === "/Users"
    ? dataOrThrow(await client.GET(path, init))
    : dataOrThrow(await client.GET(path, init));
}

/**
 * Iterates every resource of `/Users` or `/Groups` matching `options`, page by page (RFC 7644
 * §3.4.2.4). `startIndex` advances by the number of Resources each page actually holds (servers may
 * return fewer than `count`). It stops when `totalResults` is reached, and — so that a server with a
 * wrong `totalResults` or one that ignores `startIndex` cannot make it loop forever — on an empty page
 * or a page with no resource it has not already yielded. Resources repeated across pages (offset paging
 * over changing data) are yielded once. Throws {@link ScimClientError} on an error answer.
 *
 * @example for await (const user of paginate(client, "/Users", { filter: filter.pr("title") })) {}
 */
export async function* paginate<P extends ScimListPath>(
  client: ScimClient,
  path: P,
  options: PaginateOptions = {},
): AsyncGenerator<ScimResourceOf<P>, void, undefined> {
  const query = baseQuery(options);
  const seen = new Set<string>();
  let startIndex = Math.max(1, options.startIndex ?? 1);
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await fetchPage(client, path, { ...query, startIndex }, options.signal);
    const resources = page?.Resources ?? [];
    const fresh = resources.filter((r) => !seen.has(r.id));
    for (const resource of fresh) {
      seen.add(resource.id);
      // The response type follows `path`, which TypeScript cannot correlate through the union above.
      yield resource as ScimResourceOf<P>;
    }
    startIndex += resources.length;
    if (fresh.length === 0 || page === undefined || startIndex > page.totalResults) return;
  }
}

/**
 * Collects every resource {@link paginate} yields into an array (RFC 7644 §3.4.2.4).
 * Throws {@link ScimClientError} on an error answer.
 */
export async function listAll<P extends ScimListPath>(
  client: ScimClient,
  path: P,
  options: PaginateOptions = {},
): Promise<ScimResourceOf<P>[]> {
  const all: ScimResourceOf<P>[] = [];
  for await (const resource of paginate(client, path, options)) all.push(resource);
  return all;
}
