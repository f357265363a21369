import assert from "node:assert/strict";
import type { StoredEvent } from "../ports/records.js";
import type { Store } from "../ports/store-ports.js";
import { type CaseSpec, type ContractCase, casesOf, type OpenStore, rejectsWith } from "./contract-case.js";
import { at, GROUP_G1, OTHER_TENANT, TENANT, USER_U1, withTenants } from "./contract-fixtures.js";
import { appendEach, deliveryFixture, deliveryIds, endpointFixture, fanOut } from "./webhooks-fixtures.js";

/** The event ids of stored events, in order. */
const idsOf = (events: readonly StoredEvent[]) =>
  events.map((event) => String((JSON.parse(event.body) as { id: unknown }).id));

/** Every event of the feed of every tenant after `after`, two at a time. */
async function feedThrough(store: Store, after?: string): Promise<StoredEvent[]> {
  const items: StoredEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await store.read.events.feed({
      ...(cursor === undefined ? {} : { after: cursor }),
      limit: 2,
    });
    if (page.items.length === 0) return items;
    items.push(...page.items);
    cursor = page.cursor;
  }
}

/** Every event of the tenant, oldest first. */
async function tenantEvents(store: Store, tenantId = TENANT): Promise<string[]> {
  return idsOf((await store.read.events.page(tenantId, { limit: 100 })).items);
}

