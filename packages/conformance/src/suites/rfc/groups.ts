import { filter, patchOp, patchPath } from "@scimkit/client";
import { ScimUrn } from "@scimkit/types";
import type { CaseContext, ConformanceSuite } from "../../suite-types.js";
import { check, checkEqual, checkStatus } from "../checks.js";
import { type AnnouncedFeature, announces, resourceTypeFor } from "./announced-features.js";
import { createGroup, groupBody, groupPath, memberIdsOf, memberUsers, readGroup } from "./group-fixtures.js";
import { checkScimError, type JsonBody, readJson } from "./scim-responses.js";

function requireFeature(ctx: CaseContext, feature: AnnouncedFeature): void {
  if (!announces(ctx.discovered, feature)) ctx.skip(`the server does not announce ${feature}.supported`);
}

/** Sends a PATCH to a group and returns it afterwards (the 200 body, or read back after a 204). */
async function patchGroup(ctx: CaseContext, id: string, body: unknown, what: string): Promise<JsonBody> {
  const response = await ctx.raw("PATCH", groupPath(id), { body: JSON.stringify(body) });
  await checkStatus(response, [200, 204], what);
  return response.status === 204
    ? readGroup(ctx, id, `GET /Groups/${id} after ${what}`)
    : readJson(response, what);
}

