import { formatContractViolation } from "@scimkit/conformance";
import {
  type ListResponse,
  type ResourceType,
  SCIM_MEDIA_TYPE,
  type SchemaDefinition,
  ScimUrn,
  type ServiceProviderConfig,
} from "@scimkit/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers/test-server.js";

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ bodyLimitBytes: 4096 });
});
afterEach(async () => {
  // Every response these tests saw conforms to spec/openapi.yaml.
  expect(server.violations.map(formatContractViolation)).toEqual([]);
  await server.close();
});

function scim(path: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> {
  const { token = server.token, headers, ...rest } = init;
  return server.fetch(server.scimUrl + path, {
    ...rest,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(headers as Record<string, string>),
    },
  });
}

async function expectScimError(
  response: Response,
  want: { status: number; scimType?: string },
): Promise<void> {
  expect(response.status).toBe(want.status);
  expect(response.headers.get("content-type")).toContain(SCIM_MEDIA_TYPE);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body.schemas).toEqual([ScimUrn.Error]);
  expect(body.status).toBe(String(want.status));
  expect(body.scimType).toBe(want.scimType);
  expect(typeof body.detail).toBe("string");
}

describe("authentication", () => {
  it("answers 401 with WWW-Authenticate when the token is missing", async () => {
    const response = await scim("/ServiceProviderConfig", { token: null });
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    await expectScimError(response, { status: 401 });
  });

  it.each([
    ["an unknown token", { authorization: "Bearer scimkit_not-a-real-token" }],
    ["a non-bearer scheme", { authorization: "Basic dXNlcjpwYXNz" }],
    ["an empty bearer", { authorization: "Bearer " }],
  ])("answers 401 for %s", async (_name, headers) => {
    await expectScimError(await scim("/Schemas", { token: null, headers }), { status: 401 });
  });

  it("accepts the bearer scheme in any case", async () => {
    const response = await scim("/Schemas", {
      token: null,
      headers: { authorization: `bearer ${server.token}` },
    });
    expect(response.status).toBe(200);
  });

  it("answers 403 on every SCIM call when the tenant's provisioning is off", async () => {
    await server.store.read.tenants.updateSettings(server.tenantId, { provisioning: false });
    await expectScimError(await scim("/ServiceProviderConfig"), { status: 403 });
    await expectScimError(await scim("/Users"), { status: 403 });
  });

  it("answers 401 once the token is revoked", async () => {
    for (const token of await server.store.read.tokens.list(server.tenantId))
      await server.store.read.tokens.revoke(token.id, new Date().toISOString());
    await expectScimError(await scim("/ServiceProviderConfig"), { status: 401 });
  });
});

describe("discovery", () => {
  it("serves the ServiceProviderConfig as application/scim+json, telling what is supported", async () => {
    const response = await scim("/ServiceProviderConfig");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/scim+json; charset=utf-8");
    const body = (await response.json()) as ServiceProviderConfig;
    expect(body).toMatchObject({
      schemas: [ScimUrn.ServiceProviderConfig],
      bulk: { supported: false },
      changePassword: { supported: false },
      authenticationSchemes: [{ type: "oauthbearertoken" }],
      meta: { resourceType: "ServiceProviderConfig", location: `${server.scimUrl}/ServiceProviderConfig` },
    });
  });

  it("lists the User and Group resource types with the enterprise extension on User", async () => {
    const body = (await (await scim("/ResourceTypes")).json()) as ListResponse<ResourceType>;
    expect(body.schemas).toEqual([ScimUrn.ListResponse]);
    expect(body.totalResults).toBe(2);
    expect(body.Resources?.map((type) => type.id)).toEqual(["User", "Group"]);
    expect(body.Resources?.[0]?.schemaExtensions).toEqual([
      { schema: ScimUrn.EnterpriseUser, required: false },
    ]);
  });

  it("serves one resource type by id and 404 for an unknown one", async () => {
    expect(((await (await scim("/ResourceTypes/User")).json()) as ResourceType).endpoint).toBe("/Users");
    await expectScimError(await scim("/ResourceTypes/Device"), { status: 404 });
  });

  it("serves the three schema definitions from spec/schemas", async () => {
    const body = (await (await scim("/Schemas")).json()) as ListResponse<SchemaDefinition>;
    expect(body.Resources?.map((schema) => schema.id)).toEqual([
      ScimUrn.User,
      ScimUrn.EnterpriseUser,
      ScimUrn.Group,
    ]);
    const userName = body.Resources?.[0]?.attributes.find((attribute) => attribute.name === "userName");
    expect(userName).toMatchObject({ required: true, uniqueness: "server", caseExact: false });
  });

  it("serves one schema by URN, and 404 for an unknown URN", async () => {
    const response = await scim(`/Schemas/${ScimUrn.EnterpriseUser}`);
    expect(((await response.json()) as SchemaDefinition).meta?.location).toBe(
      `${server.scimUrl}/Schemas/${ScimUrn.EnterpriseUser}`,
    );
    await expectScimError(await scim("/Schemas/urn:example:nope"), { status: 404 });
  });
});

