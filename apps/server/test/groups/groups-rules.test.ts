/**
 * The rules a Group store must keep whatever the IdP sends: unique names, members that are real
 * users of the tenant, tenant isolation, the tenant's groups setting, membership that follows the
 * user's lifecycle, ETags, and the membership filters and projections IdPs rely on.
 */
import { randomUUID } from "node:crypto";
import { dataOrThrow, filter, type ScimClient } from "@scimkit/client";
import { formatContractViolation } from "@scimkit/conformance";
import { ScimUrn } from "@scimkit/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type IdpHarness, patchBody, startIdpHarness } from "../idp/idp-harness.js";
import {
  addTenant,
  byId,
  createGroup,
  createUser,
  expectScimError,
  groupsOnUser,
  groupsWithMember,
  memberValues,
  patchGroup,
  readGroup,
  setGroupsSetting,
  usersInGroup,
} from "./group-helpers.js";

let idp: IdpHarness;
let scim: ScimClient;
beforeEach(async () => {
  idp = await startIdpHarness("scimkit-groups-rules");
  scim = idp.scim;
});
afterEach(async () => {
  expect(idp.server.violations.map(formatContractViolation)).toEqual([]);
  await idp.close();
});

const groupBody = (displayName: string, members: readonly string[] = []) => ({
  schemas: [ScimUrn.Group],
  displayName,
  members: members.map((value) => ({ value })),
});

const deleteUser = async (id: string) =>
  expect((await scim.DELETE("/Users/{id}", byId(id))).response.status).toBe(204);

describe("displayName is unique per tenant, case-insensitively", () => {
  it("answers 409 uniqueness to a create, a rename by PATCH and a PUT that take a name in other case", async () => {
    const taken = await createGroup(scim, "Engineering");
    const other = await createGroup(scim, "Sales");
    const created = await scim.POST("/Groups", { body: groupBody("ENGINEERING") });
    expectScimError({ status: created.response.status, error: created.error }, 409, "uniqueness");
    const renamed = await patchGroup(scim, other.id, {
      op: "replace",
      path: "displayName",
      value: "engineering",
    });
    expectScimError(renamed, 409, "uniqueness");
    const put = await scim.PUT("/Groups/{id}", { ...byId(other.id), body: groupBody("EngineerinG") });
    expectScimError({ status: put.response.status, error: put.error }, 409, "uniqueness");
    expect((await readGroup(scim, other.id)).displayName).toBe("Sales");
    const own = await patchGroup(scim, taken.id, {
      op: "replace",
      path: "displayName",
      value: "ENGINEERING",
    });
    expect(own.status, "a group may change the case of its own name").toBe(204);
  });
});

