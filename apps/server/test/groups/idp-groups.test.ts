/**
 * Group push as Okta, Entra ID and JumpCloud document it
 * (docs/reference/idp-requests.md#okta-group-push, #entra-groups, #jumpcloud-groups,
 * #group-push-forms), replayed over HTTP; after each sequence the User side — `groups` on the user,
 * the `groups.value eq` filter and the app's team list — must show the same membership.
 */
import { dataOrThrow, filter } from "@scimkit/client";
import { formatContractViolation } from "@scimkit/conformance";
import { ScimUrn } from "@scimkit/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type IdpHarness, startIdpHarness } from "../idp/idp-harness.js";
import {
  byId,
  createUser,
  groupsOnUser,
  groupsWithMember,
  logIn,
  memberValues,
  patchGroup,
  readGroup,
  teamGroups,
  usersInGroup,
} from "./group-helpers.js";

let idp: IdpHarness;
afterEach(async () => {
  // Every response the replay saw conforms to spec/openapi.yaml.
  expect(idp.server.violations.map(formatContractViolation)).toEqual([]);
  await idp.close();
});

/** Three users provisioned and logged in, so the team list shows them. */
async function threeUsers() {
  const ann = await createUser(idp.scim, "ann@acme.io", "Ann Lee");
  const bob = await createUser(idp.scim, "bob@acme.io");
  const cat = await createUser(idp.scim, "cat@acme.io", "Cat Diaz");
  await logIn(idp, "ann@acme.io", "bob@acme.io", "cat@acme.io");
  return { ann: ann.id, bob: bob.id, cat: cat.id };
}

/** The User side of a membership: `groups` on each user, the `groups.value eq` filter, `members.value eq`. */
async function expectUserSide(groupId: string, members: string[], others: string[]): Promise<void> {
  expect(await usersInGroup(idp.scim, groupId), "groups.value eq").toEqual([...members].sort());
  for (const id of members) {
    expect(await groupsOnUser(idp.scim, id), `groups of member ${id}`).toEqual([groupId]);
    expect(await groupsWithMember(idp.scim, id), `members.value eq ${id}`).toEqual([groupId]);
  }
  for (const id of others) expect(await groupsOnUser(idp.scim, id), `groups of ${id}`).toEqual([]);
}

describe("Okta", () => {
  beforeEach(async () => {
    idp = await startIdpHarness("Okta SCIM Client 1.0.0");
  });

  it("creates a group with members: [] (201), pages it with startIndex=1&count=100, renames it without a path, moves members in one PATCH, replaces the list and deletes it (204)", async () => {
    const u = await threeUsers();
    const body = { schemas: [ScimUrn.Group], displayName: "Test SCIMv2", members: [] };
    const created = await idp.scim.POST("/Groups", { body });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({
      schemas: [ScimUrn.Group],
      id: expect.any(String),
      displayName: "Test SCIMv2",
      members: [],
      meta: { resourceType: "Group", location: `${idp.server.scimUrl}/Groups/${created.data?.id}` },
    });
    expect(created.response.headers.get("location")).toBe(created.data?.meta?.location);
    const gid = String(created.data?.id);

    const page = await idp.raw("GET", "/Groups?startIndex=1&count=100");
    expect(page).toMatchObject({
      status: 200,
      body: { schemas: [ScimUrn.ListResponse], totalResults: 1, startIndex: 1, itemsPerPage: 1 },
    });
    expect((page.body as { Resources: unknown[] }).Resources).toMatchObject([
      { id: gid, displayName: "Test SCIMv2" },
    ]);

    const rename = { op: "replace", value: { id: gid, displayName: "Engineering" } };
    const renamed = await patchGroup(idp.scim, gid, rename);
    expect([200, 204], "rename without path").toContain(renamed.status);
    expect((await readGroup(idp.scim, gid)).displayName).toBe("Engineering");

    const add = (...ids: string[]) => ({
      op: "add",
      path: "members",
      value: ids.map((value) => ({ value })),
    });
    expect([200, 204]).toContain((await patchGroup(idp.scim, gid, add(u.ann, u.bob))).status);
    // Okta re-sends the rename with each membership change, then removes and adds in one PATCH.
    expect([200, 204]).toContain((await patchGroup(idp.scim, gid, rename)).status);
    const moved = await patchGroup(
      idp.scim,
      gid,
      { op: "remove", path: `members[value eq "${u.ann}"]` },
      { op: "add", path: "members", value: [{ value: u.cat, display: "cat@acme.io" }] },
    );
    expect([200, 204], "remove + add in one PATCH").toContain(moved.status);
    expect(await memberValues(idp.scim, gid)).toEqual([u.bob, u.cat].sort());
    expect((await readGroup(idp.scim, gid)).members).toEqual(
      expect.arrayContaining([
        { value: u.bob, $ref: `${idp.server.scimUrl}/Users/${u.bob}`, display: "bob@acme.io", type: "User" },
        { value: u.cat, $ref: `${idp.server.scimUrl}/Users/${u.cat}`, display: "Cat Diaz", type: "User" },
      ]),
    );

    const full = { op: "replace", path: "members", value: [{ value: u.ann }, { value: u.cat }] };
    expect([200, 204], "full push").toContain((await patchGroup(idp.scim, gid, full)).status);
    expect(await memberValues(idp.scim, gid)).toEqual([u.ann, u.cat].sort());
    await expectUserSide(gid, [u.ann, u.cat], [u.bob]);
    expect(await teamGroups(idp)).toEqual({
      "ann@acme.io": ["Engineering"],
      "bob@acme.io": [],
      "cat@acme.io": ["Engineering"],
    });

    const deleted = await idp.scim.DELETE("/Groups/{id}", byId(gid));
    expect(deleted.response.status).toBe(204);
    expect((await idp.scim.GET("/Groups/{id}", byId(gid))).response.status).toBe(404);
    await expectUserSide(gid, [], [u.ann, u.bob, u.cat]);
    expect(Object.values(await teamGroups(idp))).toEqual([[], [], []]);
  });
});

