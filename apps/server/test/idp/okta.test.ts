/**
 * Okta's documented request sequences (docs/reference/idp-requests.md#okta; a `#…` in a title is a
 * section of it) replayed over HTTP. A failing test here names the step at which a real Okta org
 * would stop provisioning.
 */
import { dataOrThrow } from "@scimkit/client";
import { formatContractViolation } from "@scimkit/conformance";
import { ScimUrn, type ScimUser } from "@scimkit/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storedText } from "../reliability/reliability-helpers.js";
import { asPutBody, byId, type IdpHarness, patchBody, startIdpHarness } from "./idp-harness.js";

let idp: IdpHarness;
beforeEach(async () => {
  idp = await startIdpHarness("Okta SCIM Client 1.0.0");
});
afterEach(async () => {
  // Every response the replay saw conforms to spec/openapi.yaml.
  expect(idp.server.violations.map(formatContractViolation)).toEqual([]);
  await idp.close();
});

const testUser = "test.user@okta.local";

/** The POST body of #okta-create, as Okta sends it on assignment. */
function oktaCreateBody(email = testUser, externalId = "00ujl29u0le5T6Aj10h7") {
  return {
    schemas: [ScimUrn.User],
    userName: email,
    name: { givenName: "Test", familyName: "User" },
    emails: [{ primary: true, value: email, type: "work" }],
    displayName: "Test User",
    locale: "en-US",
    externalId,
    groups: [],
    password: "1mz050nq",
    active: true,
  };
}

/**
 * Okta's lookup (#okta-lookup), byte for byte: `eq` on userName with `startIndex=1&count=100`
 * appended.
 */
function oktaLookup(email: string) {
  return idp.raw(
    "GET",
    `/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}&startIndex=1&count=100`,
  );
}

async function create(email = testUser, externalId?: string): Promise<ScimUser> {
  return dataOrThrow(await idp.scim.POST("/Users", { body: oktaCreateBody(email, externalId) }));
}

describe("Okta assignment (#okta-lookup, #okta-create): lookup by userName eq returns an empty ListResponse, then POST returns 201 with the full user", () => {
  it("answers the lookup with an empty ListResponse whose counts are integers", async () => {
    expect(await oktaLookup(testUser)).toEqual({
      status: 200,
      body: {
        schemas: [ScimUrn.ListResponse],
        totalResults: 0,
        startIndex: 1,
        itemsPerPage: 0,
        Resources: [],
      },
    });
  });

  it("answers the POST with 201, the full resource and its id, never the password", async () => {
    const { data, response } = await idp.scim.POST("/Users", { body: oktaCreateBody() });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({
      schemas: expect.arrayContaining([ScimUrn.User]),
      id: expect.any(String),
      userName: testUser,
      name: { givenName: "Test", familyName: "User" },
      emails: [{ primary: true, value: testUser, type: "work" }],
      displayName: "Test User",
      locale: "en-US",
      externalId: "00ujl29u0le5T6Aj10h7",
      active: true,
      meta: { resourceType: "User", location: `${idp.server.scimUrl}/Users/${data?.id}` },
    });
    expect(data).not.toHaveProperty("password");
    expect(response.headers.get("location")).toBe(data?.meta?.location);
  });

  it("finds the created user with the same lookup, so a re-assignment links instead of creating", async () => {
    const user = await create();
    const { body } = await oktaLookup(testUser.toUpperCase());
    expect(body).toMatchObject({
      totalResults: 1,
      startIndex: 1,
      itemsPerPage: 1,
      Resources: [{ id: user.id }],
    });
  });

  it("answers the same POST again with 409 uniqueness and an Error body, which stops Okta's job", async () => {
    await create();
    const again = await idp.scim.POST("/Users", { body: oktaCreateBody() });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ schemas: [ScimUrn.Error], status: "409", scimType: "uniqueness" });
  });

  it("keeps the assigned user pending, out of the team, until the first SSO login", async () => {
    await create();
    expect(await idp.teamEmails()).toEqual([]);
    expect(await idp.login(testUser)).toBe(200);
    expect(await idp.teamEmails()).toEqual([testUser]);
  });
});

