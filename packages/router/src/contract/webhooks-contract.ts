import assert from "node:assert/strict";
import type { Store } from "../ports/store-ports.js";
import { type CaseSpec, type ContractCase, casesOf, type OpenStore } from "./contract-case.js";
import { at, GROUP_G1, OTHER_TENANT, TENANT, USER_U1, withTenants } from "./contract-fixtures.js";
import {
  appendEach,
  deliveryFixture,
  deliveryIds,
  endpointFixture,
  FAN_OUT,
  fanOut,
} from "./webhooks-fixtures.js";

/** The tenant's endpoints' ids, as listed. */
async function listed(store: Store, tenantId = TENANT): Promise<string[]> {
  return (await store.read.webhooks.listEndpoints(tenantId)).map((endpoint) => endpoint.id);
}

/** Every delivery of the tenant, newest first. */
async function allDeliveries(store: Store, tenantId = TENANT) {
  return (await store.read.webhooks.deliveries(tenantId, { startIndex: 1, count: 100 })).items;
}

const cases: readonly CaseSpec[] = [
  [
    "webhooks.createEndpoint stores an endpoint as getEndpoint and listEndpoints (oldest first) return it",
    async (store) => {
      await withTenants(store);
      const head = await store.read.events.head(TENANT);
      const later = endpointFixture("p2", head, { created: 20 });
      const earlier = {
        ...endpointFixture("p1", head, { created: 10 }),
        description: null,
        eventTypes: null,
      };
      await store.read.webhooks.createEndpoint(later);
      await store.read.webhooks.createEndpoint(earlier);
      await store.read.webhooks.createEndpoint(endpointFixture("x1", head, { tenantId: OTHER_TENANT }));
      assert.deepEqual(await store.read.webhooks.getEndpoint(TENANT, "p2"), later);
      assert.deepEqual(await store.read.webhooks.listEndpoints(TENANT), [earlier, later]);
      assert.deepEqual(await store.read.webhooks.getEndpoint(TENANT, "nope"), undefined);
    },
  ],

  [
    "webhooks.updateEndpoint changes only the attributes it names and returns the endpoint as it is then",
    async (store) => {
      await withTenants(store);
      const endpoint = endpointFixture("p1", await store.read.events.head(TENANT));
      await store.read.webhooks.createEndpoint(endpoint);
      const changes = {
        url: "https://hooks.example.com/moved",
        eventTypes: null,
        secrets: [endpoint.secrets[0] ?? assert.fail("a secret")],
        enabled: false,
        disabledReason: "failing",
        failingSince: at(5),
        updatedAt: at(9),
      } as const;
      const want = { ...endpoint, ...changes };
      assert.deepEqual(await store.read.webhooks.updateEndpoint(TENANT, "p1", changes), want);
      assert.deepEqual(await store.read.webhooks.getEndpoint(TENANT, "p1"), want);
      const back = await store.read.webhooks.updateEndpoint(TENANT, "p1", {
        enabled: true,
        disabledReason: null,
        failingSince: null,
        description: null,
        updatedAt: at(10),
      });
      assert.deepEqual(back, {
        ...want,
        enabled: true,
        disabledReason: null,
        failingSince: null,
        description: null,
        updatedAt: at(10),
      });
      assert.equal(await store.read.webhooks.updateEndpoint(TENANT, "nope", { updatedAt: at(1) }), undefined);
    },
  ],

  [
    "webhooks.removeEndpoint removes the endpoint and its deliveries; false when there was none",
    async (store) => {
      await withTenants(store);
      const head = await store.read.events.head(TENANT);
      const [p1, p2] = [endpointFixture("p1", head), endpointFixture("p2", head)];
      for (const endpoint of [p1, p2]) await store.read.webhooks.createEndpoint(endpoint);
      const [e1] = await appendEach(store, USER_U1, ["e1"]);
      assert.ok(e1 !== undefined);
      await fanOut(store, p1, [deliveryFixture("d1", p1, e1)]);
      await fanOut(store, p2, [deliveryFixture("d2", p2, e1)]);
      assert.equal(await store.read.webhooks.removeEndpoint(TENANT, "p1"), true);
      assert.equal(await store.read.webhooks.removeEndpoint(TENANT, "p1"), false);
      assert.deepEqual(await listed(store), ["p2"]);
      assert.deepEqual(deliveryIds(await allDeliveries(store)), ["d2"]);
    },
  ],

  [
    "webhook administration of one tenant does not see or touch another tenant's endpoints",
    async (store) => {
      await withTenants(store);
      const endpoint = endpointFixture("p1", await store.read.events.head(TENANT));
      await store.read.webhooks.createEndpoint(endpoint);
      const [e1] = await appendEach(store, USER_U1, ["e1"]);
      assert.ok(e1 !== undefined);
      await fanOut(store, endpoint, [{ ...deliveryFixture("d1", endpoint, e1), state: "failed" }]);
      const { webhooks } = store.read;
      assert.equal(await webhooks.getEndpoint(OTHER_TENANT, "p1"), undefined);
      assert.deepEqual(await listed(store, OTHER_TENANT), []);
      assert.equal(
        await webhooks.updateEndpoint(OTHER_TENANT, "p1", { url: "https://x", updatedAt: at(1) }),
        undefined,
      );
      assert.equal(await webhooks.removeEndpoint(OTHER_TENANT, "p1"), false);
      assert.deepEqual(await webhooks.deliveries(OTHER_TENANT, { startIndex: 1, count: 10 }), {
        total: 0,
        items: [],
      });
      assert.equal(await webhooks.resend(OTHER_TENANT, "p1", ["d1"], at(5)), 0);
      assert.deepEqual(await webhooks.getEndpoint(TENANT, "p1"), { ...endpoint, cursor: e1.position });
      assert.deepEqual(
        (await allDeliveries(store)).map((delivery) => delivery.state),
        ["failed"],
      );
    },
  ],

  [
    "webhooks.claimFanOut leases enabled endpoints whose lease is free, at most limit, until the lease runs out",
    async (store) => {
      await withTenants(store);
      const head = await store.read.events.head(TENANT);
      await store.read.webhooks.createEndpoint(endpointFixture("p1", head, { created: 1 }));
      await store.read.webhooks.createEndpoint(endpointFixture("p2", head, { created: 2 }));
      await store.read.webhooks.createEndpoint(endpointFixture("p3", head, { enabled: false }));
      const otherHead = await store.read.events.head(OTHER_TENANT);
      await store.read.webhooks.createEndpoint(endpointFixture("x1", otherHead, { tenantId: OTHER_TENANT }));
      const claim = async (owner: string, now: number, limit = 10) =>
        (await store.read.webhooks.claimFanOut(owner, at(now), at(now + 10), limit)).map((p) => p.id).sort();
      const first = await claim("o1", 10, 2);
      assert.equal(first.length, 2);
      const rest = await claim("o1", 10);
      assert.deepEqual(
        [...first, ...rest].sort(),
        ["p1", "p2", "x1"],
        "each enabled endpoint once, of every tenant",
      );
      assert.deepEqual(await claim("o2", 19), [], "leased until 20");
      assert.deepEqual(await claim("o2", 20), ["p1", "p2", "x1"], "a lease that ran out is free");
    },
  ],

  [
    "webhooks.addDeliveries stores each endpoint and event once, moves the cursor and releases the lease",
    async (store) => {
      await withTenants(store);
      const endpoint = endpointFixture("p1", await store.read.events.head(TENANT));
      await store.read.webhooks.createEndpoint(endpoint);
      const [e1, e2, e3] = await appendEach(store, USER_U1, ["e1", "e2", "e3"]);
      assert.ok(e1 !== undefined && e2 !== undefined && e3 !== undefined);
      const { webhooks } = store.read;
      assert.deepEqual(await webhooks.claimFanOut(FAN_OUT, at(0), at(100), 10), [endpoint]);
      const first = [deliveryFixture("d1", endpoint, e1, 1), deliveryFixture("d2", endpoint, e2, 2)];
      assert.equal(await webhooks.addDeliveries("p1", FAN_OUT, e2.position, first), true);
      assert.equal((await webhooks.getEndpoint(TENANT, "p1"))?.cursor, e2.position);
      assert.equal(
        (await webhooks.claimFanOut(FAN_OUT, at(1), at(100), 10)).length,
        1,
        "released before its lease ran out",
      );
      const again = [
        { ...deliveryFixture("d1-again", endpoint, e1, 3), attempts: 7 },
        deliveryFixture("d3", endpoint, e3, 4),
      ];
      assert.equal(await webhooks.addDeliveries("p1", FAN_OUT, e3.position, again), true);
      const stored = await allDeliveries(store);
      assert.deepEqual(stored, [again[1], first[1], first[0]], "a pair stored already is kept as it is");
    },
  ],

  [
    "webhooks.addDeliveries writes nothing and is false when the fan-out lease was lost",
    async (store) => {
      await withTenants(store);
      const endpoint = endpointFixture("p1", await store.read.events.head(TENANT));
      await store.read.webhooks.createEndpoint(endpoint);
      const [e1] = await appendEach(store, GROUP_G1, ["e1"]);
      assert.ok(e1 !== undefined);
      const { webhooks } = store.read;
      const delivery = deliveryFixture("d1", endpoint, e1);
      assert.equal(await webhooks.addDeliveries("p1", "o1", e1.position, [delivery]), false, "never leased");
      await webhooks.claimFanOut("o1", at(0), at(10), 10);
      await webhooks.claimFanOut("o2", at(10), at(20), 10);
      assert.equal(await webhooks.addDeliveries("p1", "o1", e1.position, [delivery]), false, "taken over");
      assert.deepEqual(await webhooks.getEndpoint(TENANT, "p1"), endpoint);
      assert.deepEqual(await allDeliveries(store), []);
      assert.equal(await webhooks.addDeliveries("p1", "o2", e1.position, [delivery]), true);
    },
  ],
];

/** WebhooksPort: endpoint administration (tenant scoped) and the fan-out's leases and deliveries. */
export function webhooksContract(open: OpenStore): ContractCase[] {
  return casesOf(open, cases);
}
