/**
 * JumpCloud's custom SCIM integration (docs/reference/idp-requests.md#jumpcloud) replayed over
 * HTTP. JumpCloud documents its admin workflow, not its wire format: where that section marks a
 * shape (secondary) or (unverified), the test replays the likely shape and its title says what
 * JumpCloud would break on.
 */
import { dataOrThrow, filter } from "@scimkit/client";
import { formatContractViolation } from "@scimkit/conformance";
import { ScimUrn, type ScimUser } from "@scimkit/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { byId, type IdpHarness, patchBody, startIdpHarness } from "./idp-harness.js";

let idp: IdpHarness;
beforeEach(async () => {
  idp = await startIdpHarness("scimkit-idp-replay (JumpCloud)");
});
afterEach(async () => {
  // Every response the replay saw conforms to spec/openapi.yaml.
  expect(idp.server.violations.map(formatContractViolation)).toEqual([]);
  await idp.close();
});

/** The Test User Email of the connector form; JumpCloud test e-mails may carry a `+`. */
const testEmail = "jc.test+scim@acme.io";

/**
 * A plain core User (JumpCloud needs no extension schemas,
 * docs/reference/idp-requests.md#jumpcloud-create), with a temporary password.
 */
function jumpCloudUser(email: string, externalId = "5f1b2c3d4e5f60718293a4b5") {
  return {
    schemas: [ScimUrn.User],
    externalId,
    userName: email,
    name: { givenName: "Jay", familyName: "Cloud" },
    displayName: "Jay Cloud",
    emails: [{ value: email, type: "work", primary: true }],
    password: "Temp-0rary-Pa55",
    active: true,
  };
}

async function lookup(userName: string): Promise<ScimUser[]> {
  const query = { filter: String(filter.eq("userName", userName)) };
  return dataOrThrow(await idp.scim.GET("/Users", { params: { query } })).Resources ?? [];
}

describe("JumpCloud Test Connection: lookup by the test e-mail, POST, then DELETE answers 204 and the test user is gone", () => {
  async function testConnection(): Promise<void> {
    expect(await lookup(testEmail), "user_lookup_provision").toEqual([]);
    const created = await idp.scim.POST("/Users", { body: jumpCloudUser(testEmail) });
    expect(created.response.status, "user_create_provision").toBe(201);
    expect(created.data).toMatchObject({ userName: testEmail, emails: [{ value: testEmail }], active: true });
    const id = String(created.data?.id);
    const deleted = await idp.scim.DELETE("/Users/{id}", byId(id));
    expect(deleted.response.status, "user_delete_provision").toBe(204);
    expect(await deleted.response.text()).toBe("");
    const after = await idp.scim.GET("/Users/{id}", byId(id));
    expect(after.error).toMatchObject({ status: "404" });
    expect(await lookup(testEmail)).toEqual([]);
  }

  it("creates the test user with its + intact and deletes it without trace in SCIM or the team", async () => {
    await testConnection();
    expect(await idp.teamEmails()).toEqual([]);
    expect(await idp.login(testEmail)).toBe(403);
  });

  it("passes again with the same test e-mail when a setting changes and the test reruns", async () => {
    await testConnection();
    await testConnection();
  });
});

describe("JumpCloud activation: GET /Users with no filter answers 200 and a ListResponse even when empty", () => {
  it("answers 200 with totalResults 0 in application/scim+json", async () => {
    const { status, body } = await idp.raw("GET", "/Users");
    expect(status).toBe(200);
    expect(body).toMatchObject({ schemas: [ScimUrn.ListResponse], totalResults: 0, startIndex: 1 });
    expect(idp.exchanges.at(-1)?.contentType).toMatch(/^application\/scim\+json/);
  });
});

