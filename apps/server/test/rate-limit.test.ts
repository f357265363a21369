import { formatContractViolation } from "@scimkit/conformance";
import { createToken } from "@scimkit/router";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers/test-server.js";

/** The per-token limit: 429 with Retry-After and a SCIM error body, per token, after authentication. */
let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ rateLimit: { perSecond: 0.5, burst: 3 } });
});
afterEach(async () => {
  // The 429 responses conform to spec/openapi.yaml too (the TooManyRequests response with Retry-After).
  expect(server.violations.map(formatContractViolation)).toEqual([]);
  await server.close();
});

const get = (token: string) =>
  server.fetch(`${server.scimUrl}/Users?count=1`, { headers: { authorization: `Bearer ${token}` } });

describe("per-token rate limit", () => {
  it("answers 429 with Retry-After and a SCIM error once a token spends its burst", async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(server.token)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await get(server.token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      status: "429",
    });
  });

  it("limits each token on its own: a second token of the tenant still gets through", async () => {
    for (let i = 0; i < 4; i++) await get(server.token);
    const deps = { now: () => new Date(), newId: () => crypto.randomUUID() };
    const other = (await createToken(server.store.read, deps, server.tenantId, "scim")).token;
    expect((await get(other)).status).toBe(200);
  });

  it("spends nothing on requests that fail authentication", async () => {
    for (let i = 0; i < 5; i++) expect((await get("not-a-token")).status).toBe(401);
    expect((await get(server.token)).status).toBe(200);
  });
});
