import { hashToken } from "@scimkit/router";
import type { components } from "@scimkit/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type ConsoleHarness,
  closeConsoleHarness,
  expectError,
  startConsoleHarness,
} from "./helpers/console-harness.js";
import { addTenant, caller, type Reply } from "./reliability/reliability-helpers.js";

/** The admin console's `/api`: the tenant's settings and its tokens. */
let harness: ConsoleHarness;
let server: ConsoleHarness["server"];
let scim: ConsoleHarness["scim"];
let api: ConsoleHarness["api"];
let provision: ConsoleHarness["provision"];
let adminTokenId: string;

beforeEach(async () => {
  harness = await startConsoleHarness();
  ({ server, scim, api, provision } = harness);
  adminTokenId = harness.adminTokenId;
});
afterEach(() => closeConsoleHarness(harness));

/** A SCIM call with another token. */
function scimWith(token: string): Promise<Reply> {
  return caller(harness.server, token)("GET", "/Users");
}

const DEFAULTS = { provisioning: true, jit: false, groups: true, deleteMode: "soft" };

describe("tenant", () => {
  it("shows its id, name, SCIM endpoint and the default settings", async () => {
    expect(await api("GET", "/api/tenant")).toMatchObject({
      status: 200,
      body: { id: server.tenantId, name: "acme", scimEndpoint: server.scimUrl, settings: DEFAULTS },
    });
  });

  it("changes only the settings a PATCH names", async () => {
    const patched = await api("PATCH", "/api/tenant", { jit: true, deleteMode: "hard" });
    const want = { ...DEFAULTS, jit: true, deleteMode: "hard" };
    expect(patched).toMatchObject({ status: 200, body: { settings: want } });
    expect(await api("PATCH", "/api/tenant", {})).toMatchObject({ status: 200, body: { settings: want } });
    expect((await api("GET", "/api/tenant")).body).toMatchObject({ settings: want });
  });

  it.each([
    ["a flag that is not a boolean", { jit: "yes" }],
    ["a flag given as a number", { provisioning: 0 }],
    ["an unknown setting", { jit: true, colour: "red" }],
    ["an unknown deleteMode", { deleteMode: "x" }],
  ])("refuses %s with 400 invalidValue and changes nothing", async (_name, body) => {
    expectError(await api("PATCH", "/api/tenant", body), 400, "invalidValue");
    expect((await api("GET", "/api/tenant")).body).toMatchObject({ settings: DEFAULTS });
  });

  it("with provisioning off answers SCIM 403 while /api keeps working, and on again lets SCIM in", async () => {
    await api("PATCH", "/api/tenant", { provisioning: false });
    expectError(await scimWith(server.token), 403);
    expect((await api("GET", "/api/team")).status).toBe(200);
    await api("PATCH", "/api/tenant", { provisioning: true });
    expect((await scimWith(server.token)).status).toBe(200);
  });

  it("with jit on creates an unknown email's user at first login", async () => {
    const login = () => api("POST", "/api/login", { email: "new@example.com" });
    expectError(await login(), 403);
    await api("PATCH", "/api/tenant", { jit: true });
    expect(await login()).toMatchObject({ status: 200, body: { source: "jit", status: "active" } });
    expect((await api("GET", "/api/team")).body).toMatchObject({ items: [{ email: "new@example.com" }] });
  });

  it("with deleteMode hard removes the user's row on SCIM DELETE", async () => {
    await api("PATCH", "/api/tenant", { deleteMode: "hard" });
    const user = await provision("gone@example.com");
    const deleted = await scim.DELETE("/Users/{id}", { params: { path: { id: user.id } } });
    expect(deleted.response.status).toBe(204);
    const everyone = await server.store.read.users.list(server.tenantId, {
      statuses: ["pending", "active", "deactivated", "deleted"],
      page: { kind: "offset", startIndex: 1, count: 10 },
    });
    expect(everyone).toEqual({ total: 0, items: [] });
  });
});

type Token = components["schemas"]["TokenInfo"];

async function newToken(scope: Token["scope"] = "scim"): Promise<Token & { secret: string }> {
  const reply = await api("POST", "/api/tokens", { scope });
  expect(reply.status, reply.text).toBe(201);
  return reply.body as Token & { secret: string };
}

async function tokens(): Promise<{ items: Token[]; text: string }> {
  const reply = await api("GET", "/api/tokens");
  expect(reply.status).toBe(200);
  return { items: (reply.body as { items: Token[] }).items, text: reply.text };
}