describe("JumpCloud user update: one replace with a path per attribute (name.givenName, name.familyName, active false)", () => {
  async function provisionAndJoin(): Promise<string> {
    const user = dataOrThrow(await idp.scim.POST("/Users", { body: jumpCloudUser(testEmail) }));
    expect(await idp.teamEmails()).toEqual([]);
    expect(await idp.login(testEmail)).toBe(200);
    expect(await idp.teamEmails()).toEqual([testEmail]);
    return user.id;
  }

  it("renames with path replaces and answers 200 with the new names", async () => {
    const id = await provisionAndJoin();
    const renamed = await idp.scim.PATCH("/Users/{id}", {
      ...byId(id),
      body: patchBody(
        { op: "replace", path: "name.givenName", value: "Jaye" },
        { op: "replace", path: "name.familyName", value: "Clouds" },
      ),
    });
    expect(renamed.response.status).toBe(200);
    expect(renamed.data).toMatchObject({
      name: { givenName: "Jaye", familyName: "Clouds" },
      userName: testEmail,
    });
  });

  it("renames by a full PUT as well, since JumpCloud's verb is not documented", async () => {
    const id = await provisionAndJoin();
    const body = { ...jumpCloudUser(testEmail), name: { givenName: "Jaye", familyName: "Cloud" } };
    const put = await idp.scim.PUT("/Users/{id}", { ...byId(id), body });
    expect(put.response.status).toBe(200);
    expect(put.data?.name).toMatchObject({ givenName: "Jaye" });
    expect(put.data).not.toHaveProperty("password");
  });

  it("deprovisions with replace active false: 200, out of the team, login refused, still readable", async () => {
    const id = await provisionAndJoin();
    const off = await idp.scim.PATCH("/Users/{id}", {
      ...byId(id),
      body: patchBody({ op: "replace", path: "active", value: false }),
    });
    expect(off.response.status).toBe(200);
    expect(off.data?.active).toBe(false);
    expect(await idp.teamEmails()).toEqual([]);
    expect(await idp.login(testEmail)).toBe(403);
    expect(await lookup(testEmail)).toMatchObject([{ id, active: false }]);
    const on = await idp.scim.PATCH("/Users/{id}", {
      ...byId(id),
      body: patchBody({ op: "replace", path: "active", value: true }),
    });
    expect(on.data?.active).toBe(true);
    expect(await idp.teamEmails()).toEqual([testEmail]);
  });
});

describe("JumpCloud manual import: users the app created before SCIM, e-mails with + included, are found and linked", () => {
  const plus = "a+b@x.io";

  beforeEach(async () => {
    await idp.createLocalUser(plus, "Ann Bee");
    await idp.createLocalUser("ab@x.io", "Decoy");
  });

  it("finds a+b@x.io with filter=userName%20eq%20%22a%2Bb%40x.io%22 sent byte for byte", async () => {
    const { status, body } = await idp.raw("GET", "/Users?filter=userName%20eq%20%22a%2Bb%40x.io%22");
    expect(status).toBe(200);
    expect(body).toMatchObject({ totalResults: 1, Resources: [{ userName: plus }] });
  });

  it("finds it when the spaces arrive form-encoded as + and the + itself as %2B", async () => {
    const { body } = await idp.raw(
      "GET",
      "/Users?filter=userName+eq+%22a%2Bb%40x.io%22&startIndex=1&count=100",
    );
    expect(body).toMatchObject({ totalResults: 1, Resources: [{ userName: plus }] });
  });

  it("finds it through the client's filter builder, which puts %2B on the wire", async () => {
    expect(await lookup(plus)).toMatchObject([{ userName: plus, emails: [{ value: plus, primary: true }] }]);
    const url = idp.exchanges.at(-1)?.url ?? "";
    expect(url).toContain("%2B");
    expect(new URL(url).search).not.toMatch(/a\+b/);
  });

  it("finds it by e-mail too, as JumpCloud matches on username and email", async () => {
    const query = { filter: String(filter.eq("emails.value", plus)) };
    const list = dataOrThrow(await idp.scim.GET("/Users", { params: { query } }));
    expect(list).toMatchObject({ totalResults: 1, Resources: [{ userName: plus }] });
  });

  it("lists the local users in the import and links one by setting externalId: the team shows linked: true", async () => {
    const all = dataOrThrow(
      await idp.scim.GET("/Users", { params: { query: { startIndex: 1, count: 100 } } }),
    );
    expect(all.totalResults).toBe(2);
    const ann = all.Resources?.find((user) => user.userName === plus);
    expect(ann).toMatchObject({ active: true, emails: [{ value: plus }] });
    const linked = await idp.scim.PATCH("/Users/{id}", {
      ...byId(String(ann?.id)),
      body: patchBody({ op: "replace", path: "externalId", value: "5f1b2c3d4e5f60718293a4b6" }),
    });
    expect(linked.response.status).toBe(200);
    expect(await idp.team()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          email: plus,
          source: "local",
          linked: true,
          externalId: "5f1b2c3d4e5f60718293a4b6",
        }),
        expect.objectContaining({ email: "ab@x.io", linked: false }),
      ]),
    );
  });

  it("answers a POST for the already imported e-mail with 409 uniqueness, so JumpCloud must look up first", async () => {
    const created = await idp.scim.POST("/Users", { body: jumpCloudUser(plus) });
    expect({ httpStatus: created.response.status, ...(created.error as object) }).toMatchObject({
      httpStatus: 409,
      status: "409",
      scimType: "uniqueness",
    });
  });
});
