import { pendingDelivery, type StoredEvent, type WebhookDelivery } from "@scimkit/router";
import type { components } from "@scimkit/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type ConsoleHarness,
  closeConsoleHarness,
  expectError,
  startConsoleHarness,
} from "./helpers/console-harness.js";

/**
 * `/api/webhooks/{id}/deliveries` and its resend. The deliveries are made through the webhooks
 * port as the delivery worker makes them (a fan-out, then one attempt each), so the listing is
 * tested without sending anything.
 */
type Delivery = components["schemas"]["WebhookDelivery"];
type DeliveryPage = components["schemas"]["WebhookDeliveryPage"];

const OWNER = "test-worker";

let harness: ConsoleHarness;
let api: ConsoleHarness["api"];

beforeEach(async () => {
  harness = await startConsoleHarness();
  ({ api } = harness);
});
afterEach(() => closeConsoleHarness(harness));

const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

/** An endpoint added through the API. */
async function addEndpoint(): Promise<string> {
  const reply = await api("POST", "/api/webhooks", { url: "https://hooks.example.com/scim" });
  expect(reply.status, reply.text).toBe(201);
  return (reply.body as { id: string }).id;
}

/** Appends one `webhook.test` event about each of `resources` (endpoint ids stand in for resources). */
async function appendEvents(resources: readonly string[]): Promise<StoredEvent[]> {
  const { store, tenantId } = harness.server;
  const stored: StoredEvent[] = [];
  for (const [index, id] of resources.entries()) {
    const [event] = await store.read.events.append(tenantId, { type: "Endpoint", id }, [
      {
        id: `event-${index}`,
        type: "webhook.test",
        timestamp: iso(0),
        actor: { kind: "app", id: "k1", name: null },
        data: { endpointId: id },
      },
    ]);
    if (event !== undefined) stored.push(event);
  }
  return stored;
}

/** The deliveries of these events to the endpoint, made as a fan-out makes them, oldest first. */
async function fanOut(endpointId: string, events: readonly StoredEvent[]): Promise<WebhookDelivery[]> {
  const { store, tenantId } = harness.server;
  const claimed = await store.read.webhooks.claimFanOut(OWNER, iso(0), iso(30_000), 100);
  expect(claimed.map((endpoint) => endpoint.id)).toContain(endpointId);
  const deliveries = events.map(
    (event, index): WebhookDelivery => ({
      ...pendingDelivery(`${endpointId}-d${index}`, { id: endpointId, tenantId }, event, iso(-60_000)),
      createdAt: iso(-60_000 + index * 1000),
    }),
  );
  for (const endpoint of claimed) {
    const mine = endpoint.id === endpointId;
    const cursor = mine ? (events.at(-1)?.position ?? endpoint.cursor) : endpoint.cursor;
    expect(await store.read.webhooks.addDeliveries(endpoint.id, OWNER, cursor, mine ? deliveries : [])).toBe(
      true,
    );
  }
  return deliveries;
}

/** The first delivery delivered (200), the second failed (410), the third waiting for a retry. */
async function attemptAll(): Promise<void> {
  const { store } = harness.server;
  const claimed = await store.read.webhooks.claimDeliveries(OWNER, iso(0), iso(30_000), 100);
  const byId = (suffix: string) => claimed.find((c) => c.delivery.id.endsWith(suffix))?.delivery.id ?? "";
  const at = iso(0);
  await store.read.webhooks.recordAttempt(byId("-d0"), OWNER, {
    kind: "delivered",
    at,
    status: 200,
    latencyMs: 12,
  });
  await store.read.webhooks.recordAttempt(byId("-d1"), OWNER, {
    kind: "failed",
    at,
    nextAttemptAt: null,
    status: 410,
    latencyMs: 7,
    error: "The endpoint answered 410 Gone.",
  });
  await store.read.webhooks.recordAttempt(byId("-d2"), OWNER, {
    kind: "retry",
    at,
    nextAttemptAt: iso(3_600_000),
    status: null,
    latencyMs: null,
    error: "The connection was refused.",
  });
}

async function deliveries(endpointId: string, query = ""): Promise<DeliveryPage> {
  const reply = await api("GET", `/api/webhooks/${endpointId}/deliveries${query}`);
  expect(reply.status, reply.text).toBe(200);
  return reply.body as DeliveryPage;
}

