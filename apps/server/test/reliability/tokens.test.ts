import { createHash, randomUUID } from "node:crypto";
import { formatContractViolation } from "@scimkit/conformance";
import { newTokenSecret, TOKEN_PREFIX } from "@scimkit/router";
import { ScimUrn } from "@scimkit/types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { revokeToken } from "../../src/auth/tokens.service.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";
import {
  addTenant,
  addToken,
  caller,
  createdId,
  expectScimError,
  serviceDeps,
  storedText,
} from "./reliability-helpers.js";

/**
 * Bearer tokens (docs/security.md#token-theft): rotation with overlap and immediate revocation,
 * storage as SHA-256 only, a scanner-friendly prefix with 256 random bits, and no token or password
 * in the logs or echoed in an error body.
 */
let server: TestServer;
/** Each test works in a tenant of its own, with its first token. */
let tenant: Awaited<ReturnType<typeof addTenant>>;
beforeAll(async () => {
  server = await startTestServer();
});
beforeEach(async () => {
  tenant = await addTenant(server.store);
});
afterAll(async () => {
  expect(server.violations.map(formatContractViolation)).toEqual([]);
  await server.close();
});

const TOKEN_SHAPE = new RegExp(`^${TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`);

describe("bearer tokens", () => {
  it("keeps the old token working beside a new one until it is revoked, then answers it 401 at once", async () => {
    const old = caller(server, tenant.token);
    const rotated = await addToken(server.store, tenant.tenantId);
    const next = caller(server, rotated.token);
    expect((await old("GET", "/Users")).status).toBe(200);
    expect((await next("GET", "/Users")).status).toBe(200);
    expect(await revokeToken(server.store.read, serviceDeps, tenant.tokenId)).toBe(true);
    // The very next request, on the same kept-alive connection, is refused.
    const refused = await old("GET", "/Users");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
    expectScimError(refused);
    expect((await next("GET", "/Users")).status).toBe(200);
  });

  it("stores each token only as its SHA-256: no table holds the token or its secret part", async () => {
    const tokens = [
      tenant.token,
      ...(
        await Promise.all([
          addToken(server.store, tenant.tenantId, "admin"),
          addToken(server.store, tenant.tenantId),
        ])
      ).map((t) => t.token),
    ];
    const stored = await storedText(server);
    for (const token of tokens) {
      expect(stored).not.toContain(token.slice(TOKEN_PREFIX.length));
      expect(stored).toContain(createHash("sha256").update(token).digest("hex"));
    }
  });

  it("issues tokens with the scimkit_ prefix and 256 random bits", () => {
    const secrets = [tenant.token, ...Array.from({ length: 1_000 }, newTokenSecret)];
    for (const secret of secrets) expect(secret).toMatch(TOKEN_SHAPE);
    expect(new Set(secrets).size).toBe(secrets.length);
    const bits = secrets.map((secret) => Buffer.from(secret.slice(TOKEN_PREFIX.length), "base64url"));
    for (const bytes of bits) expect(bytes).toHaveLength(32);
    // Every one of the 256 bits is set in about half of the tokens: none is fixed or a counter's.
    const ones = Array.from(
      { length: 256 },
      (_, bit) => bits.filter((bytes) => ((bytes[bit >> 3] ?? 0) >> (bit & 7)) & 1).length,
    );
    expect(ones.filter((count) => count < 400 || count > 600)).toEqual([]);
  });

  it.each([
    ["a token with trailing text", (t: string) => `Bearer ${t}x`, 401],
    ["a token after a space", (t: string) => `Bearer ${t} ${t}`, 401],
    ["a token without the Bearer scheme", (t: string) => t, 401],
    ["a token under the Basic scheme", (t: string) => `Basic ${t}`, 401],
    ["a revoked token", (t: string) => `Bearer ${t}`, 401],
  ])("answers %s without echoing it", async (name, header, status) => {
    if (name === "a revoked token") {
      await revokeToken(server.store.read, serviceDeps, tenant.tokenId);
    }
    const reply = await caller(server, undefined)("GET", "/Users", {
      headers: { authorization: header(tenant.token) },
    });
    expect(reply.status).toBe(status);
    expectScimError(reply);
    expect(reply.text).not.toContain(tenant.token.slice(TOKEN_PREFIX.length, TOKEN_PREFIX.length + 12));
  });

  it("never logs a token or a password, nor echoes a password in an error body", async () => {
    const password = `pw${randomUUID().slice(0, 8)}`;
    const admin = await addToken(server.store, tenant.tenantId, "admin");
    const scim = caller(server, tenant.token);
    const user = { schemas: [ScimUrn.User], userName: "logged@x.io", password };
    const id = createdId(await scim("POST", "/Users", { json: user }));
    const bodies = [
      ["PUT", `/Users/${id}`, { json: { ...user, title: "t" } }],
      [
        "PATCH",
        `/Users/${id}`,
        {
          json: {
            schemas: [ScimUrn.PatchOp],
            Operations: [{ op: "replace", path: "password", value: password }],
          },
        },
      ],
      [
        "PATCH",
        `/Users/${id}`,
        {
          json: {
            schemas: [ScimUrn.PatchOp],
            Operations: [{ op: "replace", value: { password, userName: "other@x.io" } }],
          },
        },
      ],
      ["POST", "/Users", { json: { ...user, userName: 1 } }],
      ["POST", "/Users", { raw: `{"schemas":["${ScimUrn.User}"],"password": ${password}}` }],
      ["POST", "/Users", { raw: `{"password":"${password}" ,,}` }],
      ["POST", "/Users", { raw: `x${password}` }],
      [
        "POST",
        "/Users/.search",
        { json: { schemas: [ScimUrn.SearchRequest], filter: `password eq "${password}"` } },
      ],
    ] as const;
    const replies = await Promise.all(bodies.map(([method, path, send]) => scim(method, path, send)));
    expect(replies.map((r) => r.status).slice(0, -1)).toEqual([200, 200, 400, 400, 400, 400, 400]);
    for (const reply of replies) expect(reply.text).not.toContain(password);
    await caller(server, admin.token, server.origin)("GET", "/api/team");
    await caller(server, admin.token)("GET", "/Users");
    await caller(server, `${tenant.token}x`)("GET", `/Users/${id}`);
    const logs = server.logs.join("\n");
    expect(server.logs.length).toBeGreaterThan(bodies.length);
    for (const secret of [tenant.token, admin.token, password]) expect(logs).not.toContain(secret);
    // A password is write-only (RFC 7643 §4.1.1): it is not stored either.
    expect(await storedText(server)).not.toContain(password);
  });
});
