import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { defaultTenantSettings } from "../ports/records.js";
import type { Store } from "../ports/store-ports.js";
import { type CaseSpec, type ContractCase, casesOf, type OpenStore } from "./contract-case.js";
import {
  at,
  auditFixture,
  groupFixture,
  nextVersion,
  revised,
  TENANT,
  tokenFixture,
  userFixture,
  versionOf,
  withTenants,
} from "./contract-fixtures.js";

const u0 = userFixture({ id: "u0", userName: "zero@x.io" });

/** A tenant with user u0 and group g1. */
async function withBasics(store: Store): Promise<Store> {
  await withTenants(store);
  await store.read.users.insert(TENANT, u0);
  await store.read.groups.insert(TENANT, groupFixture("g1", "Admins"));
  return store;
}

/** One read-then-write of u0 in a transaction: appends `tag` to its nickName; the update's answer. */
function appendNickName(store: Store, tag: string): Promise<boolean> {
  return store.transaction(async (unit) => {
    const current = await unit.users.get(TENANT, "u0", { forUpdate: true });
    assert.ok(current !== undefined);
    await sleep(5);
    const { groups: _groups, ...stored } = current;
    const nickName = `${typeof current.resource.nickName === "string" ? current.resource.nickName : ""}${tag}`;
    return unit.users.update(TENANT, revised(stored, { nickName }), versionOf(current));
  });
}

const cases: readonly CaseSpec[] = [
  [
    "a throw inside transaction rolls back every write of it and rethrows the error",
    async (store) => {
      await withBasics(store);
      const boom = new Error("boom");
      const work = store.transaction(async (unit) => {
        await unit.users.insert(TENANT, userFixture({ id: "u1", userName: "one@x.io" }));
        await unit.users.update(TENANT, revised(u0, { displayName: "changed" }), versionOf(u0));
        await unit.groups.addMembers(TENANT, "g1", ["u0", "u1"], at(10));
        await unit.groups.insert(TENANT, groupFixture("g2", "Staff"));
        await unit.audit.append(auditFixture("e1", 10, "u1", "create"));
        await unit.tokens.create(tokenFixture("k1", TENANT, 1));
        await unit.tenants.updateSettings(TENANT, { jit: true });
        throw boom;
      });
      await assert.rejects(work, (error) => error === boom);
      assert.equal(await store.read.users.get(TENANT, "u1"), undefined);
      assert.deepEqual(await store.read.users.get(TENANT, "u0"), { ...u0, groups: [] });
      assert.deepEqual(await store.read.groups.memberIds(TENANT, "g1"), []);
      assert.equal(await store.read.groups.get(TENANT, "g2"), undefined);
      assert.equal((await store.read.audit.page(TENANT, { startIndex: 1, count: 10 })).total, 0);
      assert.deepEqual(await store.read.tokens.list(TENANT), []);
      assert.deepEqual((await store.read.tenants.get(TENANT))?.settings, defaultTenantSettings);
      await store.read.users.insert(TENANT, userFixture({ id: "u1", userName: "one@x.io" }));
    },
  ],

  [
    "a uniqueness error inside transaction rolls back the writes before it",
    async (store) => {
      await withBasics(store);
      const work = store.transaction(async (unit) => {
        await unit.users.insert(TENANT, userFixture({ id: "u1", userName: "one@x.io" }));
        await unit.users.insert(TENANT, userFixture({ id: "u2", userName: "ZERO@x.io" }));
      });
      await assert.rejects(work, { status: 409, scimType: "uniqueness" });
      assert.equal(await store.read.users.get(TENANT, "u1"), undefined);
    },
  ],

  [
    "a committed transaction's writes are visible through read, and its result is returned",
    async (store) => {
      await withBasics(store);
      const result = await store.transaction(async (unit) => {
        await unit.users.insert(TENANT, userFixture({ id: "u1", userName: "one@x.io" }));
        const own = await unit.users.get(TENANT, "u1");
        assert.equal(own?.resource.id, "u1", "a transaction reads its own writes");
        await unit.users.remove(TENANT, "u0");
        assert.equal(await unit.users.get(TENANT, "u0"), undefined, "and its own removals");
        await unit.groups.addMembers(TENANT, "g1", ["u1"], at(10));
        await unit.audit.append(auditFixture("e1", 10, "u1", "create"));
        return "done";
      });
      assert.equal(result, "done");
      assert.deepEqual((await store.read.users.get(TENANT, "u1"))?.groups, [{ id: "g1", display: "Admins" }]);
      assert.equal((await store.read.audit.page(TENANT, { startIndex: 1, count: 10 })).total, 1);
      assert.equal(await store.read.users.get(TENANT, "u0"), undefined);
    },
  ],

  [
    "two concurrent read-then-update transactions lose no update",
    async (store) => {
      await withBasics(store);
      const outcomes = await Promise.allSettled([appendNickName(store, "a"), appendNickName(store, "b")]);
      const won: string[] = [];
      for (const [index, outcome] of outcomes.entries()) {
        if (outcome.status === "fulfilled") {
          if (outcome.value) won.push(index === 0 ? "a" : "b");
          continue;
        }
        // A store may refuse one as busy (503, store-ports.ts); that is no lost update either.
        assert.equal((outcome.reason as { status?: unknown }).status, 503);
      }
      assert.ok(won.length > 0, "at least one transaction wins");
      const final = await store.read.users.get(TENANT, "u0");
      const nickName = String(final?.resource.nickName);
      assert.deepEqual([...nickName].sort(), won.sort(), "the final user reflects every winner");
      let version = versionOf(u0);
      for (const _ of won) version = nextVersion(version);
      assert.equal(final === undefined ? undefined : versionOf(final), version);
    },
  ],
];

/** Store.transaction: all or nothing, and no lost updates between concurrent transactions. */
export function transactionsContract(open: OpenStore): ContractCase[] {
  return casesOf(open, cases);
}
