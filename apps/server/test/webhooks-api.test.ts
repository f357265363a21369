import { createSecretBox, resolveSecretKey } from "@scimkit/router";
import type { components } from "@scimkit/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type ConsoleHarness,
  closeConsoleHarness,
  expectError,
  startConsoleHarness,
} from "./helpers/console-harness.js";
import { addTenant, addToken, caller, type Reply } from "./reliability/reliability-helpers.js";

/** `/api/webhooks`: a tenant's endpoints, their secrets, test events and rotation. */
type Endpoint = components["schemas"]["WebhookEndpoint"];
type NewEndpoint = components["schemas"]["NewWebhookEndpoint"];

let harness: ConsoleHarness;
let api: ConsoleHarness["api"];

beforeEach(async () => {
  harness = await startConsoleHarness();
  ({ api } = harness);
});
afterEach(() => closeConsoleHarness(harness));

async function addEndpoint(body: object = { url: "https://hooks.example.com/scim" }): Promise<NewEndpoint> {
  const reply = await api("POST", "/api/webhooks", body);
  expect(reply.status, reply.text).toBe(201);
  return reply.body as NewEndpoint;
}

/** The secret an endpoint signs with now, opened from the store as the delivery worker opens it. */
async function storedSecrets(id: string): Promise<{ secret: string; expiresAt: string | null }[]> {
  const { store, tenantId } = harness.server;
  const box = createSecretBox(await resolveSecretKey(store));
  const endpoint = await store.read.webhooks.getEndpoint(tenantId, id);
  return (endpoint?.secrets ?? []).map((s) => ({ secret: box.open(s.sealed), expiresAt: s.expiresAt }));
}

