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
import { byId, requireGroups } from "./idp-requests.js";
import { eqFilterQuery } from "./user-lists.js";

/** The ids of the groups `GET /Groups?filter=displayName eq "…"` finds (JumpCloud's group lookup). */
async function groupsNamed(ctx: CaseContext, displayName: string, what: string): Promise<string[]> {
  const page = await listGroupsRaw(ctx, eqFilterQuery("displayName", displayName), what);
  return (page.Resources ?? []).map((group) => group.id);
}

/** JumpCloud creates a group only with members (empty groups are not created): here, the first one. */
async function pushGroup(ctx: CaseContext, label: string, members: number) {
  requireGroups(ctx);
  const ids = await memberUsers(ctx, label, members);
  const displayName = ctx.unique(label);
  const first = ids.slice(0, 1).map((value) => ({ value }));
  const body = { schemas: [ScimUrn.Group], displayName, members: first };
  const group = await createGroup(ctx, body, "group_create_provision: POST /Groups with its first member");
  return { group, displayName, ids };
}

/**
 * JumpCloud group management (docs/reference/idp-requests.md#jumpcloud-groups); each case skips when
 * Group is not announced.
 */
export const jumpCloudGroupCases: readonly ConformanceCase[] = [
  {
    name: "group_create_provision: the displayName eq lookup finds nothing, POST /Groups with its first member answers 201 with that member, then the lookup finds it (JumpCloud takes over a group whose name matches)",
    creates: true,
    async run(ctx) {
      requireGroups(ctx);
      const name = ctx.unique("jc-group");
      checkEqual(await groupsNamed(ctx, name, "lookup before create"), [], "group lookup before create");
      const ids = await memberUsers(ctx, "jc-group", 1);
      const body = { schemas: [ScimUrn.Group], displayName: name, members: ids.map((value) => ({ value })) };
      const group = await createGroup(ctx, body, "POST /Groups with its first member");
      checkEqual(
        (group.members ?? []).map((member) => member.value),
        ids,
        "POST /Groups: members in the 201 body",
      );
      checkEqual(
        await groupsNamed(ctx, name, "lookup after create"),
        [group.id],
        "group lookup after create",
      );
    },
  },
  {
    name: "group_update_provision: PUT /Groups/{id} with the full member list answers 200 and leaves exactly those members",
    creates: true,
    async run(ctx) {
      const { group, displayName, ids } = await pushGroup(ctx, "jc-group-put", 3);
      const body = { schemas: [ScimUrn.Group], displayName, members: ids.map((value) => ({ value })) };
      const put = await ctx.client.PUT("/Groups/{id}", { ...byId(group.id), body });
      await checkStatus(put.response, 200, "PUT /Groups/{id} with the full list");
      await checkMembers(ctx, group.id, ids, "after PUT");
    },
  },
  {
    name: "group_update_provision: add and remove with path members and value [{value}] (no filter, no display) answer 200 or 204",
    creates: true,
    async run(ctx) {
      const { group, ids } = await pushGroup(ctx, "jc-group-patch", 3);
      const [first = "", second = "", third = ""] = ids;
      const values = (...members: string[]) => members.map((value) => ({ value }));
      await patchGroup(ctx, group.id, "PATCH add members", {
        op: "add",
        path: "members",
        value: values(second, third),
      });
      await checkMembers(ctx, group.id, [first, second, third], "after add");
      await patchGroup(ctx, group.id, "PATCH remove members by value", {
        op: "remove",
        path: "members",
        value: values(second),
      });
      await checkMembers(ctx, group.id, [first, third], "after remove by value list");
    },
  },
  {
    name: "rename: replace path displayName answers 200 or 204; the lookup finds the new name and not the old",
    creates: true,
    async run(ctx) {
      const { group, displayName } = await pushGroup(ctx, "jc-group-rename", 1);
      const renamed = ctx.unique("jc-group-renamed");
      await patchGroup(ctx, group.id, "PATCH replace displayName", {
        op: "replace",
        path: "displayName",
        value: renamed,
      });
      checkEqual(
        await groupsNamed(ctx, renamed, "lookup of the new name"),
        [group.id],
        "lookup of the new name",
      );
      checkEqual(await groupsNamed(ctx, displayName, "lookup of the old name"), [], "lookup of the old name");
    },
  },
  {
    name: "Test Connection: the test group is created with the test user (201) and deleted (204); the test user survives its group",
    creates: true,
    async run(ctx) {
      const { group, ids } = await pushGroup(ctx, "jc-test-group", 1);
      const [testUser = ""] = ids;
      await deleteGroup(ctx, group.id, "group_delete_provision: DELETE /Groups/{id}");
      const user = await ctx.client.GET("/Users/{id}", byId(testUser));
      await checkStatus(user.response, 200, "GET /Users/{id} of the test user after its group was deleted");
      const groups = (user.data?.groups ?? []).map((g) => g.value);
      check(!groups.includes(group.id), "the deleted group is still on the test user's groups");
      const deleted = await ctx.client.DELETE("/Users/{id}", byId(testUser));
      await checkStatus(deleted.response, [204, 403, 405, 501], "user_delete_provision: DELETE /Users/{id}");
    },
  },
];
