import type { ProvisioningEvent } from "@scimkit/types";
import { afterEach, describe, expect, it } from "vitest";
import { eventFixture, OTHER_TENANT, TENANT } from "../contract/contract-fixtures.js";
import { createMemoryStore } from "../memory/memory-store.js";
import type { Store } from "../ports/store-ports.js";
import type { BackgroundLoop } from "./background-loop.js";
import { type EventConsumerOptions, startEventConsumer } from "./event-consumer.js";

const running: BackgroundLoop[] = [];
afterEach(async () => {
  for (const consumer of running.splice(0)) await consumer.stop();
});

function consumer(options: Partial<EventConsumerOptions> & Pick<EventConsumerOptions, "store" | "onEvent">) {
  const started = startEventConsumer({ name: "hook", pollMs: 20, retryMs: 1, ...options });
  running.push(started);
  return started;
}

/** Appends one event per id, each in its own transaction, to `tenant`'s user `u1`. */
async function append(store: Store, tenant: string, ...ids: string[]) {
  for (const id of ids) {
    await store.transaction((unit) =>
      unit.events.append(tenant, { type: "User", id: "u1" }, [eventFixture(id, { type: "User", id: "u1" })]),
    );
  }
}

describe("startEventConsumer", () => {
  it("hands every tenant's events over in feed order, from the beginning when asked", async () => {
    const store = createMemoryStore();
    await append(store, TENANT, "a1");
    await append(store, OTHER_TENANT, "b1");
    await append(store, TENANT, "a2");
    const seen: ProvisioningEvent[] = [];
    const started = consumer({ store, start: "beginning", onEvent: (event) => void seen.push(event) });
    await started.idle();
    expect(seen.map((event) => [event.id, event.tenantId, event.sequence])).toEqual([
      ["a1", TENANT, 1],
      ["b1", OTHER_TENANT, 1],
      ["a2", TENANT, 2],
    ]);
    await append(store, OTHER_TENANT, "b2");
    started.wake();
    await started.idle();
    expect(seen.map((event) => event.id)).toEqual(["a1", "b1", "a2", "b2"]);
  });

  it("starts at the feed's end by default", async () => {
    const store = createMemoryStore();
    await append(store, TENANT, "old1", "old2");
    const seen: string[] = [];
    const started = consumer({ store, onEvent: (event) => void seen.push(event.id) });
    await started.idle();
    await append(store, TENANT, "new1");
    await started.idle();
    expect(seen).toEqual(["new1"]);
  });

  it("hands a thrown event over again until onEvent returns, and only then goes on", async () => {
    const store = createMemoryStore();
    await append(store, TENANT, "e1", "e2", "e3");
    const calls: string[] = [];
    let throws = 2;
    const errors: object[] = [];
    const logger = { info() {}, warn() {}, error: (fields: object) => errors.push(fields) };
    const onEvent = async (event: ProvisioningEvent) => {
      calls.push(event.id);
      if (event.id === "e2" && throws-- > 0) throw new Error("host is down");
    };
    await consumer({ store, start: "beginning", onEvent, logger }).idle();
    expect(calls).toEqual(["e1", "e2", "e2", "e2", "e3"]);
    expect(errors).toEqual([
      expect.objectContaining({ consumer: "hook", eventId: "e2", error: "host is down", failures: 1 }),
      expect.objectContaining({ eventId: "e2", failures: 2 }),
    ]);
  });

  it("after a crash mid-event, runs that event again in the next instance", async () => {
    const store = createMemoryStore();
    await append(store, TENANT, "e1", "e2", "e3");
    const first: string[] = [];
    const crashing = consumer({
      store,
      start: "beginning",
      retryMs: 60_000,
      onEvent: (event) => {
        first.push(event.id);
        if (event.id === "e2") throw new Error("crash");
      },
    });
    while (!first.includes("e2")) await new Promise((resolve) => setTimeout(resolve, 5));
    await crashing.stop();

    // The next instance starts once the crashed one's lease has run out.
    const later = () => new Date(Date.now() + 60_000);
    const second: string[] = [];
    await consumer({
      store,
      start: "beginning",
      now: later,
      onEvent: (event) => void second.push(event.id),
    }).idle();
    expect(first).toEqual(["e1", "e2"]);
    expect(second).toEqual(["e2", "e3"]);
  });

  it("lets one instance of a name hand each event over while another waits", async () => {
    const store = createMemoryStore();
    const seen: string[] = [];
    const onEvent = (event: ProvisioningEvent) => void seen.push(event.id);
    const pair = [consumer({ store, onEvent }), consumer({ store, onEvent })];
    await Promise.all(pair.map((started) => started.idle()));
    const ids = Array.from({ length: 12 }, (_, i) => `e${i}`);
    await append(store, TENANT, ...ids);
    for (let round = 0; round < 3; round += 1) await Promise.all(pair.map((started) => started.idle()));
    expect(seen).toEqual(ids);
  });
});
