import type { ScimGroup } from "@scimkit/types";
import type { GroupRead } from "../ports/records.js";

/** The group as returned: members (when read) with `$ref` and `display`, and `meta.location` (RFC 7643 §4.2). */
export function groupToScim(group: GroupRead, base: string): ScimGroup {
  const resource = group.resource as ScimGroup;
  const { members } = group;
  return {
    ...resource,
    ...(members === undefined
      ? {}
      : {
          members: members.map((m) => ({
            value: m.memberId,
            $ref: `${base}/Users/${m.memberId}`,
            display: m.display,
            type: "User" as const,
          })),
        }),
    meta: { ...resource.meta, resourceType: "Group", location: `${base}/Groups/${resource.id}` },
  };
}
