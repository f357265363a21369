/**
 * Microsoft Entra ID's provisioning requests (docs/reference/idp-requests.md#microsoft-entra-id; a
 * `#…` in a title is a section of it) replayed over HTTP: the documented sequence, the default
 * job's non-RFC shapes (`Replace`, `"False"`) and the `aadOptscim062020` / SCIM Validator shapes,
 * since a server cannot tell which one it gets.
 */
import { dataOrThrow } from "@scimkit/client";
import { formatContractViolation } from "@scimkit/conformance";
import { ScimUrn, type ScimUser } from "@scimkit/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { byId, type IdpHarness, patchBody, startIdpHarness } from "./idp-harness.js";

let idp: IdpHarness;
beforeEach(async () => {
  idp = await startIdpHarness("scimkit-idp-replay (Entra ID)");
});
afterEach(async () => {
  // Every response the replay saw conforms to spec/openapi.yaml.
  expect(idp.server.violations.map(formatContractViolation)).toEqual([]);
  await idp.close();
});

const upn = "Test_User_ab6490ee@contoso.com";
const objectId = "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef";
const enterprise = ScimUrn.EnterpriseUser;

/**
 * The POST of ENTRA-DEV "Create User" (#entra-create), userName and work mail equal, as the app
 * requires.
 */
function entraCreateBody(email = upn, externalId = objectId) {
  return {
    schemas: [ScimUrn.User, enterprise],
    externalId,
    userName: email,
    active: true,
    emails: [{ primary: true, type: "work", value: email }],
    meta: { resourceType: "User" },
    name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
    roles: [],
  };
}

async function create(email = upn, externalId = objectId): Promise<ScimUser> {
  return dataOrThrow(await idp.scim.POST("/Users", { body: entraCreateBody(email, externalId) }));
}

async function patch(id: string, ...operations: Parameters<typeof patchBody>) {
  return idp.scim.PATCH("/Users/{id}", { ...byId(id), body: patchBody(...operations) });
}

async function find(query: string) {
  return dataOrThrow(await idp.scim.GET("/Users", { params: { query: { filter: query } } }));
}

describe("Entra create (#entra-create): POST with core and enterprise schemas, meta and roles: [] answers 201 with meta.created and lastModified", () => {
  it("answers exactly 201 with id and meta, and leaves the user pending until the first login", async () => {
    const { data, response } = await idp.scim.POST("/Users", { body: entraCreateBody() });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({
      id: expect.any(String),
      userName: upn,
      externalId: objectId,
      active: true,
      name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
      meta: { resourceType: "User", created: expect.any(String), lastModified: expect.any(String) },
    });
    expect(Date.parse(String(data?.meta?.created))).not.toBeNaN();
    expect(await idp.teamEmails()).toEqual([]);
    expect(await idp.login(upn)).toBe(200);
    expect(await idp.teamEmails()).toEqual([upn]);
  });
});

describe('Entra matching (#entra-requirements): userName eq, emails[type eq "work"].value eq and externalId eq each find the user', () => {
  it.each([
    ["userName", `userName eq "${upn}"`],
    ["the work e-mail", `emails[type eq "work"].value eq "${upn}"`],
    ["externalId", `externalId eq "${objectId}"`],
  ])("finds the user by %s", async (_name, query) => {
    const user = await create();
    await create("someone.else@contoso.com", crypto.randomUUID());
    expect(await find(query)).toMatchObject({ totalResults: 1, startIndex: 1, Resources: [{ id: user.id }] });
  });

  it("answers Test Connection's random-value filters with an empty ListResponse", async () => {
    await create();
    for (const query of [
      `userName eq "${crypto.randomUUID()}@contoso.com"`,
      `externalId eq "${crypto.randomUUID()}"`,
      `emails[type eq "work"].value eq "${crypto.randomUUID()}@contoso.com"`,
    ]) {
      expect(await find(query), query).toEqual({
        schemas: [ScimUrn.ListResponse],
        totalResults: 0,
        startIndex: 1,
        itemsPerPage: 0,
        Resources: [],
      });
    }
  });
});

