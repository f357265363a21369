import assert from "node:assert/strict";
import { parseScimFilter } from "@scimkit/core";
import {
  type KeysetPosition,
  type Store,
  USER_SEARCH_LIMIT,
  type UserListQuery,
} from "../ports/store-ports.js";
import { type CaseSpec, type ContractCase, casesOf, type OpenStore } from "./contract-case.js";
import { idsOf, insertUsers, TENANT, type UserSeed, userFixture, withTenants } from "./contract-fixtures.js";

/**
 * Seven users whose sort keys tie on purpose: v2/v3 and v5/v6 share `meta.created` (so `id`
 * decides), and `active` splits them into two runs.
 */
const paged: readonly UserSeed[] = [
  { id: "v1", userName: "gina@x.io", created: 1, active: true },
  { id: "v3", userName: "cleo@x.io", created: 2, active: false },
  { id: "v2", userName: "abel@x.io", created: 2, active: true },
  { id: "v4", userName: "fred@x.io", created: 3, active: false },
  { id: "v6", userName: "dora@x.io", created: 4, active: true },
  { id: "v5", userName: "eddy@x.io", created: 4, active: false },
  { id: "v7", userName: "bert@x.io", created: 5, active: true },
];

/** Walks keyset pages of `count` to the end: every id seen, and each page's total. */
async function walk(store: Store, query: Omit<UserListQuery, "page">, count: number) {
  const ids: string[] = [];
  const totals = new Set<number>();
  let after: KeysetPosition | undefined;
  for (let pages = 0; pages < 20; pages++) {
    const page = await store.read.users.list(TENANT, {
      ...query,
      page: after === undefined ? { kind: "keyset", count } : { kind: "keyset", after, count },
    });
    assert.ok(page.items.length <= count, "a page holds at most count items");
    ids.push(...idsOf(page.items));
    totals.add(page.total);
    if (page.items.length === 0 || page.end === undefined) return { ids, totals: [...totals] };
    after = page.end;
  }
  assert.fail("keyset paging did not end");
}

/** Keyset walks and the order each must visit the users in. */
const walks: readonly [string, { query: Omit<UserListQuery, "page">; want: string[] }][] = [
  [
    "without a sort: oldest first, id breaking ties",
    { query: {}, want: ["v1", "v2", "v3", "v4", "v5", "v6", "v7"] },
  ],
  ["newest first", { query: { newestFirst: true }, want: ["v7", "v6", "v5", "v4", "v3", "v2", "v1"] }],
  [
    "sorted by userName descending",
    {
      query: { sort: [{ attribute: "userName", descending: true }] },
      want: ["v1", "v4", "v5", "v6", "v3", "v7", "v2"],
    },
  ],
  [
    "sorted by active, creation breaking ties",
    {
      query: { sort: [{ attribute: "active", descending: false }] },
      want: ["v3", "v4", "v5", "v1", "v2", "v6", "v7"],
    },
  ],
  ["filtered", { query: { filter: parseScimFilter("active eq true") }, want: ["v1", "v2", "v6", "v7"] }],
];

const cases: readonly CaseSpec[] = [
  ...walks.flatMap(([name, { query, want }]) =>
    [2, 3].map(
      (count): CaseSpec => [
        `users.list keyset pages of ${count} visit each user once, ${name}`,
        async (store) => {
          await withTenants(store);
          await insertUsers(store, paged.map(userFixture));
          assert.deepEqual(await walk(store, query, count), { ids: want, totals: [want.length] });
        },
      ],
    ),
  ),

  [
    "users.list keyset paging goes on after the last user of a page was deleted",
    async (store) => {
      await withTenants(store);
      await insertUsers(store, paged.map(userFixture));
      const first = await store.read.users.list(TENANT, { page: { kind: "keyset", count: 3 } });
      assert.ok(first.end !== undefined);
      await store.read.users.remove(TENANT, "v3");
      const next = await store.read.users.list(TENANT, {
        page: { kind: "keyset", after: first.end, count: 3 },
      });
      assert.deepEqual(idsOf(next.items), ["v4", "v5", "v6"]);
    },
  ],

  [
    `users.list search stops at USER_SEARCH_LIMIT (${USER_SEARCH_LIMIT}) and reports one more`,
    async (store) => {
      await withTenants(store);
      const many = Array.from({ length: USER_SEARCH_LIMIT + 5 }, (_, i) => {
        const n = String(i).padStart(4, "0");
        return userFixture({ id: `s${n}`, userName: `s${n}@x.io`, created: i });
      });
      await insertUsers(store, many);
      const broad = await store.read.users.list(TENANT, {
        search: "s",
        page: { kind: "offset", startIndex: 1, count: 5 },
      });
      assert.deepEqual(
        { total: broad.total, items: broad.items.length },
        { total: USER_SEARCH_LIMIT + 1, items: 5 },
      );
      const narrow = await store.read.users.list(TENANT, {
        search: "S100",
        page: { kind: "offset", startIndex: 1, count: 50 },
      });
      assert.deepEqual(idsOf(narrow.items), ["s1000", "s1001", "s1002", "s1003", "s1004"]);
      assert.equal(narrow.total, 5);
    },
  ],
];

/** UsersPort.list keyset pages, and the search limit. */
export function usersPagingContract(open: OpenStore): ContractCase[] {
  return casesOf(open, cases);
}