describe("tokens", () => {
  it("issues a scim token whose secret, shown once, authenticates SCIM", async () => {
    const created = await newToken();
    expect(created).toMatchObject({ scope: "scim", current: false, revokedAt: null, lastUsedAt: null });
    expect(created.secret).toMatch(/^scimkit_/);
    expect((await scimWith(created.secret)).status).toBe(200);
  });

  it("lists tokens without secrets or hashes, marks only the calling one current, and shows last use", async () => {
    const created = await newToken();
    await scimWith(created.secret);
    const { items, text } = await tokens();
    expect(text).not.toContain(created.secret);
    expect(text).not.toContain(hashToken(created.secret));
    expect(text).not.toMatch(/secret|hash/i);
    expect(items).toHaveLength(3);
    expect(items.filter((token) => token.current).map((token) => token.id)).toEqual([adminTokenId]);
    expect(items.find((token) => token.id === created.id)?.lastUsedAt).toEqual(expect.any(String));
  });

  it.each([
    ["an unknown scope", { scope: "root" }],
    ["no scope", {}],
  ])("refuses %s with 400 invalidValue", async (_name, body) => {
    expectError(await api("POST", "/api/tokens", body), 400, "invalidValue");
  });

  it.each(["scim", "admin"] as const)(
    "rotates a %s token into a new secret of that scope while the old one keeps working",
    async (scope) => {
      const works = async (secret: string) =>
        (scope === "scim"
          ? await scimWith(secret)
          : await caller(server, secret, server.origin)("GET", "/api/tenant")
        ).status;
      const old = await newToken(scope);
      const rotated = await api("POST", `/api/tokens/${old.id}/rotate`);
      expect(rotated).toMatchObject({ status: 201, body: { scope, revokedAt: null, current: false } });
      const fresh = rotated.body as Token & { secret: string };
      expect(fresh.id).not.toBe(old.id);
      expect(fresh.secret).toMatch(/^scimkit_/);
      expect(fresh.secret).not.toBe(old.secret);
      expect([await works(fresh.secret), await works(old.secret)]).toEqual([200, 200]);
    },
  );

  it("revokes with 204 so the next SCIM call gets 401; a revoked token cannot be rotated (409)", async () => {
    const created = await newToken();
    expect((await api("DELETE", `/api/tokens/${created.id}`)).status).toBe(204);
    expectError(await scimWith(created.secret), 401);
    expect((await api("DELETE", `/api/tokens/${created.id}`)).status).toBe(204);
    expectError(await api("POST", `/api/tokens/${created.id}/rotate`), 409);
    const listed = (await tokens()).items.find((token) => token.id === created.id);
    expect(listed?.revokedAt).toEqual(expect.any(String));
  });

  it("refuses to revoke the calling token with 409, and it keeps working", async () => {
    expectError(await api("DELETE", `/api/tokens/${adminTokenId}`), 409);
    expect((await api("GET", "/api/tenant")).status).toBe(200);
  });

  it("never lists, revokes or rotates another tenant's token (404), which keeps working", async () => {
    const other = await addTenant(server.store);
    expectError(await api("DELETE", `/api/tokens/${other.tokenId}`), 404);
    expectError(await api("POST", `/api/tokens/${other.tokenId}/rotate`), 404);
    expect((await tokens()).items.map((token) => token.id)).not.toContain(other.tokenId);
    expect((await scimWith(other.token)).status).toBe(200);
  });

  it("names a token, keeps the name on rotation, and refuses a blank or overlong name", async () => {
    const made = await api("POST", "/api/tokens", { scope: "scim", name: "  Okta production " });
    expect(made.status, made.text).toBe(201);
    const { id, name } = made.body as Token;
    expect(name).toBe("Okta production");
    const rotated = await api("POST", `/api/tokens/${id}/rotate`);
    expect((rotated.body as Token).name).toBe("Okta production");
    expect((await tokens()).items.filter((token) => token.name === "Okta production")).toHaveLength(2);
    expect((await newToken()).name).toBeNull();
    for (const bad of [" ", "x".repeat(101), 42])
      expectError(await api("POST", "/api/tokens", { scope: "scim", name: bad }), 400, "invalidValue");
  });

  it("answers 404 for an unknown token id", async () => {
    expectError(await api("DELETE", "/api/tokens/no-such-token"), 404);
    expectError(await api("POST", "/api/tokens/no-such-token/rotate"), 404);
  });

  it("refuses a SCIM-scope token on /api/tokens with 403", async () => {
    const asIdp = caller(server, server.token, server.origin);
    expectError(await asIdp("GET", "/api/tokens"), 403);
    expectError(await asIdp("POST", "/api/tokens", { json: { scope: "admin" } }), 403);
  });
});