describe("Okta assignment of a user the app already has (#okta-lookup): the lookup matches and the profile push links it", () => {
  it("matches a local user by userName and takes it over with GET then a full PUT carrying externalId", async () => {
    const local = await idp.createLocalUser("ann.smith@acme.io", "Ann Smith");
    const { body } = await oktaLookup("ann.smith@acme.io");
    expect(body).toMatchObject({
      totalResults: 1,
      Resources: [{ id: local.id, userName: "ann.smith@acme.io" }],
    });
    const current = dataOrThrow(await idp.scim.GET("/Users/{id}", byId(local.id)));
    const put = await idp.scim.PUT("/Users/{id}", {
      ...byId(local.id),
      body: {
        ...asPutBody(current),
        externalId: "00uann",
        name: { givenName: "Ann", familyName: "Smith" },
        groups: [],
      },
    });
    expect(put.response.status).toBe(200);
    expect(await idp.team()).toMatchObject([
      { email: "ann.smith@acme.io", source: "local", linked: true, externalId: "00uann" },
    ]);
  });
});

describe("Okta SPEC test (#okta-spec-test): every step passes in the documented order", () => {
  it("lists, reads, misses random users, 404s a random id, creates, reads, 409s a duplicate, matches upper case", async () => {
    const existing = await create("existing.user@okta.local", "00uexisting");
    const page = await idp.raw("GET", "/Users?count=1&startIndex=1");
    expect(page.status, "GET /Users?count=1&startIndex=1").toBe(200);
    expect(page.body).toMatchObject({
      schemas: expect.arrayContaining([ScimUrn.ListResponse]),
      totalResults: expect.any(Number),
      startIndex: 1,
      itemsPerPage: 1,
    });
    const first = (page.body as { Resources: ScimUser[] }).Resources[0];
    expect(first, "first resource has the fields Okta reads").toMatchObject({
      id: existing.id,
      name: { familyName: "User", givenName: "Test" },
      userName: "existing.user@okta.local",
      active: true,
      emails: [{ value: "existing.user@okta.local" }],
    });
    const got = await idp.scim.GET("/Users/{id}", byId(existing.id));
    expect(got.data, "GET /Users/{id}").toMatchObject({ id: existing.id, name: first?.name, active: true });

    for (const step of ["invalid User by username", "make sure random user doesn't exist"]) {
      const { body } = await oktaLookup(`${crypto.randomUUID()}@okta.local`);
      expect(body, step).toMatchObject({ schemas: [ScimUrn.ListResponse], totalResults: 0 });
    }

    const missing = await idp.scim.GET("/Users/{id}", byId(crypto.randomUUID()));
    expect(missing.response.status, "GET /Users/{random id}").toBe(404);
    expect(missing.error).toMatchObject({
      schemas: [ScimUrn.Error],
      status: "404",
      detail: expect.any(String),
    });
    expect((missing.error as { detail: string }).detail).not.toBe("");

    const { displayName: _d, locale: _l, externalId: _e, groups: _g, ...minimal } = oktaCreateBody();
    const created = await idp.scim.POST("/Users", { body: minimal });
    expect(created.response.status, "POST /Users").toBe(201);
    expect(created.data).toMatchObject({
      schemas: expect.arrayContaining([ScimUrn.User]),
      id: expect.any(String),
      active: true,
      userName: testUser,
      name: { givenName: "Test", familyName: "User" },
    });
    const reread = await idp.scim.GET("/Users/{id}", byId(String(created.data?.id)));
    expect(reread.data, "GET /Users/{new id}").toMatchObject({
      userName: testUser,
      name: created.data?.name,
    });

    const duplicate = await idp.scim.POST("/Users", { body: oktaCreateBody() });
    expect(duplicate.error, "Expect failure when recreating user with same values").toMatchObject({
      status: "409",
      scimType: "uniqueness",
    });

    const upper = await oktaLookup(testUser.toUpperCase());
    expect(upper.body, "Username Case Sensitivity Check").toMatchObject({
      totalResults: 1,
      Resources: [{ id: created.data?.id }],
    });
  });
});

describe("Okta SPEC test (#okta-spec-test) on a tenant whose oldest user was created in the app", () => {
  it("passes step 1: the first user of GET /Users?count=1&startIndex=1 has name.givenName and name.familyName", async () => {
    // The admin who configures Okta is usually the tenant's first user, created in the app
    // (POST /api/users or a JIT login) before any SCIM; the SPEC test reads that user.
    await idp.createLocalUser("ada.admin@acme.io", "Ada Admin");
    const { body } = await idp.raw("GET", "/Users?count=1&startIndex=1");
    const first = (body as { Resources: ScimUser[] }).Resources[0];
    expect(first, "first resource has name.givenName and name.familyName").toMatchObject({
      id: expect.any(String),
      userName: "ada.admin@acme.io",
      active: true,
      emails: [{ value: "ada.admin@acme.io" }],
      name: { givenName: expect.any(String), familyName: expect.any(String) },
    });
  });
});

