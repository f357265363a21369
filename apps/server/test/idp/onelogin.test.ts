/**
 * OneLogin's "SCIM Provisioner with SAML (SCIM v2 Enterprise)" connector
 * (docs/reference/idp-requests.md#onelogin). Its body comes from the admin-editable SCIM JSON
 * Template; the update verb and deprovision shape are (unverified), so both a full PUT and a
 * path-less PATCH are replayed.
 */
import { createScimClient, dataOrThrow, filter } from "@scimkit/client";
import { formatContractViolation } from "@scimkit/conformance";
import { ScimUrn, type ScimUser } from "@scimkit/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { byId, type IdpHarness, patchBody, startIdpHarness } from "./idp-harness.js";

let idp: IdpHarness;
beforeEach(async () => {
  idp = await startIdpHarness("scimkit-idp-replay (OneLogin)");
});
afterEach(async () => {
  // Every response the replay saw conforms to spec/openapi.yaml.
  expect(idp.server.violations.map(formatContractViolation)).toEqual([]);
  await idp.close();
});

const email = "olivia.login@acme.io";
const enterprise = ScimUrn.EnterpriseUser;

/** The SCIM JSON Template of #onelogin-create rendered for one user, `scimusername` set to Email. */
function templateBody(managerId: string, userName = email) {
  return {
    schemas: [ScimUrn.User, enterprise],
    userName,
    name: { givenName: "Olivia", familyName: "Login" },
    emails: [{ value: userName, type: "work", primary: true }],
    userType: "Employee",
    title: "Engineer",
    [enterprise]: { department: "R&D", manager: { value: managerId } },
  };
}

/** The manager first (the template points `manager.value` at them), then the user. */
async function provision(): Promise<{ user: ScimUser; managerId: string }> {
  const { [enterprise]: _none, ...managerBody } = templateBody("", "boss@acme.io");
  const manager = dataOrThrow(await idp.scim.POST("/Users", { body: managerBody }));
  const user = dataOrThrow(await idp.scim.POST("/Users", { body: templateBody(manager.id) }));
  return { user, managerId: manager.id };
}

describe("OneLogin initial connection on Enable: the bearer token is checked and GET /Users answers 200", () => {
  it("answers 200 with the right token and a SCIM 401 with a wrong one", async () => {
    expect((await idp.raw("GET", "/Users?count=1")).status).toBe(200);
    const stranger = createScimClient({
      baseUrl: idp.server.scimUrl,
      token: "not-a-token",
      retry: false,
      fetch: idp.server.fetch,
    });
    const { error, response } = await stranger.GET("/Users");
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ schemas: [ScimUrn.Error], status: "401" });
    expect(response.headers.get("content-type")).toMatch(/^application\/scim\+json/);
  });
});

describe("OneLogin create from the SCIM JSON template: lookup, then POST with core + enterprise, userType, title, department, manager.value answers 201", () => {
  it("looks the user up, creates it with every template attribute, and keeps it pending until login", async () => {
    const query = { filter: String(filter.eq("userName", email)) };
    expect(dataOrThrow(await idp.scim.GET("/Users", { params: { query } })).totalResults).toBe(0);
    const { managerId } = await provision();
    const created = dataOrThrow(await idp.scim.GET("/Users", { params: { query } })).Resources?.[0];
    expect(created).toMatchObject({
      userName: email,
      userType: "Employee",
      title: "Engineer",
      active: true,
      [enterprise]: { department: "R&D", manager: { value: managerId } },
    });
    expect(created?.schemas).toEqual(expect.arrayContaining([ScimUrn.User, enterprise]));
    expect(await idp.teamEmails()).toEqual([]);
    expect(await idp.login(email)).toBe(200);
    expect(await idp.teamEmails()).toEqual([email]);
  });
});

describe("OneLogin update: the template re-sends the same userType (200); a different userType is 400 mutability", () => {
  it("accepts a full PUT re-sending userType unchanged with a new title", async () => {
    const { user, managerId } = await provision();
    const put = await idp.scim.PUT("/Users/{id}", {
      ...byId(user.id),
      body: { ...templateBody(managerId), title: "Staff Engineer" },
    });
    expect(put.response.status).toBe(200);
    expect(put.data).toMatchObject({ title: "Staff Engineer", userType: "Employee" });
  });

  it("accepts a PATCH replacing userType with the same value", async () => {
    const { user } = await provision();
    const patched = await idp.scim.PATCH("/Users/{id}", {
      ...byId(user.id),
      body: patchBody({ op: "replace", path: "userType", value: "Employee" }),
    });
    expect(patched.response.status).toBe(200);
  });

  it.each([
    ["a full PUT", "PUT"],
    ["a PATCH replace", "PATCH"],
  ] as const)("refuses a different userType sent by %s and keeps the stored one", async (_name, verb) => {
    const { user, managerId } = await provision();
    const result =
      verb === "PUT"
        ? await idp.scim.PUT("/Users/{id}", {
            ...byId(user.id),
            body: { ...templateBody(managerId), userType: "Contractor" },
          })
        : await idp.scim.PATCH("/Users/{id}", {
            ...byId(user.id),
            body: patchBody({ op: "replace", path: "userType", value: "Contractor" }),
          });
    expect({ httpStatus: result.response.status, ...(result.error as object) }).toMatchObject({
      httpStatus: 400,
      status: "400",
      scimType: "mutability",
    });
    expect(dataOrThrow(await idp.scim.GET("/Users/{id}", byId(user.id))).userType).toBe("Employee");
  });
});

describe("OneLogin deprovision: a PUT with active:false and a path-less PATCH {active:false} both deactivate", () => {
  it.each([
    ["a full PUT", "PUT"],
    ["a path-less PATCH", "PATCH"],
  ] as const)("deactivates and reactivates by %s, out of and back into the team", async (_name, verb) => {
    const { user, managerId } = await provision();
    await idp.login(email);
    const setActive = (active: boolean) =>
      verb === "PUT"
        ? idp.scim.PUT("/Users/{id}", { ...byId(user.id), body: { ...templateBody(managerId), active } })
        : idp.scim.PATCH("/Users/{id}", {
            ...byId(user.id),
            body: patchBody({ op: "replace", value: { active } }),
          });
    const off = await setActive(false);
    expect(off.response.status).toBe(200);
    expect(off.data?.active).toBe(false);
    expect(await idp.teamEmails()).toEqual([]);
    expect(await idp.login(email)).toBe(403);
    expect(dataOrThrow(await idp.scim.GET("/Users/{id}", byId(user.id)))).toMatchObject({
      active: false,
      userType: "Employee",
    });
    const on = await setActive(true);
    expect(on.data?.active).toBe(true);
    expect(await idp.teamEmails()).toEqual([email]);
  });
});