describe("Entra updates (#entra-updates, #entra-default-job, #entra-with-aadoptscim062020): capitalised ops, value filters, string booleans and dotted keys all answer 200", () => {
  it('accepts Replace emails[type eq "work"].value with the same value together with Replace name.familyName', async () => {
    const user = await create();
    const result = await patch(
      user.id,
      { op: "Replace", path: 'emails[type eq "work"].value', value: upn },
      { op: "Replace", path: "name.familyName", value: "Newfamily" },
    );
    expect(result.response.status).toBe(200);
    expect(result.data).toMatchObject({
      name: { familyName: "Newfamily" },
      emails: [{ value: upn, type: "work" }],
    });
  });

  it('stores Replace active "False" and "True" as booleans and moves the user out of and back into the team', async () => {
    const user = await create();
    await idp.login(upn);
    const off = await patch(user.id, { op: "Replace", path: "active", value: "False" });
    expect(off.response.status).toBe(200);
    expect(off.data?.active).toBe(false);
    expect(await idp.teamEmails()).toEqual([]);
    expect(await idp.login(upn)).toBe(403);
    const on = await patch(user.id, { op: "Replace", path: "active", value: "True" });
    expect(on.data?.active).toBe(true);
    expect(await idp.teamEmails()).toEqual([upn]);
  });

  it("accepts the aadOptscim062020 path-less replace whose keys are dotted paths and the enterprise URN", async () => {
    const user = await create();
    const result = await patch(user.id, {
      op: "replace",
      value: {
        displayName: "Ada Lovelace",
        "name.givenName": "Ada",
        "name.familyName": "Lovelace",
        [`${enterprise}:employeeNumber`]: "E-1815",
      },
    });
    expect(result.response.status).toBe(200);
    expect(result.data).toMatchObject({
      displayName: "Ada Lovelace",
      name: { givenName: "Ada", familyName: "Lovelace", formatted: "givenName familyName" },
      [enterprise]: { employeeNumber: "E-1815" },
    });
    expect(result.data?.schemas).toContain(enterprise);
  });

  it("accepts Add nickName with a capitalised op", async () => {
    const user = await create();
    const result = await patch(user.id, { op: "Add", path: "nickName", value: "Babs" });
    expect(result.response.status).toBe(200);
    expect(result.data?.nickName).toBe("Babs");
  });

  it("stores the enterprise manager sent as a bare id string, and Remove without value clears it", async () => {
    const boss = await create("boss@contoso.com", crypto.randomUUID());
    const user = await create();
    const added = await patch(user.id, { op: "Add", path: `${enterprise}:manager`, value: boss.id });
    expect(added.response.status).toBe(200);
    expect(added.data?.[enterprise]?.manager).toMatchObject({ value: boss.id });
    const removed = await patch(user.id, { op: "Remove", path: `${enterprise}:manager` });
    expect(removed.response.status).toBe(200);
    expect(removed.data?.[enterprise]?.manager).toBeUndefined();
  });

  it.each([
    ["userName", { op: "Replace", path: "userName", value: "renamed@contoso.com" }],
    [
      "the work e-mail",
      { op: "Replace", path: 'emails[type eq "work"].value', value: "renamed@contoso.com" },
    ],
  ])(
    "refuses Replace of %s with a different value: 400 mutability, nothing changes",
    async (_name, operation) => {
      const user = await create();
      const result = await patch(user.id, operation);
      expect({ httpStatus: result.response.status, ...(result.error as object) }).toMatchObject({
        httpStatus: 400,
        status: "400",
        scimType: "mutability",
      });
      expect(dataOrThrow(await idp.scim.GET("/Users/{id}", byId(user.id)))).toMatchObject({
        userName: upn,
        meta: { version: user.meta?.version },
      });
    },
  );

  it("accepts Replace userName with the unchanged value", async () => {
    const user = await create();
    const result = await patch(user.id, { op: "Replace", path: "userName", value: upn });
    expect(result.response.status).toBe(200);
  });
});

describe("Entra SCIM Validator Disable User (#entra-scim-validator): the disabled user is still returned by GET and by the userName filter", () => {
  it.each([
    ["the default job's string", { op: "Replace", path: "active", value: "False" }],
    ["aadOptscim062020's boolean", { op: "replace", path: "active", value: false }],
  ])("shows active false after %s", async (_name, operation) => {
    const user = await create();
    expect((await patch(user.id, operation)).response.status).toBe(200);
    expect(dataOrThrow(await idp.scim.GET("/Users/{id}", byId(user.id))).active).toBe(false);
    expect(await find(`userName eq "${upn}"`)).toMatchObject({
      totalResults: 1,
      Resources: [{ id: user.id, active: false }],
    });
  });
});

describe("Entra delete (#entra-updates): DELETE answers 204, then the user is 404 and gone from filters", () => {
  it('answers 204 without body, then 404 with status "404" and an empty userName filter', async () => {
    const user = await create();
    const deleted = await idp.scim.DELETE("/Users/{id}", byId(user.id));
    expect(deleted.response.status).toBe(204);
    const gone = await idp.scim.GET("/Users/{id}", byId(user.id));
    expect(gone.response.status).toBe(404);
    expect(gone.error).toMatchObject({ schemas: [ScimUrn.Error], status: "404" });
    expect((await find(`userName eq "${upn}"`)).totalResults).toBe(0);
  });
});

describe("Entra media type (#entra-requirements): every response with a body is application/scim+json", () => {
  it("holds over a whole sequence, errors included", async () => {
    const user = await create();
    await find(`externalId eq "${objectId}"`);
    await patch(user.id, { op: "Replace", path: "active", value: "False" });
    await patch(user.id, { op: "Replace", path: "userName", value: "renamed@contoso.com" });
    await idp.scim.GET("/Users", { params: { query: { filter: 'userName eq "unterminated' } } });
    await idp.scim.DELETE("/Users/{id}", byId(user.id));
    await idp.scim.GET("/Users/{id}", byId(user.id));
    expect(idp.exchanges.map((exchange) => exchange.status)).toEqual([201, 200, 200, 400, 400, 204, 404]);
    for (const exchange of idp.exchanges.filter((e) => e.status !== 204)) {
      expect(exchange.contentType, `${exchange.method} ${exchange.url}`).toMatch(/^application\/scim\+json/);
    }
  });
});