describe("Okta profile push (#okta-profile-push): GET then a full PUT re-sending id, meta, groups, userName, email and userType answers 200", () => {
  it("accepts the whole object back with a changed givenName, userType set by the app included", async () => {
    const user = await create();
    const role = await idp.app.PATCH("/api/team/{id}", { ...byId(user.id), body: { role: "admin" } });
    expect(role.response.status).toBe(200);
    const current = dataOrThrow(await idp.scim.GET("/Users/{id}", byId(user.id)));
    expect(current).toMatchObject({ userType: "admin", meta: { resourceType: "User" } });
    const body = {
      ...asPutBody(current),
      groups: current.groups ?? [],
      name: { ...current.name, givenName: "Tess" },
    };
    const put = await idp.scim.PUT("/Users/{id}", { ...byId(user.id), body });
    expect(put.response.status).toBe(200);
    expect(put.data).toMatchObject({
      id: user.id,
      userName: testUser,
      userType: "admin",
      emails: [{ value: testUser, primary: true }],
      name: { givenName: "Tess", familyName: "User" },
    });
  });

  it.each([
    ["userName", { userName: "renamed@okta.local" }],
    ["the primary email", { emails: [{ primary: true, value: "renamed@okta.local", type: "work" }] }],
    ["userType", { userType: "member" }],
  ])("answers a PUT changing %s with 400 mutability and keeps the stored user", async (_name, change) => {
    const user = await create();
    await idp.app.PATCH("/api/team/{id}", { ...byId(user.id), body: { role: "admin" } });
    const current = dataOrThrow(await idp.scim.GET("/Users/{id}", byId(user.id)));
    const put = await idp.scim.PUT("/Users/{id}", {
      ...byId(user.id),
      body: { ...asPutBody(current), ...change },
    });
    expect({ httpStatus: put.response.status, ...(put.error as object) }).toMatchObject({
      httpStatus: 400,
      status: "400",
      scimType: "mutability",
    });
    expect(dataOrThrow(await idp.scim.GET("/Users/{id}", byId(user.id)))).toEqual(current);
  });

  it("answers a PUT giving userType admin to a user the app shows as member with 400 mutability", async () => {
    // Okta's create body has no userType, so the app shows the default role "member"; a PUT that
    // adds userType "admin" changes the role through SCIM.
    const user = await create();
    expect(await idp.login(testUser)).toBe(200);
    expect(await idp.team()).toMatchObject([{ email: testUser, role: "member" }]);
    const current = dataOrThrow(await idp.scim.GET("/Users/{id}", byId(user.id)));
    const put = await idp.scim.PUT("/Users/{id}", {
      ...byId(user.id),
      body: { ...asPutBody(current), userType: "admin" },
    });
    expect({ httpStatus: put.response.status, ...(put.error as object) }).toMatchObject({
      httpStatus: 400,
      status: "400",
      scimType: "mutability",
    });
    expect(await idp.team()).toMatchObject([{ email: testUser, role: "member" }]);
  });
});

describe("Okta OIN deactivation (#okta-deactivation): a path-less PATCH {active:false} answers 200 and the user stays readable", () => {
  const active = (value: boolean) => patchBody({ op: "replace", value: { active: value } });

  it("deactivates: 200 with active false, still readable by id and by filter, out of the team, login refused", async () => {
    const user = await create();
    await idp.login(testUser);
    const off = await idp.scim.PATCH("/Users/{id}", { ...byId(user.id), body: active(false) });
    expect(off.response.status).toBe(200);
    expect(off.data?.active).toBe(false);
    expect(dataOrThrow(await idp.scim.GET("/Users/{id}", byId(user.id))).active).toBe(false);
    expect((await oktaLookup(testUser)).body).toMatchObject({
      totalResults: 1,
      Resources: [{ active: false }],
    });
    expect(await idp.teamEmails()).toEqual([]);
    expect(await idp.login(testUser)).toBe(403);
  });

  it("reactivates: a path-less PATCH {active:true} answers 200 and puts the joined user back in the team", async () => {
    const user = await create();
    await idp.login(testUser);
    await idp.scim.PATCH("/Users/{id}", { ...byId(user.id), body: active(false) });
    const on = await idp.scim.PATCH("/Users/{id}", { ...byId(user.id), body: active(true) });
    expect(on.response.status).toBe(200);
    expect(on.data?.active).toBe(true);
    expect(await idp.teamEmails()).toEqual([testUser]);
    expect(await idp.login(testUser)).toBe(200);
  });

  it("reactivates a user who never logged in as pending: still out of the team until the first login", async () => {
    const user = await create();
    await idp.scim.PATCH("/Users/{id}", { ...byId(user.id), body: active(false) });
    await idp.scim.PATCH("/Users/{id}", { ...byId(user.id), body: active(true) });
    expect(await idp.teamEmails()).toEqual([]);
    expect(await idp.login(testUser)).toBe(200);
    expect(await idp.teamEmails()).toEqual([testUser]);
  });
});