describe("Entra ID", () => {
  beforeEach(async () => {
    idp = await startIdpHarness("scimkit-idp-replay (Entra ID)");
  });

  const adscim = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";
  const lookup = (displayName: string) =>
    idp.raw(
      "GET",
      `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq "${displayName}"`)}`,
    );

  it("creates with the ADSCIM URN and no members, finds it without members, renames, adds with $ref null, removes by value list and by filter, and deletes (204 each)", async () => {
    const u = await threeUsers();
    expect((await lookup("Group_9b3a")).body, "Test Connection: random group").toMatchObject({
      totalResults: 0,
      Resources: [],
    });
    const body = {
      schemas: [ScimUrn.Group, adscim],
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      displayName: "Group_9b3a",
      meta: { resourceType: "Group" },
      members: [],
    };
    const created = await idp.scim.POST("/Groups", { body });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ displayName: "Group_9b3a", externalId: body.externalId });
    const gid = String(created.data?.id);

    const found = await lookup("Group_9b3a");
    expect(found.body).toMatchObject({
      totalResults: 1,
      Resources: [{ id: gid, displayName: "Group_9b3a" }],
    });
    expect((found.body as { Resources: object[] }).Resources[0]).not.toHaveProperty("members");
    const one = await idp.raw("GET", `/Groups/${gid}?excludedAttributes=members`);
    expect(one.status).toBe(200);
    expect(one.body).not.toHaveProperty("members");
    const byExternalId = { filter: String(filter.eq("externalId", body.externalId)) };
    expect(
      dataOrThrow(await idp.scim.GET("/Groups", { params: { query: byExternalId } })).Resources,
    ).toMatchObject([{ id: gid }]);

    const renamed = await patchGroup(idp.scim, gid, { op: "Replace", path: "displayName", value: "Sales" });
    expect(renamed.status).toBe(204);
    expect((await lookup("Sales")).body).toMatchObject({ totalResults: 1, Resources: [{ id: gid }] });

    const refs = (...ids: string[]) => ids.map((value) => ({ $ref: null, value }));
    expect(
      (await patchGroup(idp.scim, gid, { op: "Add", path: "members", value: refs(u.ann, u.bob, u.cat) }))
        .status,
    ).toBe(204);
    expect(await memberValues(idp.scim, gid)).toEqual([u.ann, u.bob, u.cat].sort());
    const removed = await patchGroup(idp.scim, gid, {
      op: "Remove",
      path: "members",
      value: refs(u.ann, u.bob),
    });
    expect(removed.status, "Remove with a value list").toBe(204);
    expect(await memberValues(idp.scim, gid)).toEqual([u.cat]);

    expect((await patchGroup(idp.scim, gid, { op: "Add", path: "members", value: refs(u.ann) })).status).toBe(
      204,
    );
    const filtered = await patchGroup(idp.scim, gid, { op: "remove", path: `members[value eq "${u.cat}"]` });
    expect(filtered.status, "remove by members[value eq]").toBe(204);
    expect(await memberValues(idp.scim, gid)).toEqual([u.ann]);
    await expectUserSide(gid, [u.ann], [u.bob, u.cat]);
    expect(await teamGroups(idp)).toEqual({ "ann@acme.io": ["Sales"], "bob@acme.io": [], "cat@acme.io": [] });

    expect((await idp.scim.DELETE("/Groups/{id}", byId(gid))).response.status).toBe(204);
    expect((await lookup("Sales")).body).toMatchObject({ totalResults: 0 });
    await expectUserSide(gid, [], [u.ann, u.bob, u.cat]);
  });
});

describe("JumpCloud", () => {
  beforeEach(async () => {
    idp = await startIdpHarness("scimkit-idp-replay (JumpCloud)");
  });

  const byName = async (displayName: string) => {
    const query = { filter: String(filter.eq("displayName", displayName)) };
    return dataOrThrow(await idp.scim.GET("/Groups", { params: { query } })).Resources ?? [];
  };

  it("looks the group up by displayName, creates it with its first member, PUTs the full list, PATCHes adds and removes, renames and deletes", async () => {
    const u = await threeUsers();
    expect(await byName("Engineering"), "group lookup before create").toEqual([]);
    const body = { schemas: [ScimUrn.Group], displayName: "Engineering", members: [{ value: u.ann }] };
    const created = await idp.scim.POST("/Groups", { body });
    expect(created.response.status).toBe(201);
    expect(created.data?.members).toEqual([
      { value: u.ann, $ref: `${idp.server.scimUrl}/Users/${u.ann}`, display: "Ann Lee", type: "User" },
    ]);
    const gid = String(created.data?.id);
    expect(await byName("engineering"), "takes over a group whose name matches in any case").toMatchObject([
      { id: gid },
    ]);

    const all = [u.ann, u.bob, u.cat].map((value) => ({ value }));
    const put = await idp.scim.PUT("/Groups/{id}", { ...byId(gid), body: { ...body, members: all } });
    expect(put.response.status).toBe(200);
    expect((put.data?.members ?? []).map((member) => member.value).sort()).toEqual(
      [u.ann, u.bob, u.cat].sort(),
    );

    const removed = await patchGroup(idp.scim, gid, {
      op: "remove",
      path: "members",
      value: [{ value: u.bob }],
    });
    expect(removed.status).toBe(204);
    expect(await memberValues(idp.scim, gid)).toEqual([u.ann, u.cat].sort());
    const added = await patchGroup(idp.scim, gid, { op: "add", path: "members", value: [{ value: u.bob }] });
    expect(added.status).toBe(204);
    expect(
      (await patchGroup(idp.scim, gid, { op: "remove", path: `members[value eq "${u.ann}"]` })).status,
    ).toBe(204);

    const renamed = await patchGroup(idp.scim, gid, {
      op: "replace",
      path: "displayName",
      value: "Platform",
    });
    expect(renamed.status).toBe(204);
    expect(await byName("Engineering")).toEqual([]);
    expect(await byName("Platform")).toMatchObject([{ id: gid, displayName: "Platform" }]);
    await expectUserSide(gid, [u.bob, u.cat], [u.ann]);
    expect(await teamGroups(idp)).toEqual({
      "ann@acme.io": [],
      "bob@acme.io": ["Platform"],
      "cat@acme.io": ["Platform"],
    });

    expect((await idp.scim.DELETE("/Groups/{id}", byId(gid))).response.status).toBe(204);
    expect(await byName("Platform")).toEqual([]);
    await expectUserSide(gid, [], [u.ann, u.bob, u.cat]);
  });

  it("passes Test Connection: creates a test user and a test group, deletes the group (204) then the user (204), leaving nothing", async () => {
    const email = "jc.test+scim@acme.io";
    const user = await createUser(idp.scim, email);
    const body = {
      schemas: [ScimUrn.Group],
      displayName: "JumpCloud Test Group",
      members: [{ value: user.id }],
    };
    const group = await idp.scim.POST("/Groups", { body });
    expect(group.response.status, "group_create_provision").toBe(201);
    const gid = String(group.data?.id);
    expect(await groupsOnUser(idp.scim, user.id)).toEqual([gid]);
    expect((await idp.scim.DELETE("/Groups/{id}", byId(gid))).response.status, "group_delete_provision").toBe(
      204,
    );
    expect(await groupsOnUser(idp.scim, user.id), "the test user survives its group").toEqual([]);
    expect(
      (await idp.scim.DELETE("/Users/{id}", byId(user.id))).response.status,
      "user_delete_provision",
    ).toBe(204);
    expect(await byName("JumpCloud Test Group")).toEqual([]);
    expect(dataOrThrow(await idp.scim.GET("/Groups", {})).totalResults).toBe(0);
    // The test reruns whenever a setting changes: the same names must be free again.
    await createUser(idp.scim, email);
    expect((await idp.scim.POST("/Groups", { body: { ...body, members: [] } })).response.status).toBe(201);
  });
});
