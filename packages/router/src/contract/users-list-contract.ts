import assert from "node:assert/strict";
import { parseScimFilter } from "@scimkit/core";
import type { Store, UserListQuery } from "../ports/store-ports.js";
import { type CaseSpec, type ContractCase, casesOf, type OpenStore } from "./contract-case.js";
import {
  at,
  groupFixture,
  idsOf,
  insertUsers,
  TENANT,
  userFixture,
  withTenants,
} from "./contract-fixtures.js";

/** Five users created one second apart (u5 soft-deleted); u1 and u3 are in group g1 "Admins". */
async function withPeople(store: Store): Promise<Store> {
  await withTenants(store);
  await insertUsers(store, [
    userFixture({
      id: "u1",
      userName: "Ada@example.com",
      displayName: "Ada Lovelace",
      externalId: "ext-1",
      created: 1,
    }),
    userFixture({
      id: "u2",
      userName: "bob+scim@example.com",
      externalId: "ext-2",
      active: false,
      created: 2,
    }),
    userFixture({ id: "u3", userName: "carol@example.org", displayName: "Zed Carol", created: 3 }),
    userFixture({ id: "u4", userName: "dave@example.org", status: "pending", created: 4 }),
    userFixture({ id: "u5", userName: "erin@example.org", status: "deleted", created: 5 }),
  ]);
  await store.read.groups.insert(TENANT, groupFixture("g1", "Admins"));
  await store.read.groups.addMembers(TENANT, "g1", ["u1", "u3"], at(10));
  return store;
}

const firstPage = { kind: "offset", startIndex: 1, count: 50 } as const;

async function listIds(store: Store, query: Partial<UserListQuery>) {
  const page = await store.read.users.list(TENANT, { page: firstPage, ...query });
  return { total: page.total, ids: idsOf(page.items) };
}

/** Filters (RFC 7644 §3.4.2.2) and the users each must match, in the default order (oldest first). */
const filters: readonly [string, { filter: string; want: string[] }][] = [
  ["userName eq ignores case", { filter: 'userName eq "ADA@example.com"', want: ["u1"] }],
  ["externalId eq", { filter: 'externalId eq "ext-2"', want: ["u2"] }],
  ["emails.value eq ignores case", { filter: 'emails.value eq "BOB+SCIM@example.com"', want: ["u2"] }],
  ["groups.value eq sees memberships", { filter: 'groups.value eq "g1"', want: ["u1", "u3"] }],
  ["or", { filter: 'userName sw "a" or externalId eq "ext-2"', want: ["u1", "u2"] }],
  [
    "and across groups and attributes",
    { filter: 'groups.value eq "g1" and displayName sw "zed"', want: ["u3"] },
  ],
  ["not", { filter: 'not (userName ew ".org")', want: ["u1", "u2"] }],
  ["pr", { filter: "displayName pr", want: ["u1", "u3"] }],
  ["a boolean", { filter: "externalId pr and active eq false", want: ["u2"] }],
  ["a value filter on emails", { filter: 'emails[value ew "example.org"]', want: ["u3", "u4"] }],
];

/** The console's searches and the users each must match. */
const searches: readonly [string, { search: string; want: string[] }][] = [
  ["a userName prefix, ignoring case", { search: "ADA", want: ["u1"] }],
  ["a displayName prefix, ignoring case", { search: "zed", want: ["u3"] }],
  ["an externalId, exactly", { search: "ext-2", want: ["u2"] }],
  ["an id", { search: "u3", want: ["u3"] }],
  ["not a prefix of an externalId", { search: "ext", want: [] }],
  ["not a substring of a name", { search: "lovelace", want: [] }],
];

const cases: readonly CaseSpec[] = [
  ...filters.map(
    ([name, { filter, want }]): CaseSpec => [
      `users.list filters: ${name} (${filter})`,
      async (store) => {
        await withPeople(store);
        assert.deepEqual(await listIds(store, { filter: parseScimFilter(filter) }), {
          total: want.length,
          ids: want,
        });
      },
    ],
  ),

  [
    "users.list without a sort returns live users oldest first",
    async (store) => {
      await withPeople(store);
      assert.deepEqual(await listIds(store, {}), { total: 4, ids: ["u1", "u2", "u3", "u4"] });
    },
  ],

  [
    "users.list sorts by userName ignoring case, ascending and descending",
    async (store) => {
      await withPeople(store);
      const ascending = await listIds(store, { sort: [{ attribute: "userName", descending: false }] });
      assert.deepEqual(ascending.ids, ["u1", "u2", "u3", "u4"]);
      const descending = await listIds(store, { sort: [{ attribute: "userName", descending: true }] });
      assert.deepEqual(descending.ids, ["u4", "u3", "u2", "u1"]);
    },
  ],

  [
    "users.list newestFirst returns the newest user first",
    async (store) => {
      await withPeople(store);
      assert.deepEqual((await listIds(store, { newestFirst: true })).ids, ["u4", "u3", "u2", "u1"]);
    },
  ],

  ...(
    [
      ["the middle", { startIndex: 2, count: 2, want: ["u2", "u3"] }],
      ["the end, short", { startIndex: 4, count: 2, want: ["u4"] }],
      ["past the end, empty", { startIndex: 9, count: 2, want: [] }],
      ["count 0, only the total", { startIndex: 1, count: 0, want: [] }],
    ] as const
  ).map(
    ([name, { startIndex, count, want }]): CaseSpec => [
      `users.list offset page at ${name} still tells the total`,
      async (store) => {
        await withPeople(store);
        const page = await listIds(store, { page: { kind: "offset", startIndex, count } });
        assert.deepEqual(page, { total: 4, ids: want });
      },
    ],
  ),

  ...(
    [
      ["default: every status but deleted", { statuses: undefined, want: ["u1", "u2", "u3", "u4"] }],
      ["deleted only", { statuses: ["deleted"], want: ["u5"] }],
      ["pending and deleted", { statuses: ["pending", "deleted"], want: ["u4", "u5"] }],
    ] as const
  ).map(
    ([name, { statuses, want }]): CaseSpec => [
      `users.list statuses: ${name}`,
      async (store) => {
        await withPeople(store);
        const query = statuses === undefined ? {} : { statuses };
        assert.deepEqual(await listIds(store, query), { total: want.length, ids: want });
      },
    ],
  ),

  ...searches.map(
    ([name, { search, want }]): CaseSpec => [
      `users.list search matches ${name}`,
      async (store) => {
        await withPeople(store);
        assert.deepEqual(await listIds(store, { search }), { total: want.length, ids: want });
      },
    ],
  ),

  [
    "users.list search keeps to the statuses asked for",
    async (store) => {
      await withPeople(store);
      assert.deepEqual(await listIds(store, { search: "erin" }), { total: 0, ids: [] });
      assert.deepEqual(await listIds(store, { search: "erin", statuses: ["deleted"] }), {
        total: 1,
        ids: ["u5"],
      });
    },
  ],
];

/** UsersPort.list: filters, sort, offset pages, statuses, search and the console's order. */
export function usersListContract(open: OpenStore): ContractCase[] {
  return casesOf(open, cases);
}