describe("deliveries", () => {
  it("lists an endpoint's deliveries newest first, with their outcome", async () => {
    const endpointId = await addEndpoint();
    const made = await fanOut(endpointId, await appendEvents(["r0", "r1", "r2"]));
    await attemptAll();
    const page = await deliveries(endpointId);
    expect(page).toMatchObject({ totalResults: 3, startIndex: 1 });
    expect(page.items.map((d) => d.id)).toEqual(made.map((d) => d.id).reverse());
    const [retrying, failed, delivered] = page.items as [Delivery, Delivery, Delivery];
    expect(delivered).toMatchObject({
      eventId: "event-0",
      eventType: "webhook.test",
      resourceType: "Endpoint",
      resourceId: "r0",
      sequence: 1,
      state: "delivered",
      attempts: 1,
      lastStatus: 200,
      lastLatencyMs: 12,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(delivered.deliveredAt).toEqual(expect.any(String));
    expect(failed).toMatchObject({
      state: "failed",
      lastStatus: 410,
      lastError: "The endpoint answered 410 Gone.",
    });
    expect(retrying).toMatchObject({ state: "pending", attempts: 1, lastStatus: null, deliveredAt: null });
    expect(retrying.nextAttemptAt).toEqual(expect.any(String));
  });

  it("filters by state and pages by startIndex and count", async () => {
    const endpointId = await addEndpoint();
    const made = await fanOut(endpointId, await appendEvents(["r0", "r1", "r2"]));
    await attemptAll();
    expect((await deliveries(endpointId, "?state=failed")).items.map((d) => d.id)).toEqual([made[1]?.id]);
    const second = await deliveries(endpointId, "?startIndex=2&count=1");
    expect(second).toMatchObject({ totalResults: 3, startIndex: 2 });
    expect(second.items.map((d) => d.id)).toEqual([made[1]?.id]);
    expectError(await api("GET", `/api/webhooks/${endpointId}/deliveries?state=lost`), 400, "invalidValue");
  });

  it("lists only the endpoint's own deliveries", async () => {
    const first = await addEndpoint();
    const second = await addEndpoint();
    await fanOut(first, await appendEvents(["r0"]));
    expect(await deliveries(second)).toEqual({ totalResults: 0, startIndex: 1, items: [] });
  });
});

describe("resend", () => {
  it("makes the named deliveries of the endpoint due now and counts them, skipping others", async () => {
    const endpointId = await addEndpoint();
    const made = await fanOut(endpointId, await appendEvents(["r0", "r1", "r2"]));
    await attemptAll();
    const reply = await api("POST", `/api/webhooks/${endpointId}/deliveries/resend`, {
      ids: [made[1]?.id, made[0]?.id, "no-such-delivery"],
    });
    expect(reply).toMatchObject({ status: 200, body: { resent: 2 } });
    const pending = await deliveries(endpointId, "?state=pending");
    expect(pending.items.map((d) => d.id).sort()).toEqual([made[0]?.id, made[1]?.id, made[2]?.id].sort());
    const resent = pending.items.find((d) => d.id === made[1]?.id);
    expect(Date.parse(resent?.nextAttemptAt ?? "")).toBeLessThanOrEqual(Date.now());
  });

  it("does not resend another endpoint's delivery", async () => {
    const first = await addEndpoint();
    const second = await addEndpoint();
    const made = await fanOut(first, await appendEvents(["r0"]));
    const reply = await api("POST", `/api/webhooks/${second}/deliveries/resend`, { ids: [made[0]?.id] });
    expect(reply).toMatchObject({ status: 200, body: { resent: 0 } });
  });

  it.each<[string, unknown]>([
    ["no ids", {}],
    ["an empty list", { ids: [] }],
    ["ids that are not text", { ids: [1, 2] }],
    ["an empty id", { ids: [""] }],
    ["more than 1000 ids", { ids: Array.from({ length: 1001 }, (_, i) => `d${i}`) }],
  ])("refuses %s with 400 invalidValue", async (_name, body) => {
    const endpointId = await addEndpoint();
    expectError(
      await api("POST", `/api/webhooks/${endpointId}/deliveries/resend`, body),
      400,
      "invalidValue",
    );
  });

  it("answers 404 for an unknown endpoint", async () => {
    expectError(await api("POST", "/api/webhooks/nope/deliveries/resend", { ids: ["d1"] }), 404);
    expectError(await api("GET", "/api/webhooks/nope/deliveries"), 404);
  });
});
