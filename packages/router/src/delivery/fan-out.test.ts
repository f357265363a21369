import { describe, expect, it } from "vitest";
import type { StoredEvent } from "../ports/records.js";
import type { WebhookEndpoint } from "../ports/webhooks-port.js";
import { deliveriesFor, eventTypesFor } from "./fan-out.js";

const endpoint: WebhookEndpoint = {
  id: "ep1",
  tenantId: "t1",
  url: "https://example.com/hook",
  description: null,
  eventTypes: null,
  secrets: [],
  enabled: true,
  disabledReason: null,
  createdAt: "2030-01-01T00:00:00.000Z",
  updatedAt: "2030-01-01T00:00:00.000Z",
  cursor: "0",
  failingSince: null,
};

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
