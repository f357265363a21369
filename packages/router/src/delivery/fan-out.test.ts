import { describe, expect, it } from "vitest";
import { endpointFixture } from "../contract/webhooks-fixtures.js";
import { createMemoryStore } from "../memory/memory-store.js";
import type { StoredEvent } from "../ports/records.js";
import { defaultTenantSettings } from "../ports/records.js";
import type { WebhookEndpoint } from "../ports/webhooks-port.js";
import { deliveriesFor, eventTypesFor, fanOut } from "./fan-out.js";

/** An endpoint of every type. */
const endpoint: WebhookEndpoint = { ...endpointFixture("ep1", "0", { tenantId: "t1" }), eventTypes: null };

function stored(position: string, type: StoredEvent["type"], resourceId: string, sequence = 1): StoredEvent {
  const resourceType = type === "webhook.test" ? "Endpoint" : "User";
  return {
    position,
    tenantId: "t1",
    resourceType,
    resourceId,
    sequence,
    type,
    body: JSON.stringify({ id: `evt-${position}`, type }),
  };
}

describe("eventTypesFor", () => {
  it.each([
    ["every type when the endpoint names none", { given: null, want: undefined }],
    ["its types and the test event", { given: ["user.created"], want: ["user.created", "webhook.test"] }],
    ["the test event once", { given: ["webhook.test"], want: ["webhook.test"] }],
  ] as const)("reads %s", (_name, { given, want }) => {
    expect(eventTypesFor({ ...endpoint, eventTypes: given })).toEqual(want);
  });
});

describe("deliveriesFor", () => {
  const at = "2030-01-01T00:00:05.000Z";
  let counter = 0;
  const newId = () => `d${++counter}`;

  it("makes one pending delivery per event, due now, with the event's id from its body", () => {
    counter = 0;
    const rows = deliveriesFor(endpoint, [stored("7", "user.created", "u1", 3)], at, newId);
    expect(rows).toEqual([
      {
        id: "d1",
        tenantId: "t1",
        endpointId: "ep1",
        eventPosition: "7",
        eventId: "evt-7",
        eventType: "user.created",
        resourceType: "User",
        resourceId: "u1",
        sequence: 3,
        state: "pending",
        attempts: 0,
        nextAttemptAt: at,
        createdAt: at,
        lastAttemptAt: null,
        lastStatus: null,
        lastLatencyMs: null,
        lastError: null,
        deliveredAt: null,
      },
    ]);
  });

  it("keeps a test event only for the endpoint it tests", () => {
    const events = [
      stored("1", "webhook.test", "ep1"),
      stored("2", "webhook.test", "ep2"),
      stored("3", "user.updated", "u1"),
    ];
    expect(deliveriesFor(endpoint, events, at, newId).map((row) => row.eventPosition)).toEqual(["1", "3"]);
  });
});

describe("fanOut", () => {
  it("moves a filtered endpoint past the events it did not want, so widening the filter sends only later events", async () => {
    const store = createMemoryStore();
    const now = () => new Date("2030-01-01T00:00:00.000Z");
    await store.read.tenants.create({
      id: "t1",
      name: "Acme",
      createdAt: now().toISOString(),
      settings: defaultTenantSettings,
    });
    await store.read.webhooks.createEndpoint({
      ...endpoint,
      eventTypes: ["user.deactivated"],
      cursor: await store.read.events.head("t1"),
    });
    const append = (id: string, type: "user.created" | "user.updated") =>
      store.transaction((unit) =>
        unit.events.append("t1", { type: "User", id: "u1" }, [
          {
            id,
            type,
            timestamp: now().toISOString(),
            actor: { kind: "token", id: "k1", name: null },
            data: {} as never,
          },
        ]),
      );
    const deps = {
      store,
      owner: "w1",
      leaseMs: 30_000,
      logger: { info() {}, warn() {}, error() {} },
      now,
      newId: () => crypto.randomUUID(),
    };
    await append("before-1", "user.created");
    await append("before-2", "user.updated");
    expect(await fanOut(deps)).toEqual({ made: 0, more: false });
    await store.read.webhooks.updateEndpoint("t1", "ep1", {
      eventTypes: null,
      updatedAt: now().toISOString(),
    });
    await append("after", "user.updated");
    expect(await fanOut(deps)).toEqual({ made: 1, more: false });
    const { items } = await store.read.webhooks.deliveries("t1", { startIndex: 1, count: 10 });
    expect(items.map((delivery) => delivery.eventId)).toEqual(["after"]);
  });
});
