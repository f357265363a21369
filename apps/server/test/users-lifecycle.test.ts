import { createScimClient, dataOrThrow, filter, patchOp, type ScimClient } from "@scimkit/client";
import { formatContractViolation } from "@scimkit/conformance";
import { createToken } from "@scimkit/router";
import { ScimUrn, type ScimUser } from "@scimkit/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers/test-server.js";
import { storedText } from "./reliability/reliability-helpers.js";

let server: TestServer;
let scim: ScimClient;
let adminToken: string;

beforeEach(async () => {
  server = await startTestServer();
  scim = createScimClient({
    baseUrl: server.scimUrl,
    fetch: server.fetch,
    token: server.token,
    retry: false,
  });
  adminToken = (
    await createToken(
      server.store.read,
      { now: () => new Date(), newId: () => crypto.randomUUID() },
      server.tenantId,
      "admin",
    )
  ).token;
});
afterEach(async () => {
  // Every response these tests saw conforms to spec/openapi.yaml.
  expect(server.violations.map(formatContractViolation)).toEqual([]);
  await server.close();
});

async function api(path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await server.fetch(server.origin + path, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const alice = {
  schemas: [ScimUrn.User],
  userName: "alice+scim@example.com",
  name: { givenName: "Alice", familyName: "Liddell" },
  emails: [{ value: "alice+scim@example.com", type: "work", primary: true }],
  externalId: "00u1",
  userType: "member",
  password: "hunter2-secret",
  active: true,
};

async function createAlice(): Promise<ScimUser> {
  return dataOrThrow(await scim.POST("/Users", { body: alice }));
}

async function teamEmails(): Promise<string[]> {
  const { body } = await api("/api/team");
  return (body.items as { email: string }[]).map((member) => member.email);
}

describe("create", () => {
  it("answers 201 with id, meta, Location and ETag, and never the password", async () => {
    const { data, response } = await scim.POST("/Users", { body: alice });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({
      userName: alice.userName,
      externalId: "00u1",
      active: true,
      meta: { resourceType: "User", version: 'W/"1"' },
    });
    expect(response.headers.get("location")).toBe(`${server.scimUrl}/Users/${data?.id}`);
    expect(response.headers.get("etag")).toBe('W/"1"');
    expect(JSON.stringify(data)).not.toContain("hunter2");
    expect(await storedText(server)).not.toContain("hunter2");
    expect(server.logs.join("\n")).not.toContain("hunter2");
  });

  it("keeps a provisioned user pending and out of the team list until first login", async () => {
    const user = await createAlice();
    expect(await teamEmails()).toEqual([]);
    const login = await api("/api/login", { method: "POST", body: { email: "ALICE+scim@example.com" } });
    expect(login).toMatchObject({ status: 200, body: { id: user.id, status: "active", source: "scim" } });
    expect(await teamEmails()).toEqual([alice.userName]);
  });

  it("refuses a duplicate userName in any letter case with 409 uniqueness", async () => {
    await createAlice();
    const { error, response } = await scim.POST("/Users", {
      body: { ...alice, userName: alice.userName.toUpperCase(), emails: [] },
    });
    expect(response.status).toBe(409);
    expect(error).toMatchObject({ scimType: "uniqueness" });
  });

  it("refuses a userName that differs from the primary email", async () => {
    const { error } = await scim.POST("/Users", { body: { ...alice, userName: "other@example.com" } });
    expect(error).toMatchObject({ status: "400", scimType: "invalidValue" });
  });
});

describe("lookups", () => {
  it.each([
    ["userName, case-insensitively", filter.eq("userName", "ALICE+SCIM@EXAMPLE.COM")],
    ["externalId", filter.eq("externalId", "00u1")],
    ["the work email", filter.valuePath("emails", filter.eq("type", "work"))],
  ])("finds the user by %s", async (_name, query) => {
    const user = await createAlice();
    const list = dataOrThrow(await scim.GET("/Users", { params: { query: { filter: String(query) } } }));
    expect(list).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(list.Resources?.[0]?.id).toBe(user.id);
  });

  it("answers an empty ListResponse when nothing matches", async () => {
    const list = dataOrThrow(
      await scim.GET("/Users", { params: { query: { filter: 'userName eq "nobody@example.com"' } } }),
    );
    expect(list).toEqual({
      schemas: [ScimUrn.ListResponse],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
  });

  it("answers 400 invalidFilter for a bad filter", async () => {
    const { error } = await scim.GET("/Users", { params: { query: { filter: 'userName eq "x' } } });
    expect(error).toMatchObject({ status: "400", scimType: "invalidFilter" });
  });
});

describe("update", () => {
  it("accepts a name change and a full PUT re-sending the same immutable values", async () => {
    const user = await createAlice();
    const put = await scim.PUT("/Users/{id}", {
      params: { path: { id: user.id } },
      body: { ...alice, id: user.id, groups: [], name: { givenName: "Alicia", familyName: "Liddell" } },
    });
    expect(put.response.status).toBe(200);
    expect(put.data).toMatchObject({ name: { givenName: "Alicia" }, meta: { version: 'W/"2"' } });
  });

  it.each([
    ["userName", [{ op: "replace", path: "userName", value: "new@example.com" }]],
    [
      "the primary email",
      [{ op: "replace", path: 'emails[type eq "work"].value', value: "new@example.com" }],
    ],
    ["userType", [{ op: "replace", path: "userType", value: "admin" }]],
  ])("refuses a change of %s with 400 mutability and changes nothing", async (_name, operations) => {
    const user = await createAlice();
    const { error } = await scim.PATCH("/Users/{id}", {
      params: { path: { id: user.id } },
      body: { schemas: [ScimUrn.PatchOp], Operations: operations },
    });
    expect(error).toMatchObject({ status: "400", scimType: "mutability" });
    const after = dataOrThrow(await scim.GET("/Users/{id}", { params: { path: { id: user.id } } }));
    expect(after.meta?.version).toBe('W/"1"');
  });

  it("answers 412 when If-Match names an old version, and 304 for If-None-Match on the current one", async () => {
    const user = await createAlice();
    const stale = await scim.PATCH("/Users/{id}", {
      params: { path: { id: user.id }, header: { "If-Match": 'W/"7"' } },
      body: patchOp().replace("displayName", "A").build(),
    });
    expect(stale.response.status).toBe(412);
    const notModified = await scim.GET("/Users/{id}", {
      params: { path: { id: user.id }, header: { "If-None-Match": 'W/"1"' } },
    });
    expect(notModified.response.status).toBe(304);
  });
});

describe("deactivate and reactivate", () => {
  it("deactivation blocks login and removes from the team; the user stays readable; reactivation restores", async () => {
    const user = await createAlice();
    await api("/api/login", { method: "POST", body: { email: alice.userName } });
    const off = await scim.PATCH("/Users/{id}", {
      params: { path: { id: user.id } },
      body: { schemas: [ScimUrn.PatchOp], Operations: [{ op: "Replace", path: "active", value: "False" }] },
    });
    expect(off.data?.active).toBe(false);
    expect(await teamEmails()).toEqual([]);
    expect((await api("/api/login", { method: "POST", body: { email: alice.userName } })).status).toBe(403);
    const found = dataOrThrow(
      await scim.GET("/Users", { params: { query: { filter: `userName eq "${alice.userName}"` } } }),
    );
    expect(found.Resources?.[0]?.active).toBe(false);
    await scim.PATCH("/Users/{id}", {
      params: { path: { id: user.id } },
      body: { schemas: [ScimUrn.PatchOp], Operations: [{ op: "replace", value: { active: true } }] },
    });
    expect(await teamEmails()).toEqual([alice.userName]);
  });
});

describe("delete", () => {
  it("soft-deletes by default: 204, then 404 and absent from lists; the userName can be provisioned again", async () => {
    const user = await createAlice();
    const deleted = await scim.DELETE("/Users/{id}", { params: { path: { id: user.id } } });
    expect(deleted.response.status).toBe(204);
    expect((await scim.GET("/Users/{id}", { params: { path: { id: user.id } } })).response.status).toBe(404);
    expect(dataOrThrow(await scim.GET("/Users")).totalResults).toBe(0);
    expect((await scim.POST("/Users", { body: alice })).response.status).toBe(201);
    const everyone = await server.store.read.users.list(server.tenantId, {
      statuses: ["pending", "active", "deactivated", "deleted"],
      page: { kind: "offset", startIndex: 1, count: 10 },
    });
    expect(everyone.items.map((u) => u.status)).toEqual(["deleted", "pending"]);
  });
});

describe("import of users created in the app", () => {
  it("lists a local user (with + in its email) so the IdP can link it by setting externalId", async () => {
    const local = await api("/api/users", {
      method: "POST",
      body: { email: "bob+local@example.com", name: "Bob" },
    });
    expect(local).toMatchObject({ status: 201, body: { source: "local", linked: false } });
    const list = dataOrThrow(await scim.GET("/Users", { params: { query: { startIndex: 1, count: 100 } } }));
    const bob = list.Resources?.find((user) => user.userName === "bob+local@example.com");
    expect(bob).toBeDefined();
    await scim.PATCH("/Users/{id}", {
      params: { path: { id: String(bob?.id) } },
      body: patchOp().add("externalId", "00u-bob").build(),
    });
    const team = await api("/api/team");
    expect(team.body.items).toMatchObject([
      { email: "bob+local@example.com", linked: true, externalId: "00u-bob" },
    ]);
  });
});

describe("audit log", () => {
  it("records each change with the token id and attribute names, never values", async () => {
    const user = await createAlice();
    await scim.PATCH("/Users/{id}", {
      params: { path: { id: user.id } },
      body: patchOp().replace("name.givenName", "Al").build(),
    });
    const { body } = await api("/api/audit");
    expect(body.items).toMatchObject([
      { operation: "patch", changed: ["name.givenName"] },
      { operation: "create" },
    ]);
    expect(JSON.stringify(body)).not.toContain("hunter2");
    expect(JSON.stringify(body)).not.toContain('Al"');
  });
});