describe("members must be non-deleted users of the tenant", () => {
  const invalid: [string, () => Promise<string>][] = [
    ["an id no user has", async () => randomUUID()],
    [
      "another tenant's user",
      async () => (await createUser((await addTenant(idp.server, "b")).scim, "b@b.io")).id,
    ],
    [
      "a soft-deleted user",
      async () => {
        const user = await createUser(scim, "gone@acme.io");
        await deleteUser(user.id);
        return user.id;
      },
    ],
    [
      "a hard-deleted user",
      async () => {
        await idp.server.store.read.tenants.updateSettings(idp.server.tenantId, { deleteMode: "hard" });
        const user = await createUser(scim, "gone@acme.io");
        await deleteUser(user.id);
        return user.id;
      },
    ],
  ];
  const writes: [
    string,
    (gid: string, bad: string, good: string) => Promise<{ status: number; error: unknown }>,
  ][] = [
    [
      "PATCH add path members",
      (gid, bad) => patchGroup(scim, gid, { op: "add", path: "members", value: [{ value: bad }] }),
    ],
    [
      "PATCH replace path members",
      (gid, bad, good) =>
        patchGroup(scim, gid, { op: "replace", path: "members", value: [{ value: good }, { value: bad }] }),
    ],
    [
      "PATCH add without path",
      (gid, bad) => patchGroup(scim, gid, { op: "Add", value: { members: [{ value: bad }] } }),
    ],
    [
      "PUT",
      async (gid, bad, good) => {
        const { response, error } = await scim.PUT("/Groups/{id}", {
          ...byId(gid),
          body: groupBody("Ops", [good, bad]),
        });
        return { status: response.status, error };
      },
    ],
  ];

  for (const [who, makeId] of invalid) {
    it(`refuses ${who} on create with 400 invalidValue and creates nothing`, async () => {
      const good = (await createUser(scim, "ann@acme.io")).id;
      const bad = await makeId();
      const created = await scim.POST("/Groups", { body: groupBody("Ops", [good, bad]) });
      expectScimError({ status: created.response.status, error: created.error }, 400, "invalidValue");
      expect(dataOrThrow(await scim.GET("/Groups", {})).totalResults).toBe(0);
      expect(await groupsOnUser(scim, good)).toEqual([]);
    });

    for (const [how, write] of writes) {
      it(`refuses ${who} by ${how} with 400 invalidValue, leaving version and members unchanged`, async () => {
        const good = (await createUser(scim, "ann@acme.io")).id;
        const group = await createGroup(scim, "Ops", [good]);
        const bad = await makeId();
        const before = await scim.GET("/Groups/{id}", byId(group.id));
        expectScimError(await write(group.id, bad, good), 400, "invalidValue");
        const after = await scim.GET("/Groups/{id}", byId(group.id));
        expect(after.response.headers.get("etag")).toBe(before.response.headers.get("etag"));
        expect(after.data?.meta?.version).toBe(before.data?.meta?.version);
        expect(after.data?.members).toEqual(before.data?.members);
      });
    }
  }

  it("refuses a member whose type is not User with 400 invalidValue", async () => {
    const group = await createGroup(scim, "Ops");
    const inner = await createGroup(scim, "Inner");
    const nested = await patchGroup(scim, group.id, {
      op: "add",
      path: "members",
      value: [{ value: inner.id, type: "Group" }],
    });
    expectScimError(nested, 400, "invalidValue");
    expect(await memberValues(scim, group.id)).toEqual([]);
  });
});

describe("tenant isolation", () => {
  it("answers another tenant's token 404 for the group and never shows it in lists or filters", async () => {
    const ann = await createUser(scim, "ann@acme.io");
    const group = await createGroup(scim, "Engineering", [ann.id]);
    const b = await addTenant(idp.server, "beta");
    const status = async (call: Promise<{ response: Response }>) => (await call).response.status;
    expect(await status(b.scim.GET("/Groups/{id}", byId(group.id)))).toBe(404);
    expect(await status(b.scim.PUT("/Groups/{id}", { ...byId(group.id), body: groupBody("Mine") }))).toBe(
      404,
    );
    const patch = patchBody({ op: "replace", path: "displayName", value: "Mine" });
    expect(await status(b.scim.PATCH("/Groups/{id}", { ...byId(group.id), body: patch }))).toBe(404);
    expect(await status(b.scim.DELETE("/Groups/{id}", byId(group.id)))).toBe(404);
    expect(dataOrThrow(await b.scim.GET("/Groups", {})).totalResults).toBe(0);
    const byName = { filter: String(filter.eq("displayName", "Engineering")) };
    expect(dataOrThrow(await b.scim.GET("/Groups", { params: { query: byName } })).totalResults).toBe(0);
    expect(await groupsWithMember(b.scim, ann.id)).toEqual([]);
    expect(await usersInGroup(b.scim, group.id)).toEqual([]);
    // Names are unique per tenant only; tenant A's group is untouched.
    expect((await b.scim.POST("/Groups", { body: groupBody("Engineering") })).response.status).toBe(201);
    expect(await readGroup(scim, group.id)).toMatchObject({
      displayName: "Engineering",
      meta: { version: group.meta?.version },
    });
    expect(await memberValues(scim, group.id)).toEqual([ann.id]);
  });
});