describe("Okta OIN password sync (#okta-deactivation): a path-less PATCH {password} answers 200 and the password is never stored", () => {
  it("accepts the PATCH, returns no password and keeps it out of the stored document", async () => {
    const user = await create();
    const synced = await idp.scim.PATCH("/Users/{id}", {
      ...byId(user.id),
      body: patchBody({ op: "replace", value: { password: "n3w-Secret-2025" } }),
    });
    expect(synced.response.status).toBe(200);
    expect(synced.data).not.toHaveProperty("password");
    expect(await storedText(idp.server)).not.toMatch(/n3w-Secret|1mz050nq/);
  });
});

describe("Okta custom (AIW) app (#okta-deactivation): deactivation and reactivation arrive as a full PUT with active", () => {
  it("PUT active:false answers 200, removes from the team and refuses login; PUT active:true restores", async () => {
    const user = await create();
    await idp.login(testUser);
    const current = dataOrThrow(await idp.scim.GET("/Users/{id}", byId(user.id)));
    const off = await idp.scim.PUT("/Users/{id}", {
      ...byId(user.id),
      body: { ...asPutBody(current), active: false },
    });
    expect(off.response.status).toBe(200);
    expect(off.data?.active).toBe(false);
    expect(await idp.teamEmails()).toEqual([]);
    expect(await idp.login(testUser)).toBe(403);
    expect(dataOrThrow(await idp.scim.GET("/Users/{id}", byId(user.id))).active).toBe(false);
    const on = await idp.scim.PUT("/Users/{id}", {
      ...byId(user.id),
      body: { ...asPutBody(current), active: true },
    });
    expect(on.data?.active).toBe(true);
    expect(await idp.teamEmails()).toEqual([testUser]);
  });
});

describe("Okta import (#okta-import): walking startIndex += count returns every user once, in one stable order", () => {
  async function walk(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let startIndex = 1; ; startIndex += count) {
      const { status, body } = await idp.raw("GET", `/Users?startIndex=${startIndex}&count=${count}`);
      expect(status).toBe(200);
      const page = body as {
        totalResults: number;
        startIndex: number;
        itemsPerPage: number;
        Resources: ScimUser[];
      };
      expect(page).toMatchObject({ totalResults: 7, startIndex, itemsPerPage: page.Resources.length });
      expect(page.itemsPerPage).toBe(Math.min(count, 7 - (startIndex - 1)));
      ids.push(...page.Resources.map((user) => user.id));
      if (startIndex + count > page.totalResults) return ids;
    }
  }

  it("pages 7 users (local, provisioned and deactivated) with count=3 without duplicates or gaps", async () => {
    for (const name of ["amy", "ben", "cat", "dan"]) await idp.createLocalUser(`${name}@acme.io`, name);
    const provisioned = [await create("eve@acme.io", "00ueve"), await create("fay@acme.io", "00ufay")];
    const gone = await create("gus@acme.io", "00ugus");
    await idp.scim.PATCH("/Users/{id}", {
      ...byId(gone.id),
      body: patchBody({ op: "replace", value: { active: false } }),
    });
    const all = dataOrThrow(
      await idp.scim.GET("/Users", { params: { query: { startIndex: 1, count: 100 } } }),
    );
    const reference = (all.Resources ?? []).map((user) => user.id);
    expect(reference).toHaveLength(7);
    expect(reference).toEqual(expect.arrayContaining([...provisioned, gone].map((user) => user.id)));
    const byThree = await walk(3);
    expect(byThree).toEqual(reference);
    expect(new Set(byThree).size).toBe(7);
    expect(await walk(2)).toEqual(reference);
    const beyond = await idp.raw("GET", "/Users?startIndex=8&count=3");
    expect(beyond.body).toMatchObject({ totalResults: 7, startIndex: 8, itemsPerPage: 0 });
  });
});