describe("endpoints", () => {
  it("adds an endpoint whose secret is shown once, stored sealed, and never listed", async () => {
    const created = await addEndpoint({
      url: "https://hooks.example.com/scim",
      events: ["user.created", "user.deleted"],
      description: " CRM sync ",
    });
    expect(created).toMatchObject({
      url: "https://hooks.example.com/scim",
      events: ["user.created", "user.deleted"],
      description: "CRM sync",
      enabled: true,
      disabledReason: null,
      failingSince: null,
      previousSecretExpiresAt: null,
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(await storedSecrets(created.id)).toEqual([{ secret: created.secret, expiresAt: null }]);
    const stored = await harness.server.store.read.webhooks.getEndpoint(harness.server.tenantId, created.id);
    expect(JSON.stringify(stored)).not.toContain(created.secret);

    const listed = await api("GET", "/api/webhooks");
    const got = await api("GET", `/api/webhooks/${created.id}`);
    for (const reply of [listed, got]) {
      expect(reply.status).toBe(200);
      expect(reply.text).not.toContain(created.secret);
      expect(reply.text).not.toMatch(/secret"|sealed/i);
    }
    const { secret: _secret, ...view } = created;
    expect(listed.body).toEqual({ items: [view] });
    expect(got.body).toEqual(view);
  });

  it("sends every type when no events are named, and normalises the URL", async () => {
    const created = await addEndpoint({ url: "HTTPS://Hooks.Example.com" });
    expect(created).toMatchObject({ url: "https://hooks.example.com/", events: null, description: null });
  });

  it("changes only what a PATCH names, and disables and enables by hand", async () => {
    const created = await addEndpoint();
    const patched = await api("PATCH", `/api/webhooks/${created.id}`, {
      url: "http://other.example.com/in",
      events: ["group.created", "group.created"],
    });
    expect(patched).toMatchObject({
      status: 200,
      body: {
        url: "http://other.example.com/in",
        events: ["group.created"],
        description: null,
        enabled: true,
      },
    });
    const disabled = await api("PATCH", `/api/webhooks/${created.id}`, { enabled: false, description: "x" });
    expect(disabled.body).toMatchObject({ enabled: false, disabledReason: "manual", description: "x" });
    const enabled = await api("PATCH", `/api/webhooks/${created.id}`, { enabled: true, events: null });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, events: null });
    expect((await api("PATCH", `/api/webhooks/${created.id}`, {})).body).toEqual(enabled.body);
  });

  it("re-enabling an endpoint disabled for failing clears its failure record", async () => {
    const created = await addEndpoint();
    const { store, tenantId } = harness.server;
    await store.read.webhooks.updateEndpoint(tenantId, created.id, {
      enabled: false,
      disabledReason: "failing",
      failingSince: "2026-01-01T00:00:00.000Z",
      updatedAt: new Date().toISOString(),
    });
    expect((await api("GET", `/api/webhooks/${created.id}`)).body).toMatchObject({
      enabled: false,
      disabledReason: "failing",
      failingSince: "2026-01-01T00:00:00.000Z",
    });
    const enabled = await api("PATCH", `/api/webhooks/${created.id}`, { enabled: true });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });

  it("removes an endpoint; it is 404 afterwards", async () => {
    const created = await addEndpoint();
    expect((await api("DELETE", `/api/webhooks/${created.id}`)).status).toBe(204);
    expectError(await api("GET", `/api/webhooks/${created.id}`), 404);
    expectError(await api("DELETE", `/api/webhooks/${created.id}`), 404);
    expect((await api("GET", "/api/webhooks")).body).toEqual({ items: [] });
  });

  it.each<[string, unknown]>([
    ["a URL of another scheme", { url: "ftp://hooks.example.com/x" }],
    ["a javascript: URL", { url: "javascript:alert(1)" }],
    ["a relative URL", { url: "/hooks/scim" }],
    ["a URL with a password", { url: "https://user:pw@hooks.example.com/" }],
    ["a URL with a user name", { url: "https://user@hooks.example.com/" }],
    ["no URL", {}],
    ["a URL that is not text", { url: 42 }],
    ["a URL of 2049 characters", { url: `https://hooks.example.com/${"a".repeat(2049 - 26)}` }],
    ["an unknown event type", { url: "https://h.example.com", events: ["user.exploded"] }],
    ["an empty event list", { url: "https://h.example.com", events: [] }],
    ["events that are not a list", { url: "https://h.example.com", events: "user.created" }],
    ["a description of 201 characters", { url: "https://h.example.com", description: "d".repeat(201) }],
    ["an unknown attribute", { url: "https://h.example.com", secret: "whsec_mine" }],
  ])("refuses %s with 400 invalidValue and adds nothing", async (_name, body) => {
    expectError(await api("POST", "/api/webhooks", body), 400, "invalidValue");
    expect((await api("GET", "/api/webhooks")).body).toEqual({ items: [] });
  });

  it.each<[string, unknown]>([
    ["a bad URL", { url: "mailto:a@example.com" }],
    ["an unknown event type", { events: ["nope"] }],
    ["enabled that is not a boolean", { enabled: "false" }],
    ["an unknown attribute", { disabledReason: null }],
  ])("refuses a PATCH with %s and changes nothing", async (_name, body) => {
    const created = await addEndpoint();
    expectError(await api("PATCH", `/api/webhooks/${created.id}`, body), 400, "invalidValue");
    const { secret: _secret, ...view } = created;
    expect((await api("GET", `/api/webhooks/${created.id}`)).body).toEqual(view);
  });

  it("needs an admin token: a SCIM token gets 403", async () => {
    const scimCaller = caller(harness.server, harness.server.token, harness.server.origin);
    expectError(await scimCaller("GET", "/api/webhooks"), 403);
  });
});

describe("tenant isolation", () => {
  it("answers 404 for another tenant's endpoint on every operation, and lists only the tenant's own", async () => {
    const other = await addTenant(harness.server.store);
    const otherAdmin = await addToken(harness.server.store, other.tenantId, "admin");
    const otherApi = caller(harness.server, otherAdmin.token, harness.server.origin);
    const theirs = (await otherApi("POST", "/api/webhooks", { json: { url: "https://theirs.example.com" } }))
      .body as NewEndpoint;
    const mine = await addEndpoint();
    const path = `/api/webhooks/${theirs.id}`;
    const attempts: Reply[] = [
      await api("GET", path),
      await api("PATCH", path, { enabled: false }),
      await api("POST", `${path}/test`),
      await api("POST", `${path}/rotate`, {}),
      await api("GET", `${path}/deliveries`),
      await api("POST", `${path}/deliveries/resend`, { ids: ["d1"] }),
      await api("DELETE", path),
    ];
    for (const reply of attempts) expectError(reply, 404);
    expect(
      ((await api("GET", "/api/webhooks")).body as { items: Endpoint[] }).items.map((e) => e.id),
    ).toEqual([mine.id]);
    expect((await otherApi("GET", path)).body).toMatchObject({ id: theirs.id, enabled: true });
  });
});

describe("rotation", () => {
  it("returns a new secret once; the old one keeps signing for 24 hours by default", async () => {
    const created = await addEndpoint();
    const before = Date.now();
    const reply = await api("POST", `/api/webhooks/${created.id}/rotate`, {});
    expect(reply.status, reply.text).toBe(200);
    const rotated = reply.body as NewEndpoint;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    const expiry = Date.parse(rotated.previousSecretExpiresAt ?? "");
    expect(expiry - before).toBeGreaterThanOrEqual(86_400_000 - 1000);
    expect(expiry - before).toBeLessThanOrEqual(86_400_000 + 60_000);
    expect(await storedSecrets(created.id)).toEqual([
      { secret: rotated.secret, expiresAt: null },
      { secret: created.secret, expiresAt: rotated.previousSecretExpiresAt },
    ]);
    const listed = await api("GET", "/api/webhooks");
    expect(listed.text).not.toContain(rotated.secret);
    expect(listed.body).toMatchObject({
      items: [{ previousSecretExpiresAt: rotated.previousSecretExpiresAt }],
    });
  });

  it("with overlapSeconds 0 ends the old secret at once", async () => {
    const created = await addEndpoint();
    const rotated = (await api("POST", `/api/webhooks/${created.id}/rotate`, { overlapSeconds: 0 }))
      .body as NewEndpoint;
    expect(rotated.previousSecretExpiresAt).toBeNull();
    expect(await storedSecrets(created.id)).toEqual([{ secret: rotated.secret, expiresAt: null }]);
  });

  it.each<[string, unknown]>([
    ["a negative overlap", { overlapSeconds: -1 }],
    ["an overlap over 7 days", { overlapSeconds: 604_801 }],
    ["a fractional overlap", { overlapSeconds: 1.5 }],
    ["an overlap given as text", { overlapSeconds: "60" }],
    ["an unknown attribute", { overlap: 60 }],
  ])("refuses %s with 400 and keeps the secret", async (_name, body) => {
    const created = await addEndpoint();
    expectError(await api("POST", `/api/webhooks/${created.id}/rotate`, body), 400, "invalidValue");
    expect(await storedSecrets(created.id)).toEqual([{ secret: created.secret, expiresAt: null }]);
  });
});

describe("test events", () => {
  it("appends one webhook.test event about the endpoint and answers 202 with its id", async () => {
    const created = await addEndpoint();
    const reply = await api("POST", `/api/webhooks/${created.id}/test`);
    expect(reply.status, reply.text).toBe(202);
    const { eventId } = reply.body as { eventId: string };
    const page = await harness.server.store.read.events.page(harness.server.tenantId, {
      types: ["webhook.test"],
      limit: 10,
    });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ resourceType: "Endpoint", resourceId: created.id, sequence: 1 });
    expect(JSON.parse(page.items[0]?.body ?? "")).toMatchObject({
      id: eventId,
      type: "webhook.test",
      tenantId: harness.server.tenantId,
      actor: { kind: "app", id: harness.adminTokenId },
      data: { endpointId: created.id, message: "A test event from scimkit." },
    });
  });

  it("refuses a disabled endpoint with 409 and appends nothing", async () => {
    const created = await addEndpoint();
    await api("PATCH", `/api/webhooks/${created.id}`, { enabled: false });
    expectError(await api("POST", `/api/webhooks/${created.id}/test`), 409);
    const page = await harness.server.store.read.events.page(harness.server.tenantId, {
      types: ["webhook.test"],
      limit: 10,
    });
    expect(page.items).toEqual([]);
  });
});
