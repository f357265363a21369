import { ScimUrn } from "@scimkit/types";
import type { CaseContext, ConformanceCase } from "../../suite-types.js";
import { check, checkEqual, checkStatus } from "../checks.js";
import {
  checkMembers,
  createGroup,
  deleteGroup,
  listGroupsRaw,
  memberUsers,
  patchGroup,
} from "./group-requests.js";
import { requireGroups } from "./idp-requests.js";
import { eqFilterQuery } from "./user-lists.js";

/**
 * The Microsoft schema URN Entra adds to every group it creates
 * (docs/reference/idp-requests.md#entra-groups, ENTRA-DEV).
 */
const ADSCIM_GROUP = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";

/**
 * Entra's group create: ADSCIM URN, externalId, meta, and always without members
 * (docs/reference/idp-requests.md#entra-requirements, #entra-groups).
 */
async function pushGroup(ctx: CaseContext, label: string) {
  requireGroups(ctx);
  const displayName = ctx.unique(label);
  const body = {
    schemas: [ScimUrn.Group, ADSCIM_GROUP],
    externalId: ctx.unique(`${label}-oid`),
    displayName,
    meta: { resourceType: "Group" },
  };
  return { group: await createGroup(ctx, body, "POST /Groups with the ADSCIM URN"), displayName };
}

/**
 * Entra's group lookup: `excludedAttributes=members` with a `displayName eq` filter
 * (docs/reference/idp-requests.md#entra-groups).
 */
async function lookup(ctx: CaseContext, displayName: string) {
  const query = `excludedAttributes=members&${eqFilterQuery("displayName", displayName)}`;
  return listGroupsRaw(ctx, query, "GET /Groups?excludedAttributes=members&filter=displayName eq …");
}

/** Member objects as Entra sends them: `"$ref": null` beside the value. */
function refs(...ids: string[]) {
  return ids.map((value) => ({ $ref: null, value }));
}

/**
 * Entra ID group provisioning (docs/reference/idp-requests.md#entra-groups); each case skips when
 * Group is not announced.
 */
export const entraGroupCases: readonly ConformanceCase[] = [
  {
    name: "group create: POST /Groups with the ADSCIM schema URN, externalId and meta answers 201 with the group",
    creates: true,
    async run(ctx) {
      const { group, displayName } = await pushGroup(ctx, "entra-group");
      check(group.displayName === displayName, "POST /Groups: displayName not echoed");
    },
  },
  {
    name: "group lookup: GET /Groups?excludedAttributes=members&filter=displayName eq … and GET /Groups/{id}?excludedAttributes=members return the group without members",
    creates: true,
    async run(ctx) {
      const { group, displayName } = await pushGroup(ctx, "entra-group-find");
      const members = await memberUsers(ctx, "entra-find", 1);
      await patchGroup(ctx, group.id, "PATCH Add members", {
        op: "Add",
        path: "members",
        value: refs(...members),
      });
      const page = await lookup(ctx, displayName);
      checkEqual(
        (page.Resources ?? []).map((g) => g.id),
        [group.id],
        "lookup by displayName",
      );
      check(
        !("members" in (page.Resources?.[0] ?? {})),
        "lookup: members returned despite excludedAttributes",
      );
      const one = await ctx.raw("GET", `/Groups/${encodeURIComponent(group.id)}?excludedAttributes=members`);
      await checkStatus(one, 200, "GET /Groups/{id}?excludedAttributes=members");
      check(
        !("members" in ((await one.json()) as object)),
        "GET /Groups/{id}: members despite excludedAttributes",
      );
    },
  },
  {
    name: "group rename: Replace path displayName answers 204 (or 200) and the displayName filter finds the new name",
    creates: true,
    async run(ctx) {
      const { group } = await pushGroup(ctx, "entra-group-rename");
      const renamed = ctx.unique("entra-group-renamed");
      await patchGroup(ctx, group.id, "PATCH Replace displayName", {
        op: "Replace",
        path: "displayName",
        value: renamed,
      });
      const page = await lookup(ctx, renamed);
      checkEqual(
        (page.Resources ?? []).map((g) => g.id),
        [group.id],
        "lookup by the new name",
      );
    },
  },
  {
    name: 'membership: Add path members with [{"$ref": null, "value": …}] answers 204 (or 200) and the users become members',
    creates: true,
    async run(ctx) {
      const { group } = await pushGroup(ctx, "entra-group-add");
      const members = await memberUsers(ctx, "entra-add", 2);
      await patchGroup(ctx, group.id, "PATCH Add members", {
        op: "Add",
        path: "members",
        value: refs(...members),
      });
      await checkMembers(ctx, group.id, members, "after Add");
    },
  },
  {
    name: "membership (default job): Remove path members with a value array and no filter removes exactly those members",
    creates: true,
    async run(ctx) {
      const { group } = await pushGroup(ctx, "entra-group-remove");
      const [ann = "", bob = "", cat = ""] = await memberUsers(ctx, "entra-remove", 3);
      await patchGroup(ctx, group.id, "PATCH Add members", {
        op: "Add",
        path: "members",
        value: refs(ann, bob, cat),
      });
      await patchGroup(ctx, group.id, "PATCH Remove members by value", {
        op: "Remove",
        path: "members",
        value: refs(ann, bob),
      });
      await checkMembers(ctx, group.id, [cat], "after Remove with a value array");
    },
  },
  {
    name: 'membership (aadOptscim062020): remove path members[value eq "…"] removes that member',
    creates: true,
    async run(ctx) {
      const { group } = await pushGroup(ctx, "entra-group-filter");
      const [ann = "", bob = ""] = await memberUsers(ctx, "entra-filter", 2);
      await patchGroup(ctx, group.id, "PATCH Add members", {
        op: "Add",
        path: "members",
        value: refs(ann, bob),
      });
      await patchGroup(ctx, group.id, "PATCH remove members[value eq]", {
        op: "remove",
        path: `members[value eq ${JSON.stringify(ann)}]`,
      });
      await checkMembers(ctx, group.id, [bob], "after remove by filter");
    },
  },
  {
    name: "group delete: DELETE /Groups/{id} answers 204, then GET answers 404 and the displayName filter finds nothing",
    creates: true,
    async run(ctx) {
      const { group, displayName } = await pushGroup(ctx, "entra-group-delete");
      await deleteGroup(ctx, group.id, "DELETE /Groups/{id}");
      check((await lookup(ctx, displayName)).totalResults === 0, "displayName filter still finds the group");
    },
  },
];