describe("the tenant's groups setting", () => {
  it("when off: reads find no group, writes get 403, discovery hides Group; the data is back when on", async () => {
    const group = await createGroup(scim, "Engineering");
    await setGroupsSetting(idp.server, idp.server.tenantId, false);
    const forbidden = async (call: Promise<{ response: Response; error?: unknown }>) => {
      const { response, error } = await call;
      expectScimError({ status: response.status, error }, 403);
    };
    // Entra ID's Test Connection looks up a random group and needs an empty ListResponse.
    const randomLookup = { params: { query: { filter: `displayName eq "${randomUUID()}"` } } };
    expect(dataOrThrow(await scim.GET("/Groups", randomLookup))).toMatchObject({ totalResults: 0 });
    expect(dataOrThrow(await scim.GET("/Groups", {})).totalResults).toBe(0);
    const search = await scim.POST("/Groups/.search", { body: { schemas: [ScimUrn.SearchRequest] } });
    expect(dataOrThrow(search).totalResults).toBe(0);
    for (const id of [group.id, randomUUID()]) {
      const { response, error } = await scim.GET("/Groups/{id}", byId(id));
      expectScimError({ status: response.status, error }, 404);
    }
    await forbidden(scim.POST("/Groups", { body: groupBody("Sales") }));
    await forbidden(scim.PUT("/Groups/{id}", { ...byId(group.id), body: groupBody("Sales") }));
    const patch = patchBody({ op: "replace", path: "displayName", value: "Sales" });
    await forbidden(scim.PATCH("/Groups/{id}", { ...byId(group.id), body: patch }));
    await forbidden(scim.DELETE("/Groups/{id}", byId(group.id)));

    const types = dataOrThrow(await scim.GET("/ResourceTypes", {}));
    expect(types.Resources?.map((type) => type.id)).toEqual(["User"]);
    expect(
      (await scim.GET("/ResourceTypes/{name}", { params: { path: { name: "Group" } } })).response.status,
    ).toBe(404);
    expect(dataOrThrow(await scim.GET("/Schemas", {})).Resources?.map((schema) => schema.id)).not.toContain(
      ScimUrn.Group,
    );
    expect((await scim.GET("/Schemas/{id}", byId(ScimUrn.Group))).response.status).toBe(404);
    expect((await scim.GET("/Users", {})).response.status, "Users keep working").toBe(200);

    await setGroupsSetting(idp.server, idp.server.tenantId, true);
    expect(await readGroup(scim, group.id)).toMatchObject({ displayName: "Engineering" });
    expect(dataOrThrow(await scim.GET("/ResourceTypes", {})).Resources?.map((type) => type.id)).toEqual([
      "User",
      "Group",
    ]);
  });
});

describe("membership follows the user's lifecycle", () => {
  it("keeps the memberships of a deactivated user", async () => {
    const ann = await createUser(scim, "ann@acme.io");
    const group = await createGroup(scim, "Engineering", [ann.id]);
    const off = await scim.PATCH("/Users/{id}", {
      ...byId(ann.id),
      body: patchBody({ op: "replace", path: "active", value: false }),
    });
    expect(off.data).toMatchObject({ active: false, groups: [{ value: group.id, display: "Engineering" }] });
    expect(await memberValues(scim, group.id)).toEqual([ann.id]);
    expect(await usersInGroup(scim, group.id)).toEqual([ann.id]);
  });

  for (const mode of ["soft", "hard"] as const) {
    it(`removes the memberships of a deleted user (${mode} delete); a new user with the same userName starts with none`, async () => {
      await idp.server.store.read.tenants.updateSettings(idp.server.tenantId, { deleteMode: mode });
      const [ann, bob] = [await createUser(scim, "ann@acme.io"), await createUser(scim, "bob@acme.io")];
      const one = await createGroup(scim, "One", [ann.id, bob.id]);
      const two = await createGroup(scim, "Two", [ann.id]);
      await deleteUser(ann.id);
      expect(await memberValues(scim, one.id)).toEqual([bob.id]);
      expect(await memberValues(scim, two.id)).toEqual([]);
      expect(await groupsWithMember(scim, ann.id)).toEqual([]);
      // A new user with the same userName starts with no groups.
      expect(await groupsOnUser(scim, (await createUser(scim, "ann@acme.io")).id)).toEqual([]);
    });
  }

  it("deletes a group's memberships with the group and never a user", async () => {
    const ann = await createUser(scim, "ann@acme.io");
    const group = await createGroup(scim, "Engineering", [ann.id]);
    expect((await scim.DELETE("/Groups/{id}", byId(group.id))).response.status).toBe(204);
    expect(dataOrThrow(await scim.GET("/Users/{id}", byId(ann.id)))).not.toHaveProperty("groups");
    expect(dataOrThrow(await scim.GET("/Users", {})).totalResults).toBe(1);
    expect(await idp.server.store.read.groups.memberIds(idp.server.tenantId, group.id)).toEqual([]);
    const { items } = await idp.server.store.read.users.list(idp.server.tenantId, {
      page: { kind: "offset", startIndex: 1, count: 10 },
    });
    expect(items.map((user) => user.groups)).toEqual([[]]);
  });
});