describe("parameters are checked against the spec before the handler runs", () => {
  it.each([
    ["count=abc", "?count=abc", { status: 400, scimType: "invalidValue" }],
    ["count=1.5", "?count=1.5", { status: 400, scimType: "invalidValue" }],
    [
      "startIndex beyond a safe integer",
      "?startIndex=99999999999999999999",
      { status: 400, scimType: "invalidValue" },
    ],
    ["a duplicated filter", "?filter=a&filter=b", { status: 400, scimType: "invalidValue" }],
    ["a sortOrder outside the enum", "?sortOrder=sideways", { status: 400, scimType: "invalidValue" }],
  ])("%s", async (_name, query, want) => {
    await expectScimError(await scim(`/Users${query}`), want);
  });

  it.each([
    ["startIndex=-5 is read as 1 (RFC 7644 §3.4.2.4)", "?startIndex=-5", { startIndex: 1 }],
    ["count=-1 is read as 0", "?count=-1", { itemsPerPage: 0 }],
    ["sortOrder in another case is accepted", "?sortOrder=DESCENDING&sortBy=userName", { startIndex: 1 }],
  ])("%s", async (_name, query, want) => {
    const response = await scim(`/Users${query}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject(want);
  });
});

describe("request bodies", () => {
  const post = (body: string, headers: Record<string, string> = { "content-type": SCIM_MEDIA_TYPE }) =>
    scim("/Users", { method: "POST", body, headers });

  it("answers 400 invalidSyntax for malformed JSON", async () => {
    await expectScimError(await post('{"userName": '), { status: 400, scimType: "invalidSyntax" });
  });

  it("answers 400 invalidSyntax for JSON that is not an object", async () => {
    await expectScimError(await post("[1,2]"), { status: 400, scimType: "invalidSyntax" });
  });

  it("answers 413 for a body over the limit", async () => {
    await expectScimError(await post(JSON.stringify({ userName: "x".repeat(8000) })), { status: 413 });
  });

  it("answers 415 for a body that is not JSON", async () => {
    await expectScimError(await post("userName=x", { "content-type": "application/x-www-form-urlencoded" }), {
      status: 415,
    });
  });

  it("accepts application/json as well as application/scim+json", async () => {
    const body = JSON.stringify({ schemas: [ScimUrn.User], userName: "a@x.io" });
    const response = await post(body, { "content-type": "application/json; charset=utf-8" });
    expect(response.status).toBe(201);
  });
});

describe("routing errors are SCIM errors", () => {
  it("answers 404 for an unknown path under the SCIM base", async () => {
    await expectScimError(await scim("/Devices"), { status: 404 });
  });

  it("answers 404 for an unknown path outside it", async () => {
    await expectScimError(await server.fetch(`${server.origin}/nope`), { status: 404 });
  });

  it("answers 405 for a method the endpoint does not have", async () => {
    await expectScimError(await scim("/ServiceProviderConfig", { method: "DELETE" }), { status: 405 });
  });
});

describe("operations", () => {
  it("answers /healthz and /readyz without a token", async () => {
    for (const path of ["/healthz", "/readyz"]) {
      const response = await server.fetch(server.origin + path);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("application/json");
      expect(await response.json()).toEqual({ status: "ok" });
    }
  });

  it("echoes a sane X-Request-Id and logs it without the token", async () => {
    const response = await scim("/Schemas", { headers: { "x-request-id": "req-123" } });
    expect(response.headers.get("x-request-id")).toBe("req-123");
    await scim("/Users?filter=a&filter=b");
    const lines = server.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.some((line) => line.requestId === "req-123" && line.status === 200)).toBe(true);
    expect(server.logs.join("\n")).not.toContain(server.token);
  });

  it("replaces an unsafe X-Request-Id with its own", async () => {
    const response = await scim("/Schemas", { headers: { "x-request-id": "bad id\twith spaces" } });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
