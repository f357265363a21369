import { ScimError } from "@scimkit/core";
import type { ScimUser } from "@scimkit/types";
import type { StoredUser } from "./users.repository.js";

/** `W/"<n>"`: the weak ETag of a resource version (RFC 7644 §3.14). */
export function versionTag(version: number): string {
  return `W/"${version}"`;
}

/** The number inside a version tag (1 for anything unreadable, so the next write still moves forward). */
export function versionNumber(tag: string): number {
  const match = /^W\/"(\d+)(?:-[0-9a-z]+)?"$/.exec(tag);
  return match ? Number(match[1]) : 1;
}

/**
 * The ETag of a user's representation. A user's `groups` come from membership rows, which change
 * without the user's row changing, so the tag carries a hash of the group ids next to the row's
 * version: a cached representation with stale groups is never answered 304, and an If-Match
 * written against it fails (RFC 7644 §3.14: the version identifies the representation).
 */
export function representationTag(version: string, groupIds: readonly string[]): string {
  if (groupIds.length === 0) return version;
  let hash = 0x811c9dc5;
  for (const char of [...groupIds].sort().join(",")) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `W/"${versionNumber(version)}-${hash.toString(36)}"`;
}

/**
 * Whether an `If-Match` / `If-None-Match` header names the current version (RFC 7232 §3.1 list
 * syntax; `*` matches any; weak comparison, since SCIM versions are weak ETags).
 */
export function etagMatches(header: string, current: string): boolean {
  const strip = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || strip(tag) === strip(current));
}

/** Throws 412 unless the `If-Match` header (when given) names the current version (RFC 7644 §3.14). */
export function requireIfMatch(ifMatch: string | undefined, current: string, resourceType: string): void {
  if (ifMatch !== undefined && !etagMatches(ifMatch, current)) {
    throw ScimError.preconditionFailed(
      `The ${resourceType.toLowerCase()} has changed: its version is ${current}, If-Match named ${ifMatch}.`,
    );
  }
}

/**
 * The resource as returned: `meta.resourceType` and `meta.location` added (RFC 7643 §3.1), and
 * `groups` derived from membership (RFC 7643 §4.1.2; readOnly, "direct" membership only).
 */
export function userToScim(
  user: StoredUser,
  scimBaseUrl: string,
  groups: readonly { id: string; display: string }[] = [],
): ScimUser {
  const resource = user.resource as ScimUser;
  return {
    ...resource,
    ...(groups.length === 0
      ? {}
      : {
          groups: groups.map((g) => ({
            value: g.id,
            $ref: `${scimBaseUrl}/Groups/${g.id}`,
            display: g.display,
            type: "direct",
          })),
        }),
    meta: {
      ...resource.meta,
      resourceType: "User",
      location: `${scimBaseUrl}/Users/${resource.id}`,
      version: representationTag(
        String(resource.meta?.version ?? ""),
        groups.map((g) => g.id),
      ),
    },
  };
}
