import type { ScimGroup, ScimUser } from "@scimkit/types";
import type { ScimClient } from "./client.js";
import { filter } from "./filter.js";
import { paginate, type ScimListPath, type ScimResourceOf } from "./paginate.js";

/** Options of the lookups. */
export interface LookupOptions {
  /** Aborts the request. */
  readonly signal?: AbortSignal;
}

/**
 * The first resource at `path` whose `attribute` equals `value`, or undefined. One request of
 * `count=1` (RFC 7644 §3.4.2.4); throws {@link ScimClientError} on an error answer.
 */
async function findOne<P extends ScimListPath>(
  client: ScimClient,
  path: P,
  attribute: string,
  value: string,
  options: LookupOptions,
): Promise<ScimResourceOf<P> | undefined> {
  const pages = paginate(client, path, { filter: filter.eq(attribute, value), count: 1, ...options });
  const first = await pages.next();
  // Stop the generator so no further page is requested.
  await pages.return(undefined);
  return first.done ? undefined : first.value;
}

/**
 * Finds the User with this `userName` (RFC 7643 §4.1.1; matched case-insensitively by the server,
 * as `userName` is not caseExact), or undefined. Throws {@link ScimClientError} on an error answer.
 */
export function findUserByUserName(
  client: ScimClient,
  userName: string,
  options: LookupOptions = {},
): Promise<ScimUser | undefined> {
  return findOne(client, "/Users", "userName", userName, options);
}

/**
 * Finds a User by the provisioning client's `externalId` (RFC 7643 §3.1), or undefined. `externalId`
 * is not required to be unique; if several match, the first the server returns wins.
 * Throws {@link ScimClientError} on an error answer.
 */
export function findUserByExternalId(
  client: ScimClient,
  externalId: string,
  options: LookupOptions = {},
): Promise<ScimUser | undefined> {
  return findOne(client, "/Users", "externalId", externalId, options);
}

/**
 * Finds a Group by `displayName` (RFC 7643 §4.2), or undefined; if several match, the first the
 * server returns wins. Throws {@link ScimClientError} on an error answer.
 */
export function findGroupByDisplayName(
  client: ScimClient,
  displayName: string,
  options: LookupOptions = {},
): Promise<ScimGroup | undefined> {
  return findOne(client, "/Groups", "displayName", displayName, options);
}
