import assert from "node:assert/strict";
import type { EventQuery } from "../ports/events-port.js";
import type { EventResource, StoredEvent } from "../ports/records.js";
import type { Store } from "../ports/store-ports.js";
import { type CaseSpec, type ContractCase, casesOf, type OpenStore, rejectsWith } from "./contract-case.js";
import { eventFixture, GROUP_G1, OTHER_TENANT, TENANT, USER_U1, withTenants } from "./contract-fixtures.js";

/** Appends one event per id about `resource`, outside any transaction; the stored events. */
function append(
  store: Store,
  resource: EventResource,
  ids: readonly string[],
  tenantId = TENANT,
): Promise<readonly StoredEvent[]> {
  const events = ids.map((id) => eventFixture(id, resource));
  return store.read.events.append(tenantId, resource, events);
}

/** The event ids of stored events, in order. */
const idsOf = (events: readonly StoredEvent[]) =>
  events.map((event) => String((JSON.parse(event.body) as { id: unknown }).id));

/** Every event of the tenant, following cursors from the start `limit` at a time, and the last cursor. */
export async function pageThrough(
  store: Store,
  query: Omit<EventQuery, "limit"> & { readonly limit?: number } = {},
  tenantId = TENANT,
): Promise<{ items: StoredEvent[]; cursor: string | undefined }> {
  const items: StoredEvent[] = [];
  let after = query.after;
  for (;;) {
    const page = await store.read.events.page(tenantId, {
      ...query,
      ...(after === undefined ? {} : { after }),
      limit: query.limit ?? 2,
    });
    assert.equal(page.cursor, page.items.at(-1)?.position ?? page.cursor);
    items.push(...page.items);
    if (page.items.length === 0) return { items, cursor: page.cursor };
    after = page.cursor;
  }
}

