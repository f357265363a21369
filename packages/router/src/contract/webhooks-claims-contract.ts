import assert from "node:assert/strict";
import type { StoredEvent } from "../ports/records.js";
import type { Store } from "../ports/store-ports.js";
import type { AttemptOutcome, WebhookEndpoint } from "../ports/webhooks-port.js";
import { type CaseSpec, type ContractCase, casesOf, type OpenStore } from "./contract-case.js";
import { at, GROUP_G1, TENANT, USER_U1, withTenants } from "./contract-fixtures.js";
import { appendEach, deliveryFixture, deliveryIds, endpointFixture, fanOut } from "./webhooks-fixtures.js";

/** Two endpoints of TENANT and its events: u1 #1, u1 #2, g1 #1, each at its index in seconds. */
async function withFeed(
  store: Store,
): Promise<{ p1: WebhookEndpoint; p2: WebhookEndpoint; events: StoredEvent[] }> {
  await withTenants(store);
  const head = await store.read.events.head(TENANT);
  const [p1, p2] = [endpointFixture("p1", head, { created: 1 }), endpointFixture("p2", head, { created: 2 })];
  for (const endpoint of [p1, p2]) await store.read.webhooks.createEndpoint(endpoint);
  const events = [
    ...(await appendEach(store, USER_U1, ["e1", "e2"])),
    ...(await appendEach(store, GROUP_G1, ["e3"])),
  ];
  return { p1, p2, events };
}

/** The ids a claim by `owner` at `at(now)`, leased for 10 s, returns, in order. */
async function claim(store: Store, owner: string, now: number, limit = 10): Promise<string[]> {
  return deliveryIds(await store.read.webhooks.claimDeliveries(owner, at(now), at(now + 10), limit));
}

const delivered = (seconds: number): AttemptOutcome => ({
  kind: "delivered",
  at: at(seconds),
  status: 204,
  latencyMs: 12,
});

/** Every delivery of TENANT, newest first. */
async function allDeliveries(store: Store) {
  return (await store.read.webhooks.deliveries(TENANT, { startIndex: 1, count: 100 })).items;
}

