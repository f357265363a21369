import assert from "node:assert/strict";
import { parseScimFilter } from "@scimkit/core";
import type { Store } from "../ports/store-ports.js";
import { type CaseSpec, type ContractCase, casesOf, type OpenStore, rejectsWith } from "./contract-case.js";
import {
  at,
  groupFixture,
  idsOf,
  insertUsers,
  OTHER_TENANT,
  revised,
  TENANT,
  userFixture,
  versionOf,
  withTenants,
} from "./contract-fixtures.js";

const uniqueness = { status: 409, scimType: "uniqueness" } as const;

/** Three users (u1 with a displayName), groups g1 "Admins" and g2 "Staff". */
async function withGroups(store: Store): Promise<Store> {
  await withTenants(store);
  await insertUsers(store, [
    userFixture({ id: "u1", userName: "ada@x.io", displayName: "Ada" }),
    userFixture({ id: "u2", userName: "bob@x.io" }),
    userFixture({ id: "u3", userName: "cleo@x.io" }),
  ]);
  await store.read.groups.insert(TENANT, groupFixture("g1", "Admins", 1));
  await store.read.groups.insert(TENANT, groupFixture("g2", "Staff", 2));
  return store;
}

const sorted = (ids: readonly string[]) => [...ids].sort();

const cases: readonly CaseSpec[] = [
  [
    "groups.get returns the group as stored, with members only when asked for",
    async (store) => {
      await withGroups(store);
      await store.read.groups.addMembers(TENANT, "g1", ["u2"], at(10));
      await store.read.groups.addMembers(TENANT, "g1", ["u1"], at(11));
      const plain = await store.read.groups.get(TENANT, "g1");
      assert.deepEqual(plain, { resource: groupFixture("g1", "Admins", 1).resource });
      const full = await store.read.groups.get(TENANT, "g1", { withMembers: true });
      assert.deepEqual(full?.members, [
        { memberId: "u2", display: "bob@x.io" },
        { memberId: "u1", display: "Ada" },
      ]);
      assert.equal(await store.read.groups.get(TENANT, "nope"), undefined);
      assert.equal(await store.read.groups.get(OTHER_TENANT, "g1"), undefined);
    },
  ],

  [
    "groups.insert of a displayName taken in any case is 409 uniqueness and writes nothing",
    async (store) => {
      await withGroups(store);
      await rejectsWith(store.read.groups.insert(TENANT, groupFixture("g3", "ADMINS")), uniqueness);
      assert.equal(await store.read.groups.get(TENANT, "g3"), undefined);
      await store.read.groups.insert(OTHER_TENANT, groupFixture("g3", "Admins"));
    },
  ],

  [
    "groups.update checks the version and the displayName's uniqueness, and frees the old name",
    async (store) => {
      await withGroups(store);
      const g1 = groupFixture("g1", "Admins", 1);
      await rejectsWith(
        store.read.groups.update(TENANT, revised(g1, { displayName: "staff" }), versionOf(g1)),
        uniqueness,
      );
      const renamed = revised(g1, { displayName: "Owners" });
      assert.equal(await store.read.groups.update(TENANT, renamed, versionOf(g1)), true);
      assert.equal(
        await store.read.groups.update(TENANT, revised(g1, { displayName: "Late" }), versionOf(g1)),
        false,
      );
      assert.equal(
        await store.read.groups.update(OTHER_TENANT, revised(renamed, {}), versionOf(renamed)),
        false,
      );
      assert.deepEqual((await store.read.groups.get(TENANT, "g1"))?.resource, renamed.resource);
      await store.read.groups.insert(TENANT, groupFixture("g3", "admins"));
    },
  ],

  [
    "groups.remove deletes the group and its memberships; false when there is none",
    async (store) => {
      await withGroups(store);
      await store.read.groups.addMembers(TENANT, "g1", ["u1", "u2"], at(10));
      assert.equal(await store.read.groups.remove(OTHER_TENANT, "g1"), false);
      assert.equal(await store.read.groups.remove(TENANT, "g1"), true);
      assert.equal(await store.read.groups.remove(TENANT, "g1"), false);
      assert.equal(await store.read.groups.get(TENANT, "g1"), undefined);
      assert.deepEqual((await store.read.users.get(TENANT, "u1"))?.groups, []);
      await store.read.groups.insert(TENANT, groupFixture("g9", "admins"));
    },
  ],

  [
    "groups.addMembers keeps existing memberships and returns only the new ones",
    async (store) => {
      await withGroups(store);
      assert.deepEqual(sorted(await store.read.groups.addMembers(TENANT, "g1", ["u1", "u2", "u1"], at(10))), [
        "u1",
        "u2",
      ]);
      assert.deepEqual(await store.read.groups.addMembers(TENANT, "g1", ["u2", "u3"], at(11)), ["u3"]);
      assert.deepEqual(sorted(await store.read.groups.memberIds(TENANT, "g1")), ["u1", "u2", "u3"]);
      const members = (await store.read.groups.get(TENANT, "g1", { withMembers: true }))?.members;
      assert.deepEqual(
        members?.map((m) => m.memberId),
        ["u1", "u2", "u3"],
        "oldest membership first, u2 not re-added",
      );
    },
  ],

  [
    "groups.removeMembers removes the named memberships, or all, and returns whose went",
    async (store) => {
      await withGroups(store);
      await store.read.groups.addMembers(TENANT, "g1", ["u1", "u2", "u3"], at(10));
      assert.deepEqual(await store.read.groups.removeMembers(TENANT, "g1", ["u1", "nope", "u1"]), ["u1"]);
      assert.deepEqual(sorted(await store.read.groups.memberIds(TENANT, "g1")), ["u2", "u3"]);
      assert.deepEqual(sorted(await store.read.groups.removeMembers(TENANT, "g1")), ["u2", "u3"]);
      assert.deepEqual(await store.read.groups.memberIds(TENANT, "g1"), []);
      assert.deepEqual(await store.read.groups.removeMembers(TENANT, "g1"), []);
    },
  ],

  [
    "groups.removeUserEverywhere drops the user from every group and keeps the others",
    async (store) => {
      await withGroups(store);
      await store.read.groups.addMembers(TENANT, "g1", ["u1", "u2"], at(10));
      await store.read.groups.addMembers(TENANT, "g2", ["u1"], at(10));
      assert.deepEqual(sorted(await store.read.groups.removeUserEverywhere(TENANT, "u1")), ["g1", "g2"]);
      assert.deepEqual(await store.read.groups.removeUserEverywhere(TENANT, "u1"), []);
      assert.deepEqual(await store.read.groups.memberIds(TENANT, "g1"), ["u2"]);
      assert.deepEqual(await store.read.groups.memberIds(TENANT, "g2"), []);
      assert.deepEqual((await store.read.users.get(TENANT, "u1"))?.groups, []);
    },
  ],

  ...(
    [
      ["members.value eq sees memberships", { filter: 'members.value eq "u2"', want: ["g2"] }],
      ["displayName eq ignores case", { filter: 'displayName eq "ADMINS"', want: ["g1"] }],
      ["no filter, oldest first", { filter: undefined, want: ["g1", "g2"] }],
    ] as const
  ).map(
    ([name, { filter, want }]): CaseSpec => [
      `groups.list filters: ${name}`,
      async (store) => {
        await withGroups(store);
        await store.read.groups.addMembers(TENANT, "g2", ["u2"], at(10));
        const page = await store.read.groups.list(TENANT, {
          ...(filter === undefined ? {} : { filter: parseScimFilter(filter) }),
          page: { kind: "offset", startIndex: 1, count: 10 },
        });
        assert.deepEqual({ total: page.total, ids: idsOf(page.items) }, { total: want.length, ids: want });
      },
    ],
  ),

  [
    "groups.list sorts by displayName and brings members when asked for",
    async (store) => {
      await withGroups(store);
      await store.read.groups.insert(TENANT, groupFixture("g3", "developers", 3));
      await store.read.groups.addMembers(TENANT, "g3", ["u3"], at(10));
      const page = await store.read.groups.list(TENANT, {
        sort: [{ attribute: "displayName", descending: false }],
        withMembers: true,
        page: { kind: "offset", startIndex: 2, count: 1 },
      });
      assert.equal(page.total, 3);
      assert.deepEqual(page.items, [
        {
          resource: groupFixture("g3", "developers", 3).resource,
          members: [{ memberId: "u3", display: "cleo@x.io" }],
        },
      ]);
    },
  ],

  [
    "groups.namesOf names the groups that exist in the tenant",
    async (store) => {
      await withGroups(store);
      assert.deepEqual(await store.read.groups.namesOf(TENANT, ["g2", "nope"]), new Map([["g2", "Staff"]]));
      assert.deepEqual(await store.read.groups.namesOf(OTHER_TENANT, ["g2"]), new Map());
    },
  ],
];

/** GroupsPort: groups, their unique displayNames, and memberships. */
export function groupsContract(open: OpenStore): ContractCase[] {
  return casesOf(open, cases);
}
