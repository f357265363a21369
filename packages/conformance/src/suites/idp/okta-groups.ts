import { ScimUrn } from "@scimkit/types";
import type { CaseContext, ConformanceCase } from "../../suite-types.js";
import { check, checkEqual } from "../checks.js";
import {
  checkMembers,
  createGroup,
  deleteGroup,
  listGroupsRaw,
  memberUsers,
  patchGroup,
  readGroup,
} from "./group-requests.js";
import { asPutBody, putUser, readUser, requireGroups } from "./idp-requests.js";

/** Okta's group push create: `members: []` (docs/reference/idp-requests.md#okta-group-push). */
async function pushGroup(ctx: CaseContext, label: string) {
  requireGroups(ctx);
  const displayName = ctx.unique(label);
  const body = { schemas: [ScimUrn.Group], displayName, members: [] };
  return { group: await createGroup(ctx, body, "POST /Groups with members: []"), displayName };
}

/** Okta's member add: `path: "members"`, values with a `display` (Okta's is the userName; it is read-only, RFC 7643 §4.2). */
function addMembers(...ids: string[]) {
  return { op: "add", path: "members", value: ids.map((value) => ({ value, display: value })) };
}

const PAGE = 100;
const MAX_PAGES = 50;

/**
 * The group cases of Okta group push (docs/reference/idp-requests.md#okta-group-push); each skips when
 * Group is not announced.
 */
export const oktaGroupCases: readonly ConformanceCase[] = [
  {
    name: "group push: POST /Groups with members: [] answers 201 with id, displayName and meta.resourceType Group",
    creates: true,
    async run(ctx) {
      const { group, displayName } = await pushGroup(ctx, "okta-group");
      checkEqual(
        { displayName: group.displayName, resourceType: group.meta?.resourceType },
        { displayName, resourceType: "Group" },
        "POST /Groups: the created group",
      );
    },
  },
  {
    name: "group push: GET /Groups?startIndex=1&count=100, paged like users, reaches the pushed group and GET /Groups/{id} reads it",
    creates: true,
    async run(ctx) {
      const { group, displayName } = await pushGroup(ctx, "okta-group-list");
      let found = false;
      for (let page = 0, startIndex = 1; page < MAX_PAGES && !found; page++, startIndex += PAGE) {
        const what = `GET /Groups?startIndex=${startIndex}&count=${PAGE}`;
        const body = await listGroupsRaw(ctx, `startIndex=${startIndex}&count=${PAGE}`, what);
        found = (body.Resources ?? []).some((g) => g.id === group.id && g.displayName === displayName);
        if (startIndex + PAGE > body.totalResults) break;
      }
      check(found, "GET /Groups paging never returned the pushed group");
      const read = await readGroup(ctx, group.id, "GET /Groups/{id}");
      check(read.displayName === displayName, "GET /Groups/{id}: wrong displayName");
    },
  },
  {
    name: "group push: rename by a path-less replace {id, displayName} answers 200 or 204 and stores the new name",
    creates: true,
    async run(ctx) {
      const { group } = await pushGroup(ctx, "okta-group-rename");
      const renamed = ctx.unique("okta-group-renamed");
      await patchGroup(ctx, group.id, "PATCH replace {id, displayName}", {
        op: "replace",
        value: { id: group.id, displayName: renamed },
      });
      const read = await readGroup(ctx, group.id, "GET /Groups/{id} after the rename");
      check(read.displayName === renamed, `rename: displayName is ${JSON.stringify(read.displayName)}`);
    },
  },
  {
    name: 'group push: one PATCH removing members[value eq "…"] and adding another member answers 200 or 204 and moves the membership',
    creates: true,
    async run(ctx) {
      const { group } = await pushGroup(ctx, "okta-group-move");
      const [ann = "", bob = "", cat = ""] = await memberUsers(ctx, "okta-move", 3);
      await patchGroup(ctx, group.id, "PATCH add members", addMembers(ann, bob));
      await checkMembers(ctx, group.id, [ann, bob], "after add");
      await patchGroup(
        ctx,
        group.id,
        "PATCH remove members[value eq] + add members",
        { op: "remove", path: `members[value eq ${JSON.stringify(ann)}]` },
        addMembers(cat),
      );
      await checkMembers(ctx, group.id, [bob, cat], "after remove + add in one PATCH");
    },
  },
  {
    name: "group push: replace path members with the full list answers 200 or 204 and leaves exactly that list",
    creates: true,
    async run(ctx) {
      const { group } = await pushGroup(ctx, "okta-group-full");
      const [ann = "", bob = "", cat = ""] = await memberUsers(ctx, "okta-full", 3);
      await patchGroup(ctx, group.id, "PATCH add members", addMembers(ann, bob));
      const full = { op: "replace", path: "members", value: [{ value: bob }, { value: cat }] };
      await patchGroup(ctx, group.id, "PATCH replace members", full);
      await checkMembers(ctx, group.id, [bob, cat], "after replace members");
    },
  },
  {
    name: "profile push of a group member: the full PUT re-sending the user's groups attribute answers 200 and keeps the membership",
    creates: true,
    async run(ctx) {
      const { group } = await pushGroup(ctx, "okta-group-member");
      const [ann = ""] = await memberUsers(ctx, "okta-member", 1);
      await patchGroup(ctx, group.id, "PATCH add members", addMembers(ann));
      const current = await readUser(ctx, ann, "GET /Users/{id} of the member");
      const groups = (current.groups ?? []).map((g) => g.value);
      checkEqual(groups, [group.id], "the member's groups attribute (RFC 7643 §4.1.2)");
      const body = { ...asPutBody(current), name: { ...current.name, givenName: "Pushed" } };
      await putUser(ctx, ann, body, "PUT /Users/{id} re-sending groups");
      await checkMembers(ctx, group.id, [ann], "after the member's profile push");
    },
  },
  {
    name: 'group push: "Delete the group in the target app" — DELETE /Groups/{id} answers 204 and the group is gone',
    creates: true,
    async run(ctx) {
      const { group } = await pushGroup(ctx, "okta-group-delete");
      await deleteGroup(ctx, group.id, "DELETE /Groups/{id}");
    },
  },
];
