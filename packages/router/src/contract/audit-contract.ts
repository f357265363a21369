import assert from "node:assert/strict";
import type { AuditQuery, Store } from "../ports/store-ports.js";
import { type CaseSpec, type ContractCase, casesOf, type OpenStore } from "./contract-case.js";
import { auditFixture, OTHER_TENANT, TENANT, withTenants } from "./contract-fixtures.js";

/** Five events of TENANT, appended out of time order (e2 and e3 at the same instant), one of another tenant. */
async function withEvents(store: Store): Promise<Store> {
  await withTenants(store);
  for (const event of [
    auditFixture("e1", 10, "u1", "create"),
    auditFixture("e4", 30, "u2", "create"),
    auditFixture("e2", 20, "u1", "patch"),
    auditFixture("e3", 20, "u2", "patch"),
    auditFixture("e5", 40, "u1", "delete"),
    auditFixture("x1", 50, "u1", "patch", OTHER_TENANT),
  ])
    await store.read.audit.append(event);
  return store;
}

/** Audit queries and the events each must return, newest first (later appended first at one instant). */
const queries: readonly [string, { query: AuditQuery; want: string[]; total: number }][] = [
  [
    "every event of the tenant",
    { query: { startIndex: 1, count: 10 }, want: ["e5", "e4", "e3", "e2", "e1"], total: 5 },
  ],
  ["a later page by offset", { query: { startIndex: 2, count: 2 }, want: ["e4", "e3"], total: 5 }],
  [
    "about some resources",
    { query: { resourceIds: ["u2"], startIndex: 1, count: 10 }, want: ["e4", "e3"], total: 2 },
  ],
  [
    "of one operation",
    { query: { operation: "patch", startIndex: 1, count: 10 }, want: ["e3", "e2"], total: 2 },
  ],
  [
    "about some resources and of one operation",
    {
      query: { resourceIds: ["u1", "nope"], operation: "create", startIndex: 1, count: 10 },
      want: ["e1"],
      total: 1,
    },
  ],
  [
    "about no known resource",
    { query: { resourceIds: ["nope"], startIndex: 1, count: 10 }, want: [], total: 0 },
  ],
];

const cases: readonly CaseSpec[] = [
  [
    "audit.page returns appended events as appended",
    async (store) => {
      await withTenants(store);
      const event = auditFixture("e1", 10, "u1", "create");
      await store.read.audit.append(event);
      assert.deepEqual(await store.read.audit.page(TENANT, { startIndex: 1, count: 10 }), {
        total: 1,
        items: [event],
      });
    },
  ],

  ...queries.map(
    ([name, { query, want, total }]): CaseSpec => [
      `audit.page returns ${name}, newest first`,
      async (store) => {
        await withEvents(store);
        const page = await store.read.audit.page(TENANT, query);
        assert.deepEqual(
          { total: page.total, ids: page.items.map((event) => event.id) },
          { total, ids: want },
        );
      },
    ],
  ),
];

/** AuditPort: append, then pages newest first, filtered, with the total. */
export function auditContract(open: OpenStore): ContractCase[] {
  return casesOf(open, cases);
}