const cases: readonly CaseSpec[] = [
  [
    "events.append numbers each resource's events 1, 2, 3… on its own",
    async (store) => {
      await withTenants(store);
      const sameId: EventResource = { type: "Group", id: USER_U1.id };
      const got = [
        await append(store, USER_U1, ["e1", "e2"]),
        await append(store, GROUP_G1, ["e3"]),
        await append(store, USER_U1, ["e4"]),
        await append(store, GROUP_G1, []),
        await append(store, GROUP_G1, ["e5", "e6"]),
        await append(store, sameId, ["e7"]),
      ].map((events) =>
        events.map(({ resourceType, resourceId, sequence }) => [resourceType, resourceId, sequence]),
      );
      assert.deepEqual(got, [
        [
          ["User", "u1", 1],
          ["User", "u1", 2],
        ],
        [["Group", "g1", 1]],
        [["User", "u1", 3]],
        [],
        [
          ["Group", "g1", 2],
          ["Group", "g1", 3],
        ],
        [["Group", "u1", 1]],
      ]);
    },
  ],

  [
    "events.page returns each event as append stored it, its body the envelope with tenantId and sequence",
    async (store) => {
      await withTenants(store);
      const event = eventFixture("e1", USER_U1, 10);
      await append(store, USER_U1, ["e0"]);
      const [stored] = await store.read.events.append(TENANT, USER_U1, [event]);
      assert.ok(stored !== undefined);
      assert.deepEqual(
        { ...stored, position: typeof stored.position },
        {
          position: "string",
          tenantId: TENANT,
          resourceType: "User",
          resourceId: "u1",
          sequence: 2,
          type: "user.updated",
          body: stored.body,
        },
      );
      const parsed = JSON.parse(stored.body) as Record<string, unknown>;
      assert.deepEqual(parsed, { ...event, tenantId: TENANT, sequence: 2 });
      const envelope = ["id", "type", "timestamp", "tenantId", "sequence", "actor", "data"];
      assert.deepEqual(Object.keys(parsed), envelope, "the envelope's members in the spec's order");
      const { items } = await pageThrough(store);
      assert.deepEqual(items[1], stored, "the same position and the same body, byte for byte");
    },
  ],

  [
    "events.page follows cursors through the feed in commit order, each page at most limit long",
    async (store) => {
      await withTenants(store);
      const stored = [
        ...(await append(store, USER_U1, ["e1", "e2"])),
        ...(await store.transaction(async (unit) => [
          ...(await unit.events.append(TENANT, GROUP_G1, [eventFixture("e3", GROUP_G1)])),
          ...(await unit.events.append(TENANT, USER_U1, [eventFixture("e4", USER_U1)])),
        ])),
        ...(await append(store, GROUP_G1, ["e5"])),
      ];
      const first = await store.read.events.page(TENANT, { limit: 3 });
      assert.deepEqual(idsOf(first.items), ["e1", "e2", "e3"]);
      assert.equal(first.cursor, first.items[2]?.position);
      const second = await store.read.events.page(TENANT, { after: first.cursor, limit: 3 });
      assert.deepEqual(second.items, stored.slice(3));
      const last = await store.read.events.page(TENANT, { after: second.cursor, limit: 3 });
      assert.deepEqual(last, { items: [], cursor: second.cursor }, "an empty page keeps the cursor");
      const fromEvent = await store.read.events.page(TENANT, { after: stored[1]?.position ?? "", limit: 1 });
      assert.deepEqual(idsOf(fromEvent.items), ["e3"], "an event's position is a cursor too");
    },
  ],

  [
    "events.page with types returns only those, its cursor at the last one it returned",
    async (store) => {
      await withTenants(store);
      await append(store, USER_U1, ["e1"]);
      await append(store, GROUP_G1, ["e2", "e3"]);
      await append(store, USER_U1, ["e4"]);
      await append(store, GROUP_G1, ["e5"]);
      const groups = await pageThrough(store, { types: ["group.member_added"] });
      assert.deepEqual(idsOf(groups.items), ["e2", "e3", "e5"]);
      const page = await store.read.events.page(TENANT, {
        types: ["user.updated", "user.deleted"],
        limit: 5,
      });
      assert.deepEqual(idsOf(page.items), ["e1", "e4"]);
      assert.equal(page.cursor, page.items[1]?.position);
      assert.deepEqual((await store.read.events.page(TENANT, { types: [], limit: 5 })).items, []);
    },
  ],

  [
    "events.page of an empty feed gives a cursor from which later events are read",
    async (store) => {
      await withTenants(store);
      const empty = await store.read.events.page(TENANT, { limit: 10 });
      assert.deepEqual(empty.items, []);
      await append(store, USER_U1, ["e1"]);
      const next = await store.read.events.page(TENANT, { after: empty.cursor, limit: 10 });
      assert.deepEqual(idsOf(next.items), ["e1"]);
    },
  ],

  [
    "events of another tenant are invisible and numbered apart",
    async (store) => {
      await withTenants(store);
      await append(store, USER_U1, ["e1"]);
      const [other] = await append(store, USER_U1, ["x1"], OTHER_TENANT);
      await append(store, USER_U1, ["e2"]);
      assert.equal(other?.sequence, 1);
      assert.deepEqual(idsOf((await pageThrough(store)).items), ["e1", "e2"]);
      const theirs = (await pageThrough(store, {}, OTHER_TENANT)).items;
      assert.deepEqual(
        theirs.map(({ tenantId, sequence }) => ({ tenantId, sequence })),
        [{ tenantId: OTHER_TENANT, sequence: 1 }],
      );
    },
  ],

  [
    "a rolled-back append leaves no event and consumes no sequence number",
    async (store) => {
      await withTenants(store);
      await append(store, USER_U1, ["e1"]);
      const boom = new Error("boom");
      const work = store.transaction(async (unit) => {
        await unit.events.append(TENANT, USER_U1, [eventFixture("r1", USER_U1), eventFixture("r2", USER_U1)]);
        await unit.events.append(TENANT, GROUP_G1, [eventFixture("r3", GROUP_G1)]);
        throw boom;
      });
      await assert.rejects(work, (error) => error === boom);
      assert.deepEqual(idsOf((await pageThrough(store)).items), ["e1"]);
      const [next] = await append(store, USER_U1, ["e2"]);
      const [first] = await append(store, GROUP_G1, ["e3"]);
      assert.deepEqual([next?.sequence, first?.sequence], [2, 1]);
      assert.deepEqual(idsOf((await pageThrough(store)).items), ["e1", "e2", "e3"]);
    },
  ],

  [
    "events.page refuses a cursor it did not hand out with 400 invalidValue",
    async (store) => {
      await withTenants(store);
      for (const after of ["", "nope", "-1", "1e3"])
        await rejectsWith(store.read.events.page(TENANT, { after, limit: 10 }), {
          status: 400,
          scimType: "invalidValue",
        });
    },
  ],
];

/** EventsPort: numbering per resource, bodies kept as written, paging by cursor, scoping, rollback. */
export function eventsContract(open: OpenStore): ContractCase[] {
  return casesOf(open, cases);
}
