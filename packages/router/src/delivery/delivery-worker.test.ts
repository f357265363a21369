import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { eventFixture, TENANT } from "../contract/contract-fixtures.js";
import type { ScimLogger } from "../http/route-types.js";
import { createMemoryStore } from "../memory/memory-store.js";
import type { EventResource, NewEvent } from "../ports/records.js";
import type { Store } from "../ports/store-ports.js";
import type { WebhookEndpoint } from "../ports/webhooks-port.js";
import type { BackgroundLoop } from "./background-loop.js";
import { type DeliveryWorkerOptions, startDeliveryWorker } from "./delivery-worker.js";
import { defaultRetrySchedule } from "./retry-schedule.js";
import { createSecretBox, newWebhookSecret } from "./secret-box.js";

interface Hit {
  readonly id: string;
  readonly path: string;
  readonly resource: string;
  readonly sequence: number;
  readonly body: string;
  readonly headers: IncomingHttpHeaders;
  readonly status: number;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A receiver on 127.0.0.1 answering each request with `status(hit)`; `hits` lists them all. */
async function receiver(status: (hit: Omit<Hit, "status">) => number | Promise<number> = () => 204) {
  const hits: Hit[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const event = JSON.parse(body) as { sequence: number; data: Record<string, { id?: string }> };
      const about = event.data.user?.id ?? event.data.group?.id ?? "other";
      const hit = {
        id: String(req.headers["webhook-id"]),
        path: req.url ?? "",
        resource: about,
        sequence: event.sequence,
        body,
        headers: req.headers,
      };
      const answer = await status(hit);
      hits.push({ ...hit, status: answer });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const { port } = server.address() as AddressInfo;
  const ok = () => hits.filter((hit) => hit.status < 300);
  return { hits, ok, url: (path = "/hook") => `http://127.0.0.1:${port}${path}` };
}

/** A clock the test moves, so retries due in minutes are due at once. */
function testClock() {
  let time = Date.now();
  return { now: () => new Date(time), advance: (ms: number) => (time += ms) };
}

const box = createSecretBox(new Uint8Array(randomBytes(32)));
const quick = { ...defaultRetrySchedule, delaysMs: [60_000], jitter: 0 };

async function addEndpoint(store: Store, id: string, url: string, changes: Partial<WebhookEndpoint> = {}) {
  const secret = newWebhookSecret();
  const at = new Date().toISOString();
  await store.read.webhooks.createEndpoint({
    id,
    tenantId: TENANT,
    url,
    description: null,
    eventTypes: null,
    secrets: [{ sealed: box.seal(secret), createdAt: at, expiresAt: null }],
    enabled: true,
    disabledReason: null,
    createdAt: at,
    updatedAt: at,
    cursor: await store.read.events.head(TENANT),
    failingSince: null,
    ...changes,
  });
  return secret;
}

const user = (id: string): EventResource => ({ type: "User", id });

/** Appends one event per entry, each in its own transaction: `[eventId, resource]`. */
async function append(store: Store, ...events: [string, EventResource][]) {
  for (const [id, resource] of events) {
    await store.transaction((unit) => unit.events.append(TENANT, resource, [eventFixture(id, resource)]));
  }
}

function worker(options: Partial<DeliveryWorkerOptions> & { store: Store }): BackgroundLoop {
  const running = startDeliveryWorker({
    secretBox: box,
    pollMs: 20,
    schedule: quick,
    random: () => 0.5,
    ...options,
  });
  cleanups.push(() => running.stop());
  return running;
}

/** The received ids of each resource, in the order they arrived. */
function byResource(hits: readonly Hit[]): Record<string, number[]> {
  const grouped: Record<string, number[]> = {};
  for (const hit of hits) grouped[hit.resource] = [...(grouped[hit.resource] ?? []), hit.sequence];
  return grouped;
}

const deliveriesOf = async (store: Store) =>
  (await store.read.webhooks.deliveries(TENANT, { startIndex: 1, count: 100 })).items;

describe("startDeliveryWorker", () => {
  it("delivers each event once, in order per resource, signed with the endpoint's secret", async () => {
    const store = createMemoryStore();
    const rx = await receiver();
    const secret = await addEndpoint(store, "ep1", rx.url());
    const running = worker({ store });
    await append(store, ["e1", user("u1")], ["e2", user("u2")], ["e3", user("u1")], ["e4", user("u1")]);
    running.wake();
    await running.idle();
    expect(rx.hits.map((hit) => hit.id).sort()).toEqual(["e1", "e2", "e3", "e4"]);
    expect(byResource(rx.hits)).toEqual({ u1: [1, 2, 3], u2: [1] });
    for (const hit of rx.hits) {
      const headers = {
        "webhook-id": hit.id,
        "webhook-timestamp": String(hit.headers["webhook-timestamp"]),
        "webhook-signature": String(hit.headers["webhook-signature"]),
      };
      expect(() => new Webhook(secret).verify(hit.body, headers)).not.toThrow();
    }
    expect((await deliveriesOf(store)).map((d) => d.state)).toEqual(Array(4).fill("delivered"));
  });

  it("sends only what commits after the endpoint was added, and only the types it asked for", async () => {
    const store = createMemoryStore();
    const rx = await receiver();
    await append(store, ["before", user("u1")]);
    await addEndpoint(store, "ep1", rx.url(), { eventTypes: ["group.member_added"] });
    const running = worker({ store });
    await append(store, ["u", user("u1")], ["g", { type: "Group", id: "g1" }]);
    await running.idle();
    expect(rx.hits.map((hit) => hit.id)).toEqual(["g"]);
  });

  it("sends a test event to the endpoint it tests alone, whatever types that endpoint asked for", async () => {
    const store = createMemoryStore();
    const rx = await receiver();
    await addEndpoint(store, "ep1", rx.url("/one"), { eventTypes: ["user.created"] });
    await addEndpoint(store, "ep2", rx.url("/two"));
    const running = worker({ store });
    const test: NewEvent = {
      id: "t1",
      type: "webhook.test",
      timestamp: new Date().toISOString(),
      actor: { kind: "app", id: "k1", name: null },
      data: { endpointId: "ep1", message: "hello" },
    };
    await store.transaction((unit) => unit.events.append(TENANT, { type: "Endpoint", id: "ep1" }, [test]));
    await running.idle();
    expect(rx.hits.map((hit) => [hit.path, hit.id])).toEqual([["/one", "t1"]]);
  });

  it("retries a receiver that answers 500 until it recovers, and it gets everything in order", async () => {
    const store = createMemoryStore();
    const clock = testClock();
    let failing = 3;
    const rx = await receiver(() => (failing-- > 0 ? 500 : 200));
    await addEndpoint(store, "ep1", rx.url());
    const running = worker({ store, now: clock.now, concurrency: 1 });
    await append(store, ["e1", user("u1")], ["e2", user("u1")], ["e3", user("u1")]);
    for (let round = 0; round < 10 && rx.ok().length < 3; round += 1) {
      await running.idle();
      clock.advance(61_000);
    }
    expect(rx.ok().map((hit) => hit.id)).toEqual(["e1", "e2", "e3"]);
    expect(rx.hits.slice(0, 3).map((hit) => [hit.id, hit.status])).toEqual([
      ["e1", 500],
      ["e1", 500],
      ["e1", 500],
    ]);
    const first = (await deliveriesOf(store)).find((delivery) => delivery.eventId === "e1");
    expect(first).toMatchObject({ state: "delivered", attempts: 4, lastStatus: 200 });
  });

  it("does not let a failing resource hold back another", async () => {
    const store = createMemoryStore();
    const rx = await receiver((hit) => (hit.resource === "u1" ? 503 : 204));
    await addEndpoint(store, "ep1", rx.url());
    const running = worker({ store, now: testClock().now });
    await append(store, ["a1", user("u1")], ["b1", user("u2")], ["a2", user("u1")], ["b2", user("u2")]);
    await running.idle();
    expect(rx.ok().map((hit) => hit.id)).toEqual(["b1", "b2"]);
    // u1's second event waits behind its first, so a receiver never sees them out of order.
    expect(rx.hits.filter((hit) => hit.resource === "u1").map((hit) => hit.id)).toEqual(["a1"]);
    const waiting = (await deliveriesOf(store)).find((delivery) => delivery.eventId === "a2");
    expect(waiting).toMatchObject({ state: "pending", attempts: 0 });
  });

  it("gives a 4xx up after three attempts and goes on with the resource's next event", async () => {
    const store = createMemoryStore();
    const clock = testClock();
    const rx = await receiver((hit) => (hit.id === "e1" ? 410 : 200));
    await addEndpoint(store, "ep1", rx.url());
    const running = worker({ store, now: clock.now });
    await append(store, ["e1", user("u1")], ["e2", user("u1")]);
    for (let round = 0; round < 5; round += 1) {
      await running.idle();
      clock.advance(61_000);
    }
    expect(rx.hits.map((hit) => hit.id)).toEqual(["e1", "e1", "e1", "e2"]);
    const states = (await deliveriesOf(store)).map((d) => [d.eventId, d.state, d.attempts, d.lastError]);
    expect(states).toContainEqual(["e1", "failed", 3, "HTTP 410"]);
  });

  it("disables an endpoint failing for disableAfterMs; its events resume oldest first when re-enabled", async () => {
    const store = createMemoryStore();
    const clock = testClock();
    let up = false;
    const rx = await receiver(() => (up ? 200 : 500));
    await addEndpoint(store, "ep1", rx.url());
    const running = worker({ store, now: clock.now, concurrency: 1, disableAfterMs: 5 * 60_000 });
    await append(store, ["e1", user("u1")], ["e2", user("u2")]);
    for (let round = 0; round < 20; round += 1) {
      await running.idle();
      if ((await store.read.webhooks.getEndpoint(TENANT, "ep1"))?.enabled === false) break;
      clock.advance(61_000);
    }
    expect(await store.read.webhooks.getEndpoint(TENANT, "ep1")).toMatchObject({
      enabled: false,
      disabledReason: "failing",
    });
    const tried = rx.hits.length;
    await append(store, ["e3", user("u3")]);
    clock.advance(61_000);
    await running.idle();
    expect(rx.hits).toHaveLength(tried);

    up = true;
    const at = clock.now().toISOString();
    await store.read.webhooks.updateEndpoint(TENANT, "ep1", {
      enabled: true,
      disabledReason: null,
      failingSince: null,
      updatedAt: at,
    });
    clock.advance(61_000);
    await running.idle();
    expect(rx.ok().map((hit) => hit.id)).toEqual(["e1", "e2", "e3"]);
  });

  it("yields to a busy host: one attempt at a time, and everything still arrives", async () => {
    const store = createMemoryStore();
    let open = 0;
    let most = 0;
    const rx = await receiver(async () => {
      open += 1;
      most = Math.max(most, open);
      await new Promise((resolve) => setTimeout(resolve, 5));
      open -= 1;
      return 204;
    });
    await addEndpoint(store, "ep1", rx.url());
    const running = worker({ store, yieldTo: () => true });
    await append(store, ["e1", user("u1")], ["e2", user("u2")], ["e3", user("u3")], ["e4", user("u4")]);
    running.wake();
    while (rx.ok().length < 4) await running.idle();
    expect(
      rx
        .ok()
        .map((hit) => hit.id)
        .sort(),
    ).toEqual(["e1", "e2", "e3", "e4"]);
    expect(most).toBe(1);
  });

  it("lets two workers on one store send each delivery once", async () => {
    const store = createMemoryStore();
    const rx = await receiver();
    await addEndpoint(store, "ep1", rx.url());
    const workers = [worker({ store, concurrency: 3 }), worker({ store, concurrency: 3 })];
    const events: [string, EventResource][] = [];
    for (let i = 0; i < 30; i += 1) events.push([`e${i}`, user(`u${i % 4}`)]);
    await append(store, ...events);
    for (const running of workers) running.wake();
    await Promise.all(workers.map((running) => running.idle()));
    await Promise.all(workers.map((running) => running.idle()));
    expect(rx.hits.map((hit) => hit.id).sort()).toEqual(events.map(([id]) => id).sort());
    for (const sequences of Object.values(byResource(rx.hits))) {
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    }
  });

  it("frees an earlier run's leases at start with singleInstance", async () => {
    const store = createMemoryStore();
    const rx = await receiver();
    await addEndpoint(store, "ep1", rx.url());
    const earlier = worker({ store });
    await append(store, ["e1", user("u1")]);
    await earlier.idle();
    await earlier.stop();
    // An earlier process claimed the delivery for an hour and died before sending it.
    await store.read.webhooks.resend(
      TENANT,
      "ep1",
      (await deliveriesOf(store)).map((d) => d.id),
      new Date(0).toISOString(),
    );
    const now = new Date();
    const hour = new Date(now.getTime() + 3_600_000).toISOString();
    expect(await store.read.webhooks.claimDeliveries("dead", now.toISOString(), hour, 10)).toHaveLength(1);
    const before = rx.hits.length;
    await worker({ store, singleInstance: true }).idle();
    expect(rx.hits.length).toBe(before + 1);
  });

  it("logs a failing store, backs off and carries on, never logging a secret or the URL", async () => {
    const store = createMemoryStore();
    const rx = await receiver();
    const secret = await addEndpoint(store, "ep1", rx.url("/hook?token=hush"));
    const { claimDeliveries } = store.read.webhooks;
    let failures = 1;
    const webhooks = {
      ...store.read.webhooks,
      claimDeliveries: (...args: Parameters<typeof claimDeliveries>) =>
        failures-- > 0 ? Promise.reject(new Error("database is busy")) : claimDeliveries(...args),
    };
    const flaky: Store = { ...store, read: { ...store.read, webhooks } };
    const lines: [string, object, string | undefined][] = [];
    const logger: ScimLogger = {
      info: (fields, message) => lines.push(["info", fields, message]),
      warn: (fields, message) => lines.push(["warn", fields, message]),
      error: (fields, message) => lines.push(["error", fields, message]),
    };
    const running = worker({ store: flaky, logger });
    await append(store, ["e1", user("u1")]);
    await running.idle();
    expect(rx.ok().map((hit) => hit.id)).toEqual(["e1"]);
    expect(lines).toContainEqual([
      "error",
      expect.objectContaining({ error: "database is busy" }),
      expect.any(String),
    ]);
    expect(lines).toContainEqual([
      "info",
      expect.objectContaining({ eventId: "e1", status: 204 }),
      "webhook delivered",
    ]);
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(secret.slice(6, 30));
    expect(logged).not.toContain("hush");
  });

  it("finishes an attempt in flight when stopped, and records it", async () => {
    const store = createMemoryStore();
    let arrived: () => void = () => undefined;
    const arrival = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    let answer: (status: number) => void = () => undefined;
    const rx = await receiver(
      () =>
        new Promise<number>((resolve) => {
          answer = resolve;
          arrived();
        }),
    );
    await addEndpoint(store, "ep1", rx.url());
    const running = worker({ store });
    await append(store, ["e1", user("u1")]);
    running.wake();
    await arrival;
    const stopped = running.stop();
    answer(204);
    await stopped;
    expect((await deliveriesOf(store)).map((d) => [d.eventId, d.state])).toEqual([["e1", "delivered"]]);
  });
});
