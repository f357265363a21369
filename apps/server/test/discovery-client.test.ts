import { createScimClient, dataOrThrow, ScimClientError } from "@scimkit/client";
import { formatContractViolation } from "@scimkit/conformance";
import { ScimUrn } from "@scimkit/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers/test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  // Every response these tests saw conforms to spec/openapi.yaml.
  expect(server.violations.map(formatContractViolation)).toEqual([]);
  await server.close();
});

describe("discovery through @scimkit/client", () => {
  it("reads the ServiceProviderConfig as typed data", async () => {
    const scim = createScimClient({ baseUrl: server.scimUrl, fetch: server.fetch, token: server.token });
    const config = dataOrThrow(await scim.GET("/ServiceProviderConfig"));
    expect(config.authenticationSchemes.map((scheme) => scheme.type)).toEqual(["oauthbearertoken"]);
    expect(config.filter).toEqual({ supported: true, maxResults: 1000 });
    expect(config.patch.supported).toBe(true);
  });

  it("reads a schema by URN with attribute characteristics", async () => {
    const scim = createScimClient({ baseUrl: server.scimUrl, fetch: server.fetch, token: server.token });
    const schema = dataOrThrow(await scim.GET("/Schemas/{id}", { params: { path: { id: ScimUrn.Group } } }));
    expect(schema.attributes.map((attribute) => attribute.name)).toEqual(["displayName", "members"]);
  });

  it("surfaces a SCIM 401 as a ScimClientError when the token is wrong", async () => {
    const scim = createScimClient({ baseUrl: server.scimUrl, fetch: server.fetch, token: "scimkit_wrong" });
    const result = await scim.GET("/ResourceTypes");
    expect(result.response.status).toBe(401);
    expect(() => dataOrThrow(result)).toThrow(ScimClientError);
    expect(result.error).toMatchObject({ schemas: [ScimUrn.Error], status: "401" });
  });

  it("gets a SCIM 404 for an unknown group as a typed error", async () => {
    const scim = createScimClient({
      baseUrl: server.scimUrl,
      fetch: server.fetch,
      token: server.token,
      retry: false,
    });
    const { error, response } = await scim.GET("/Groups/{id}", { params: { path: { id: "nope" } } });
    expect(response.status).toBe(404);
    expect(error?.status).toBe("404");
  });
});