const cases: readonly CaseSpec[] = [
  [
    "events.head is where a page of the tenant returns only what is appended after it",
    async (store) => {
      await withTenants(store);
      const empty = await store.read.events.head(TENANT);
      await appendEach(store, USER_U1, ["e1", "e2"]);
      await appendEach(store, USER_U1, ["x1"], 0, OTHER_TENANT);
      const head = await store.read.events.head(TENANT);
      assert.deepEqual((await store.read.events.page(TENANT, { after: head, limit: 10 })).items, []);
      await appendEach(store, GROUP_G1, ["e3"]);
      await appendEach(store, USER_U1, ["x2"], 0, OTHER_TENANT);
      assert.deepEqual(idsOf((await store.read.events.page(TENANT, { after: head, limit: 10 })).items), [
        "e3",
      ]);
      const fromEmpty = await store.read.events.page(TENANT, { after: empty, limit: 10 });
      assert.deepEqual(idsOf(fromEmpty.items), ["e1", "e2", "e3"]);
    },
  ],

  [
    "events.head without a tenant is where the feed of every tenant returns only what is appended after it",
    async (store) => {
      await withTenants(store);
      const empty = await store.read.events.head();
      await appendEach(store, USER_U1, ["e1"]);
      await appendEach(store, USER_U1, ["x1"], 0, OTHER_TENANT);
      const head = await store.read.events.head();
      assert.deepEqual(await feedThrough(store, head), []);
      await appendEach(store, USER_U1, ["x2"], 0, OTHER_TENANT);
      await appendEach(store, GROUP_G1, ["e2"]);
      assert.deepEqual(idsOf(await feedThrough(store, head)), ["x2", "e2"]);
      assert.deepEqual(idsOf(await feedThrough(store, empty)), ["e1", "x1", "x2", "e2"]);
    },
  ],

  [
    "events.feed reads every tenant's events in one feed by its own cursors, of the types asked for",
    async (store) => {
      await withTenants(store);
      const start = (await store.read.events.feed({ limit: 10 })).cursor;
      await appendEach(store, USER_U1, ["e1"]);
      await appendEach(store, USER_U1, ["x1"], 0, OTHER_TENANT);
      await appendEach(store, GROUP_G1, ["e2"]);
      const all = await feedThrough(store);
      assert.deepEqual(idsOf(all), ["e1", "x1", "e2"]);
      assert.deepEqual(
        all.map((event) => event.tenantId),
        [TENANT, OTHER_TENANT, TENANT],
      );
      assert.deepEqual(idsOf(await feedThrough(store, start)), ["e1", "x1", "e2"]);
      const first = await store.read.events.feed({ limit: 1 });
      assert.deepEqual(idsOf(await feedThrough(store, first.cursor)), ["x1", "e2"]);
      const groups = await store.read.events.feed({ types: ["group.member_added"], limit: 10 });
      assert.deepEqual(idsOf(groups.items), ["e2"]);
      const last = await store.read.events.feed({ after: groups.cursor, limit: 10 });
      assert.deepEqual(last, { items: [], cursor: groups.cursor }, "an empty page keeps the cursor");
      for (const after of ["", "nope", "-1"])
        await rejectsWith(store.read.events.feed({ after, limit: 10 }), {
          status: 400,
          scimType: "invalidValue",
        });
    },
  ],

  [
    "webhooks.claimConsumer creates a consumer at start and leases it to one owner at a time",
    async (store) => {
      await withTenants(store);
      const start = (await store.read.events.feed({ limit: 1 })).cursor;
      await appendEach(store, USER_U1, ["e1"]);
      const cursor = (await store.read.events.feed({ after: start, limit: 1 })).cursor;
      const { webhooks } = store.read;
      const claim = (owner: string, now: number) =>
        webhooks.claimConsumer("hooks", start, owner, at(now), at(now + 10));
      assert.deepEqual(await claim("o1", 0), { name: "hooks", cursor: start });
      assert.equal(await claim("o2", 9), undefined, "held by o1 until 10");
      assert.deepEqual(await claim("o1", 5), { name: "hooks", cursor: start }, "its owner claims it again");
      assert.equal(await webhooks.advanceConsumer("hooks", "o1", cursor, at(30)), true);
      assert.equal(await claim("o2", 29), undefined, "advancing kept the lease, until 30");
      assert.deepEqual(await claim("o2", 30), { name: "hooks", cursor }, "a lease that ran out is free");
      assert.equal(await webhooks.advanceConsumer("hooks", "o1", start, at(99)), false, "o1 lost it");
      assert.equal(await webhooks.advanceConsumer("nope", "o2", start, at(99)), false);
      const other = await webhooks.claimConsumer("audit", cursor, "o1", at(30), at(40));
      assert.deepEqual(other, { name: "audit", cursor }, "each consumer has its own cursor and lease");
    },
  ],

  [
    "webhooks.prune deletes finished deliveries and the events created before the cut that nobody owes",
    async (store) => {
      await withTenants(store);
      const head = await store.read.events.head(TENANT);
      const [e1, e2, e3] = await appendEach(store, USER_U1, ["e1", "e2", "e3"], 10);
      const [x1, x2] = await appendEach(store, USER_U1, ["x1", "x2"], 10, OTHER_TENANT);
      await appendEach(store, GROUP_G1, ["e4"], 100);
      assert.ok(
        e1 !== undefined && e2 !== undefined && e3 !== undefined && x1 !== undefined && x2 !== undefined,
      );
      const [pA, pB] = [endpointFixture("pA", head), endpointFixture("pB", head)];
      for (const endpoint of [pA, pB]) await store.read.webhooks.createEndpoint(endpoint);
      await fanOut(store, pA, [
        deliveryFixture("a1", pA, e1, 5),
        { ...deliveryFixture("a2", pA, e2, 5), state: "delivered" },
        { ...deliveryFixture("a3", pA, e3, 200), state: "failed" },
      ]);
      await fanOut(store, pB, [
        { ...deliveryFixture("b1", pB, e1, 5), state: "failed" },
        { ...deliveryFixture("b2", pB, e2, 5), state: "delivered" },
      ]);
      await store.read.webhooks.updateEndpoint(TENANT, "pB", { enabled: false, updatedAt: at(6) });
      // The consumer has handled x1 and everything before it in the feed.
      const feed = await feedThrough(store);
      const x1At = feed.findIndex((event) => idsOf([event])[0] === "x1");
      const consumerAt = (await store.read.events.feed({ limit: x1At + 1 })).cursor;
      await store.read.webhooks.claimConsumer("hooks", consumerAt, "c", at(0), at(1));

      assert.equal(await store.read.webhooks.prune(at(50)), 2);
      // e1: a1 is pending; e2: behind both endpoints, its deliveries finished; e3: ahead of pB
      // (disabled, but owed); x1: no endpoint, behind the consumer; x2: ahead of the consumer;
      // e4: created after the cut.
      assert.deepEqual(await tenantEvents(store), ["e1", "e3", "e4"]);
      assert.deepEqual(await tenantEvents(store, OTHER_TENANT), ["x2"]);
      const kept = await store.read.webhooks.deliveries(TENANT, { startIndex: 1, count: 10 });
      assert.deepEqual(
        deliveryIds(kept.items),
        ["a3", "a1"],
        "finished deliveries created before the cut go",
      );
      assert.equal(await store.read.webhooks.prune(at(50)), 0);
    },
  ],

  [
    "webhooks.prune keeps every event while nobody has been told of it",
    async (store) => {
      await withTenants(store);
      const start = (await store.read.events.feed({ limit: 1 })).cursor;
      await store.read.webhooks.createEndpoint(endpointFixture("p1", await store.read.events.head(TENANT)));
      await store.read.webhooks.claimConsumer("hooks", start, "c", at(0), at(1));
      await appendEach(store, USER_U1, ["e1"], 10);
      await appendEach(store, USER_U1, ["x1"], 10, OTHER_TENANT);
      assert.equal(await store.read.webhooks.prune(at(50)), 0);
      assert.deepEqual(await tenantEvents(store), ["e1"]);
      assert.deepEqual(await tenantEvents(store, OTHER_TENANT), ["x1"]);
    },
  ],

  [
    "webhooks.serverKey stores the first key generated and returns it ever after",
    async (store) => {
      let generated = 0;
      const generate = (key: string) => () => {
        generated += 1;
        return key;
      };
      const racing = await Promise.all([
        store.read.webhooks.serverKey("secrets", generate("k1")),
        store.read.webhooks.serverKey("secrets", generate("k2")),
      ]);
      assert.equal(racing[0], racing[1], "racing first starts agree");
      assert.ok(racing[0] === "k1" || racing[0] === "k2");
      generated = 0;
      assert.equal(await store.read.webhooks.serverKey("secrets", generate("k3")), racing[0]);
      assert.equal(generated, 0, "a stored key generates none");
      assert.equal(await store.read.webhooks.serverKey("other", generate("k4")), "k4");
    },
  ],
];

/** EventsPort's head and feed of every tenant, and WebhooksPort's consumers, pruning and server keys. */
export function webhooksFeedContract(open: OpenStore): ContractCase[] {
  return casesOf(open, cases);
}
