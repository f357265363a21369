import type { ScimUser } from "@scimkit/types";
import type { UserRead } from "../ports/records.js";
import { representationTag, storedVersion } from "../resources/resource-version.js";

/**
 * The resource as returned: `meta.resourceType` and `meta.location` added (RFC 7643 §3.1), and
 * `groups` derived from membership (RFC 7643 §4.1.2; readOnly, "direct" membership only).
 */
export function userToScim(user: UserRead, scimBaseUrl: string): ScimUser {
  const resource = user.resource as ScimUser;
  const { groups } = user;
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
      version: userTag(user),
    },
  };
}

/** The ETag of a user as read: its version and its groups (see `representationTag`). */
export function userTag(user: UserRead): string {
  return representationTag(
    storedVersion(user.resource),
    user.groups.map((g) => g.id),
  );
}