/** RFC 7644 §3 on /Groups (RFC 7643 §4.2): create with members, read, filter, PATCH members, PUT, DELETE. */
export const groupsSuite: ConformanceSuite = {
  name: "groups",
  title: "Groups (members, PATCH of members, PUT, DELETE)",
  requires: (discovered) =>
    resourceTypeFor(discovered, ScimUrn.Group) === undefined
      ? "the server does not announce Group"
      : undefined,
  cases: [
    {
      name: "POST /Groups with a member answers 201 with the member and meta (RFC 7644 §3.3)",
      creates: true,
      run: async (ctx) => {
        const [member] = await memberUsers(ctx);
        const group = await createGroup(ctx, "grp-create", [member.id]);
        checkEqual(group.resource.displayName, group.displayName, "POST /Groups: displayName");
        checkEqual(memberIdsOf(group.resource), [member.id], "POST /Groups: member ids");
        checkEqual(
          group.resource.meta?.resourceType,
          "Group",
          "POST /Groups: meta.resourceType (RFC 7644 §3.3.1)",
        );
        checkEqual(
          group.response.headers.get("location"),
          group.resource.meta?.location ?? null,
          "POST /Groups: the Location header",
        );
      },
    },
    {
      name: "GET /Groups/{id} returns the group with its members (RFC 7644 §3.4.1)",
      creates: true,
      run: async (ctx) => {
        const [first, second] = await memberUsers(ctx);
        const group = await createGroup(ctx, "grp-get", [first.id, second.id]);
        const fetched = await readGroup(ctx, group.id, `GET /Groups/${group.id}`);
        checkEqual(fetched.displayName, group.displayName, `GET /Groups/${group.id}: displayName`);
        checkEqual(memberIdsOf(fetched), [first.id, second.id].sort(), `GET /Groups/${group.id}: member ids`);
      },
    },
    {
      name: "filter displayName eq finds the group (RFC 7644 §3.4.2.2)",
      creates: true,
      run: async (ctx) => {
        requireFeature(ctx, "filter");
        const group = await createGroup(ctx, "grp-filter", []);
        const expression = String(filter.eq("displayName", group.displayName));
        const { data, response } = await ctx.client.GET("/Groups", {
          params: { query: { filter: expression } },
        });
        await checkStatus(response, 200, `GET /Groups?filter=${expression}`);
        checkEqual(
          (data?.Resources ?? []).map((g) => g.id),
          [group.id],
          `GET /Groups?filter=${expression}: group ids`,
        );
      },
    },
    {
      name: "PATCH add members adds a member (RFC 7644 §3.5.2.1)",
      creates: true,
      run: async (ctx) => {
        requireFeature(ctx, "patch");
        const [first, second] = await memberUsers(ctx);
        const group = await createGroup(ctx, "grp-patch-add", [first.id]);
        const body = patchOp()
          .add("members", [{ value: second.id }])
          .build();
        const after = await patchGroup(ctx, group.id, body, "PATCH add members");
        checkEqual(memberIdsOf(after), [first.id, second.id].sort(), "PATCH add members: member ids");
      },
    },
    {
      name: "PATCH remove members[value eq …] removes that member only (RFC 7644 §3.5.2.2)",
      creates: true,
      run: async (ctx) => {
        requireFeature(ctx, "patch");
        const [first, second] = await memberUsers(ctx);
        const group = await createGroup(ctx, "grp-patch-remove", [first.id, second.id]);
        const path = patchPath("members", filter.eq("value", first.id));
        const after = await patchGroup(ctx, group.id, patchOp().remove(path).build(), `PATCH remove ${path}`);
        checkEqual(memberIdsOf(after), [second.id], `PATCH remove ${path}: member ids`);
      },
    },
    {
      name: "PUT /Groups/{id} replaces displayName and members (RFC 7644 §3.5.1)",
      creates: true,
      run: async (ctx) => {
        const [first, second] = await memberUsers(ctx);
        const group = await createGroup(ctx, "grp-put", [first.id]);
        const displayName = ctx.unique("grp-put-renamed");
        const body = JSON.stringify(groupBody(displayName, [second.id]));
        const response = await ctx.raw("PUT", groupPath(group.id), { body });
        await checkStatus(response, 200, `PUT /Groups/${group.id}`);
        const after = await readGroup(ctx, group.id, `GET /Groups/${group.id} after PUT`);
        checkEqual(after.displayName, displayName, `GET /Groups/${group.id} after PUT: displayName`);
        checkEqual(memberIdsOf(after), [second.id], `GET /Groups/${group.id} after PUT: member ids`);
      },
    },
    {
      name: "DELETE /Groups/{id} answers 204, then the group is gone (RFC 7644 §3.6)",
      creates: true,
      run: async (ctx) => {
        const group = await createGroup(ctx, "grp-delete", []);
        const response = await ctx.raw("DELETE", groupPath(group.id));
        await checkStatus(response, 204, `DELETE /Groups/${group.id}`);
        await checkScimError(
          await ctx.raw("GET", groupPath(group.id)),
          { status: 404 },
          `GET /Groups/${group.id} after DELETE`,
        );
      },
    },
    {
      name: "a member id that names no user: 400 invalidValue, or accepted (RFC 7643 §4.2)",
      creates: true,
      run: async (ctx) => {
        const body = JSON.stringify(
          groupBody(ctx.unique("grp-unknown-member"), [ctx.unique("no-such-user")]),
        );
        const response = await ctx.raw("POST", "/Groups", { body });
        if (response.ok) {
          const id = (await readJson(response, "POST /Groups")).id;
          if (typeof id === "string") ctx.cleanup(() => ctx.raw("DELETE", groupPath(id)));
          await checkStatus(response, 201, "POST /Groups with a member that is no user");
          // RFC 7643 §4.2 does not require a service provider to check members; the scimkit profile does.
          check(
            ctx.profile === "rfc",
            "POST /Groups with a member that is no user was accepted; the scimkit profile requires 400 invalidValue",
          );
          return;
        }
        await checkScimError(
          response,
          { status: 400, scimType: "invalidValue" },
          "POST /Groups with a member that is no user",
        );
      },
    },
    {
      name: "GET /Groups/{id} of an unknown id answers 404 (RFC 7644 §3.12)",
      creates: false,
      run: async (ctx) => {
        const id = ctx.unique("no-such-group");
        await checkScimError(await ctx.raw("GET", groupPath(id)), { status: 404 }, `GET /Groups/${id}`);
      },
    },
  ],
};