const cases: readonly CaseSpec[] = [
  [
    "webhooks.claimDeliveries holds a resource's later events behind its lowest pending one, per endpoint",
    async (store) => {
      const { p1, p2, events } = await withFeed(store);
      const [e1, e2, e3] = events;
      assert.ok(e1 !== undefined && e2 !== undefined && e3 !== undefined);
      await fanOut(store, p1, [
        deliveryFixture("a1", p1, e1, 1),
        deliveryFixture("a2", p1, e2, 2),
        deliveryFixture("a3", p1, e3, 3),
      ]);
      await fanOut(store, p2, [deliveryFixture("b2", p2, e2, 4)]);
      assert.deepEqual(await claim(store, "w", 10), ["a1", "a3", "b2"], "u1 #2 waits for u1 #1 to p1 only");
      for (const id of ["a3", "b2"]) await store.read.webhooks.recordAttempt(id, "w", delivered(11));
      const retry: AttemptOutcome = {
        kind: "retry",
        at: at(11),
        nextAttemptAt: at(30),
        status: 503,
        latencyMs: 5,
        error: "503",
      };
      assert.equal(await store.read.webhooks.recordAttempt("a1", "w", retry), true);
      assert.deepEqual(await claim(store, "w", 21), [], "a1 is not due, and holds a2 back");
      assert.deepEqual(await claim(store, "w", 30), ["a1"]);
      await store.read.webhooks.recordAttempt("a1", "w", { ...retry, kind: "failed", nextAttemptAt: null });
      assert.deepEqual(await claim(store, "w", 30), ["a2"], "a given-up event holds nothing back");
    },
  ],

  [
    "webhooks.claimDeliveries returns the event's stored body and the endpoint, soonest due first, at most limit",
    async (store) => {
      const { p1, events } = await withFeed(store);
      const [e1, , e3] = events;
      assert.ok(e1 !== undefined && e3 !== undefined);
      const newer = deliveryFixture("a3", p1, e3, 2);
      const older = deliveryFixture("a1", p1, e1, 1);
      await fanOut(store, p1, [newer, older], e3.position);
      const claimed = await store.read.webhooks.claimDeliveries("w", at(5), at(15), 1);
      assert.deepEqual(claimed, [
        { delivery: older, body: e1.body, endpoint: { ...p1, cursor: e3.position } },
      ]);
      assert.deepEqual(await claim(store, "w", 5), ["a3"]);
    },
  ],

  [
    "webhooks.claimDeliveries skips deliveries not due yet and those of disabled endpoints",
    async (store) => {
      const { p1, p2, events } = await withFeed(store);
      const [e1, , e3] = events;
      assert.ok(e1 !== undefined && e3 !== undefined);
      await fanOut(store, p1, [deliveryFixture("a1", p1, e1, 1), deliveryFixture("a3", p1, e3, 20)]);
      await fanOut(store, p2, [deliveryFixture("b1", p2, e1, 1)]);
      await store.read.webhooks.updateEndpoint(TENANT, "p2", { enabled: false, updatedAt: at(2) });
      assert.deepEqual(await claim(store, "w", 19), ["a1"]);
      await store.read.webhooks.updateEndpoint(TENANT, "p2", { enabled: true, updatedAt: at(3) });
      assert.deepEqual(await claim(store, "w", 20), ["b1", "a3"]);
    },
  ],

  [
    "enabling an endpoint again makes what it is owed due at once, oldest first, ahead of later retries",
    async (store) => {
      const { p1, events } = await withFeed(store);
      const [e1, , e3] = events;
      assert.ok(e1 !== undefined && e3 !== undefined);
      await fanOut(store, p1, [deliveryFixture("a1", p1, e1, 1), deliveryFixture("a2", p1, e3, 2)]);
      // Both fail: a1 is to wait an hour, a2 a minute.
      assert.deepEqual(await claim(store, "w", 3), ["a1", "a2"]);
      for (const [id, wait] of [
        ["a1", 3600],
        ["a2", 60],
      ] as const) {
        const retry = { kind: "retry", at: at(3), nextAttemptAt: at(3 + wait), status: 503 } as const;
        const outcome = { ...retry, latencyMs: 5, error: "HTTP 503" };
        assert.equal(await store.read.webhooks.recordAttempt(id, "w", outcome), true);
      }
      await store.read.webhooks.updateEndpoint(TENANT, "p1", { enabled: false, updatedAt: at(4) });
      assert.deepEqual(await claim(store, "w", 100), []);
      await store.read.webhooks.updateEndpoint(TENANT, "p1", { enabled: true, updatedAt: at(5) });
      assert.deepEqual(await claim(store, "w", 6, 1), ["a1"]);
      assert.deepEqual(await claim(store, "w", 6, 1), ["a2"]);
    },
  ],

  [
    "a delivery lease is exclusive until it runs out, and recordAttempt under a lost lease is false",
    async (store) => {
      const { p1, events } = await withFeed(store);
      await fanOut(
        store,
        p1,
        events.map((event, index) => deliveryFixture(`a${index + 1}`, p1, event, index)),
      );
      const [first, second] = await Promise.all([claim(store, "w1", 5), claim(store, "w2", 5)]);
      assert.deepEqual(
        [...(first ?? []), ...(second ?? [])].sort(),
        ["a1", "a3"],
        "no delivery claimed twice",
      );
      const holder = first?.includes("a1") === true ? "w1" : "w2";
      assert.deepEqual(await claim(store, "w3", 14), [], "leased until 15");
      assert.deepEqual(await claim(store, "w3", 15), ["a1", "a3"], "a lease that ran out is free");
      assert.equal(await store.read.webhooks.recordAttempt("a1", holder, delivered(16)), false);
      assert.equal((await allDeliveries(store)).find((d) => d.id === "a1")?.state, "pending");
      assert.equal(await store.read.webhooks.recordAttempt("a1", "w3", delivered(16)), true);
      assert.equal(await store.read.webhooks.recordAttempt("a1", "w3", delivered(17)), false, "released");
    },
  ],

  [
    "webhooks.recordAttempt records each outcome of an attempt",
    async (store) => {
      const { p1, events } = await withFeed(store);
      const [e1, , e3] = events;
      assert.ok(e1 !== undefined && e3 !== undefined);
      const [a1, a3] = [deliveryFixture("a1", p1, e1, 1), deliveryFixture("a3", p1, e3, 2)];
      await fanOut(store, p1, [a1, a3]);
      const { webhooks } = store.read;
      await claim(store, "w", 5);
      const timeout = { at: at(6), nextAttemptAt: at(60), status: null, latencyMs: null, error: "timed out" };
      await webhooks.recordAttempt("a1", "w", { kind: "retry", ...timeout });
      await webhooks.recordAttempt("a3", "w", {
        kind: "failed",
        ...timeout,
        nextAttemptAt: null,
        status: 410,
      });
      await claim(store, "w", 60);
      await webhooks.recordAttempt("a1", "w", delivered(61));
      const failed = { state: "failed", attempts: 1, nextAttemptAt: null, lastAttemptAt: at(6) } as const;
      const done = { state: "delivered", attempts: 2, nextAttemptAt: null, lastAttemptAt: at(61) } as const;
      assert.deepEqual(await allDeliveries(store), [
        { ...a3, ...failed, lastStatus: 410, lastLatencyMs: null, lastError: "timed out", deliveredAt: null },
        { ...a1, ...done, lastStatus: 204, lastLatencyMs: 12, lastError: null, deliveredAt: at(61) },
      ]);
    },
  ],

  [
    "webhooks.releaseLeases frees every lease: fan-out, deliveries and consumers",
    async (store) => {
      const { p1, events } = await withFeed(store);
      const [e1] = events;
      assert.ok(e1 !== undefined);
      await fanOut(store, p1, [deliveryFixture("a1", p1, e1)], e1.position);
      const { webhooks } = store.read;
      const start = (await store.read.events.feed({ limit: 0 })).cursor;
      assert.deepEqual(await claim(store, "w1", 5), ["a1"]);
      assert.equal((await webhooks.claimFanOut("w1", at(5), at(100), 10)).length, 2);
      assert.notEqual(await webhooks.claimConsumer("c", start, "w1", at(5), at(100)), undefined);
      await webhooks.releaseLeases();
      assert.deepEqual(await claim(store, "w2", 6), ["a1"]);
      assert.equal((await webhooks.claimFanOut("w2", at(6), at(100), 10)).length, 2);
      assert.notEqual(await webhooks.claimConsumer("c", start, "w2", at(6), at(100)), undefined);
    },
  ],

  [
    "webhooks.deliveries pages a tenant's deliveries newest first, of one endpoint or state",
    async (store) => {
      const { p1, p2, events } = await withFeed(store);
      const [e1, e2, e3] = events;
      assert.ok(e1 !== undefined && e2 !== undefined && e3 !== undefined);
      await fanOut(store, p1, [
        deliveryFixture("a1", p1, e1, 1),
        { ...deliveryFixture("a2", p1, e2, 3), state: "delivered" },
      ]);
      await fanOut(store, p2, [deliveryFixture("b1", p2, e1, 2), deliveryFixture("b3", p2, e3, 4)]);
      const page = (query: {
        endpointId?: string;
        state?: "pending" | "delivered";
        startIndex: number;
        count: number;
      }) =>
        store.read.webhooks
          .deliveries(TENANT, query)
          .then(({ total, items }) => ({ total, ids: deliveryIds(items) }));
      assert.deepEqual(await page({ startIndex: 1, count: 10 }), { total: 4, ids: ["b3", "a2", "b1", "a1"] });
      assert.deepEqual(await page({ startIndex: 2, count: 2 }), { total: 4, ids: ["a2", "b1"] });
      assert.deepEqual(await page({ endpointId: "p1", startIndex: 1, count: 10 }), {
        total: 2,
        ids: ["a2", "a1"],
      });
      assert.deepEqual(await page({ state: "pending", startIndex: 1, count: 10 }), {
        total: 3,
        ids: ["b3", "b1", "a1"],
      });
      assert.deepEqual(await page({ endpointId: "p2", state: "delivered", startIndex: 1, count: 10 }), {
        total: 0,
        ids: [],
      });
    },
  ],

  [
    "webhooks.resend makes the endpoint's named deliveries pending and due again, and no others",
    async (store) => {
      const { p1, p2, events } = await withFeed(store);
      const [e1, , e3] = events;
      assert.ok(e1 !== undefined && e3 !== undefined);
      await fanOut(store, p1, [
        { ...deliveryFixture("a1", p1, e1, 1), state: "delivered", nextAttemptAt: null },
        deliveryFixture("a3", p1, e3, 2),
      ]);
      await fanOut(store, p2, [
        { ...deliveryFixture("b1", p2, e1, 0), state: "failed", nextAttemptAt: null },
      ]);
      await claim(store, "w", 2);
      await store.read.webhooks.recordAttempt("a3", "w", {
        kind: "failed",
        at: at(3),
        nextAttemptAt: null,
        status: 400,
        latencyMs: 1,
        error: "400",
      });
      assert.equal(await store.read.webhooks.resend(TENANT, "p1", ["a1", "a3", "b1", "nope"], at(50)), 2);
      const states = (await allDeliveries(store)).map((d) => [d.id, d.state, d.nextAttemptAt]);
      assert.deepEqual(states, [
        ["a3", "pending", at(50)],
        ["a1", "pending", at(50)],
        ["b1", "failed", null],
      ]);
      assert.deepEqual(await claim(store, "w", 49), []);
      assert.deepEqual(await claim(store, "w", 50), ["a1", "a3"], "the same deliveries, sent again");
    },
  ],
];

/** WebhooksPort's worker side: claims in order per resource, exclusive leases, attempts, re-sends. */
export function webhooksClaimsContract(open: OpenStore): ContractCase[] {
  return casesOf(open, cases);
}