describe("ETags (RFC 7644 §3.14)", () => {
  it("answers PATCH 204 with the new ETag, and 412 to PATCH, PUT and DELETE with a stale If-Match", async () => {
    const ann = await createUser(scim, "ann@acme.io");
    const group = await createGroup(scim, "Engineering");
    const stale = String(group.meta?.version);
    const patched = await patchGroup(scim, group.id, {
      op: "add",
      path: "members",
      value: [{ value: ann.id }],
    });
    expect(patched.status).toBe(204);
    const current = await scim.GET("/Groups/{id}", byId(group.id));
    expect(patched.etag).not.toBe(stale);
    expect(current.response.headers.get("etag")).toBe(patched.etag);
    expect(current.data?.meta?.version).toBe(patched.etag);
    const ifMatch = (etag: string) => ({ params: { path: { id: group.id }, header: { "If-Match": etag } } });
    const patch = patchBody({ op: "remove", path: "members" });
    expectScimError(await asResult(scim.PATCH("/Groups/{id}", { ...ifMatch(stale), body: patch })), 412);
    expectScimError(
      await asResult(scim.PUT("/Groups/{id}", { ...ifMatch(stale), body: groupBody("X") })),
      412,
    );
    expectScimError(await asResult(scim.DELETE("/Groups/{id}", ifMatch(stale))), 412);
    expect(await memberValues(scim, group.id)).toEqual([ann.id]);
    const fresh = String(patched.etag);
    expect((await scim.PATCH("/Groups/{id}", { ...ifMatch(fresh), body: patch })).response.status).toBe(204);
    expect(await memberValues(scim, group.id)).toEqual([]);
  });
});

async function asResult(call: Promise<{ response: Response; error?: unknown }>) {
  const { response, error } = await call;
  return { status: response.status, error };
}

describe("membership filters and projections", () => {
  it("finds groups by members.value eq and users by groups.value eq, only the matching ones", async () => {
    const [ann, bob, cat] = [
      await createUser(scim, "ann@acme.io"),
      await createUser(scim, "bob@acme.io"),
      await createUser(scim, "cat@acme.io"),
    ];
    const one = await createGroup(scim, "One", [ann.id, bob.id]);
    const two = await createGroup(scim, "Two", [bob.id]);
    await createGroup(scim, "Empty");
    expect(await groupsWithMember(scim, ann.id)).toEqual([one.id]);
    expect(await groupsWithMember(scim, bob.id)).toEqual([one.id, two.id].sort());
    expect(await groupsWithMember(scim, cat.id)).toEqual([]);
    expect(await usersInGroup(scim, one.id)).toEqual([ann.id, bob.id].sort());
    expect(await usersInGroup(scim, two.id)).toEqual([bob.id]);
    const both = `members.value eq "${bob.id}" and displayName eq "two"`;
    expect(
      dataOrThrow(await scim.GET("/Groups", { params: { query: { filter: both } } })).Resources,
    ).toMatchObject([{ id: two.id }]);
  });

  it("leaves members out with excludedAttributes=members, on a read and on a list", async () => {
    const ann = await createUser(scim, "ann@acme.io");
    const group = await createGroup(scim, "Engineering", [ann.id]);
    const query = { excludedAttributes: "members" };
    const one = dataOrThrow(await scim.GET("/Groups/{id}", { params: { path: { id: group.id }, query } }));
    expect(one).toMatchObject({ id: group.id, displayName: "Engineering", meta: { resourceType: "Group" } });
    expect(one).not.toHaveProperty("members");
    const list = dataOrThrow(await scim.GET("/Groups", { params: { query } }));
    expect(list.Resources).toHaveLength(1);
    expect(list.Resources?.[0]).not.toHaveProperty("members");
    expect((await readGroup(scim, group.id)).members).toHaveLength(1);
  });
});
