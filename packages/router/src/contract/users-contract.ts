import assert from "node:assert/strict";
import { type CaseSpec, type ContractCase, casesOf, type OpenStore, rejectsWith } from "./contract-case.js";
import {
  at,
  groupFixture,
  insertUsers,
  OTHER_TENANT,
  revised,
  TENANT,
  userFixture,
  versionOf,
  withTenants,
} from "./contract-fixtures.js";

const uniqueness = { status: 409, scimType: "uniqueness" } as const;

/** Spellings of one userName that a store must treat as the same (RFC 7643 §4.1.1 caseExact false). */
const sameUserNames: readonly [string, { stored: string; asked: string }][] = [
  ["ASCII case", { stored: "Ada@Example.com", asked: "ada@example.COM" }],
  ["a plus-addressed email", { stored: "bob+scim@example.com", asked: "BOB+SCIM@example.com" }],
  ["non-ASCII letters", { stored: "ÉLODIE@x.io", asked: "élodie@x.io" }],
];

const cases: readonly CaseSpec[] = [
  [
    "users.get returns an inserted user as stored, with no groups",
    async (store) => {
      await withTenants(store);
      const user = userFixture({
        id: "u1",
        userName: "ada@example.com",
        displayName: "Ada",
        externalId: "e1",
      });
      await store.read.users.insert(TENANT, user);
      assert.deepEqual(await store.read.users.get(TENANT, "u1"), { ...user, groups: [] });
      assert.equal(await store.read.users.get(TENANT, "nope"), undefined);
    },
  ],

  [
    "users.get lists the user's groups by case-folded displayName, then id",
    async (store) => {
      await withTenants(store);
      await store.read.users.insert(TENANT, userFixture({ id: "u1", userName: "ada@example.com" }));
      for (const [id, name] of [
        ["g1", "beta"],
        ["g2", "Alpha"],
        ["g3", "gamma"],
      ] as const) {
        await store.read.groups.insert(TENANT, groupFixture(id, name));
        await store.read.groups.addMembers(TENANT, id, ["u1"], at(10));
      }
      const read = await store.read.users.get(TENANT, "u1");
      assert.deepEqual(read?.groups, [
        { id: "g2", display: "Alpha" },
        { id: "g1", display: "beta" },
        { id: "g3", display: "gamma" },
      ]);
    },
  ],

  ...sameUserNames.map(
    ([name, { stored, asked }]): CaseSpec => [
      `users.findByUserName ignores case: ${name}`,
      async (store) => {
        await withTenants(store);
        await store.read.users.insert(TENANT, userFixture({ id: "u1", userName: stored }));
        assert.equal((await store.read.users.findByUserName(TENANT, asked))?.resource.id, "u1");
        assert.equal((await store.read.users.findByUserName(TENANT, stored))?.resource.id, "u1");
        assert.equal(await store.read.users.findByUserName(TENANT, `x${asked}`), undefined);
      },
    ],
  ),

  ...sameUserNames.map(
    ([name, { stored, asked }]): CaseSpec => [
      `users.insert of a taken userName is 409 uniqueness and writes nothing: ${name}`,
      async (store) => {
        await withTenants(store);
        await store.read.users.insert(TENANT, userFixture({ id: "u1", userName: stored }));
        await rejectsWith(
          store.read.users.insert(TENANT, userFixture({ id: "u2", userName: asked })),
          uniqueness,
        );
        assert.equal(await store.read.users.get(TENANT, "u2"), undefined);
        const page = await store.read.users.list(TENANT, {
          page: { kind: "offset", startIndex: 1, count: 10 },
        });
        assert.equal(page.total, 1);
      },
    ],
  ),

  [
    "users.insert allows a userName that another tenant uses",
    async (store) => {
      await withTenants(store);
      await store.read.users.insert(TENANT, userFixture({ id: "u1", userName: "ada@example.com" }));
      await store.read.users.insert(OTHER_TENANT, userFixture({ id: "u2", userName: "ada@example.com" }));
      assert.equal(
        (await store.read.users.findByUserName(OTHER_TENANT, "ada@example.com"))?.resource.id,
        "u2",
      );
    },
  ],

  [
    "a soft-deleted user is invisible to reads but namesOf and idsNamed, and frees its userName",
    async (store) => {
      await withTenants(store);
      const user = userFixture({ id: "u1", userName: "ada@example.com" });
      await store.read.users.insert(TENANT, user);
      assert.equal(
        await store.read.users.update(TENANT, { ...revised(user, {}), status: "deleted" }, 'W/"1"'),
        true,
      );
      assert.equal(await store.read.users.get(TENANT, "u1"), undefined);
      assert.equal(await store.read.users.findByUserName(TENANT, "ada@example.com"), undefined);
      assert.deepEqual([...(await store.read.users.existing(TENANT, ["u1"]))], []);
      assert.deepEqual(await store.read.users.namesOf(TENANT, ["u1"]), new Map([["u1", "ada@example.com"]]));
      await store.read.users.insert(TENANT, userFixture({ id: "u2", userName: "ADA@example.com" }));
      assert.equal((await store.read.users.findByUserName(TENANT, "ada@example.com"))?.resource.id, "u2");
      assert.deepEqual([...(await store.read.users.idsNamed(TENANT, "ada@example.com"))].sort(), [
        "u1",
        "u2",
      ]);
    },
  ],

  [
    "users.update writes the next version when the expected version is current",
    async (store) => {
      await withTenants(store);
      const user = userFixture({ id: "u1", userName: "ada@example.com" });
      await store.read.users.insert(TENANT, user);
      const next = revised(user, { displayName: "Ada L." });
      assert.equal(await store.read.users.update(TENANT, next, versionOf(user)), true);
      assert.deepEqual(await store.read.users.get(TENANT, "u1"), { ...next, groups: [] });
    },
  ],

  [
    "users.update with a stale version is false and writes nothing",
    async (store) => {
      await withTenants(store);
      const user = userFixture({ id: "u1", userName: "ada@example.com" });
      await store.read.users.insert(TENANT, user);
      const second = revised(user, { displayName: "second" });
      await store.read.users.update(TENANT, second, versionOf(user));
      const late = revised(user, { displayName: "late" });
      assert.equal(await store.read.users.update(TENANT, late, versionOf(user)), false);
      assert.deepEqual((await store.read.users.get(TENANT, "u1"))?.resource, second.resource);
    },
  ],

  [
    "users.update to a userName another live user has is 409 uniqueness; a rename frees the old one",
    async (store) => {
      await withTenants(store);
      const ada = userFixture({ id: "u1", userName: "ada@example.com" });
      await insertUsers(store, [ada, userFixture({ id: "u2", userName: "bob@example.com" })]);
      const clash = revised(ada, { userName: "BOB@example.com", displayName: "clash" });
      await rejectsWith(store.read.users.update(TENANT, clash, versionOf(ada)), uniqueness);
      assert.deepEqual((await store.read.users.get(TENANT, "u1"))?.resource, ada.resource);
      const recased = revised(ada, { userName: "ADA@example.com" });
      assert.equal(
        await store.read.users.update(TENANT, recased, versionOf(ada)),
        true,
        "its own name recased",
      );
      const renamed = revised(recased, { userName: "ada.l@example.com" });
      assert.equal(await store.read.users.update(TENANT, renamed, versionOf(recased)), true);
      await store.read.users.insert(TENANT, userFixture({ id: "u3", userName: "ada@example.com" }));
    },
  ],

  [
    "users.remove deletes the user and its memberships for good",
    async (store) => {
      await withTenants(store);
      await insertUsers(store, [userFixture({ id: "u1", userName: "ada@example.com" })]);
      await store.read.groups.insert(TENANT, groupFixture("g1", "Admins"));
      await store.read.groups.addMembers(TENANT, "g1", ["u1"], at(10));
      await store.read.users.remove(TENANT, "u1");
      assert.equal(await store.read.users.get(TENANT, "u1"), undefined);
      assert.deepEqual(await store.read.groups.memberIds(TENANT, "g1"), []);
      assert.deepEqual(await store.read.users.namesOf(TENANT, ["u1"]), new Map());
      await store.read.users.insert(TENANT, userFixture({ id: "u2", userName: "ada@example.com" }));
    },
  ],

  [
    "users of one tenant are invisible to and untouchable from another",
    async (store) => {
      await withTenants(store);
      const user = userFixture({ id: "u1", userName: "ada@example.com" });
      await store.read.users.insert(TENANT, user);
      const users = store.read.users;
      assert.equal(await users.get(OTHER_TENANT, "u1"), undefined);
      assert.equal(await users.findByUserName(OTHER_TENANT, "ada@example.com"), undefined);
      assert.equal(
        await users.update(OTHER_TENANT, revised(user, { displayName: "x" }), versionOf(user)),
        false,
      );
      assert.deepEqual([...(await users.existing(OTHER_TENANT, ["u1"]))], []);
      assert.deepEqual([...(await users.idsNamed(OTHER_TENANT, "u1"))], []);
      assert.deepEqual(await users.namesOf(OTHER_TENANT, ["u1"]), new Map());
      const page = await users.list(OTHER_TENANT, { page: { kind: "offset", startIndex: 1, count: 10 } });
      assert.deepEqual({ total: page.total, items: page.items.length }, { total: 0, items: 0 });
      await users.remove(OTHER_TENANT, "u1");
      assert.deepEqual((await users.get(TENANT, "u1"))?.resource, user.resource);
    },
  ],

  [
    "users.existing returns the given ids of live users only",
    async (store) => {
      await withTenants(store);
      await insertUsers(store, [
        userFixture({ id: "u1", userName: "a@x.io" }),
        userFixture({ id: "u2", userName: "b@x.io", status: "deactivated" }),
        userFixture({ id: "u3", userName: "c@x.io", status: "deleted" }),
        userFixture({ id: "u4", userName: "d@x.io", status: "pending" }),
      ]);
      const found = await store.read.users.existing(TENANT, ["u1", "u2", "u3", "u4", "nope"]);
      assert.deepEqual([...found].sort(), ["u1", "u2", "u4"]);
    },
  ],

  [
    "users.idsNamed finds users by id or by userName case-insensitively",
    async (store) => {
      await withTenants(store);
      await insertUsers(store, [
        userFixture({ id: "u1", userName: "Ada@x.io" }),
        userFixture({ id: "u2", userName: "bob@x.io" }),
      ]);
      assert.deepEqual([...(await store.read.users.idsNamed(TENANT, "ada@X.io"))], ["u1"]);
      assert.deepEqual([...(await store.read.users.idsNamed(TENANT, "u2"))], ["u2"]);
      assert.deepEqual([...(await store.read.users.idsNamed(TENANT, "ada"))], []);
    },
  ],
];

/** UsersPort reads and writes: case-insensitive userNames, uniqueness, versions, soft delete, tenants. */
export function usersContract(open: OpenStore): ContractCase[] {
  return casesOf(open, cases);
}
