import assert from "node:assert/strict";
import { defaultTenantSettings } from "../ports/records.js";
import { type CaseSpec, type ContractCase, casesOf, type OpenStore } from "./contract-case.js";
import { at, tenantFixture } from "./contract-fixtures.js";

const cases: readonly CaseSpec[] = [
  [
    "tenants.get returns a created tenant as created, and undefined for an unknown id",
    async (store) => {
      const tenant = tenantFixture("t1", at(5));
      await store.read.tenants.create(tenant);
      assert.deepEqual(await store.read.tenants.get("t1"), tenant);
      assert.equal(await store.read.tenants.get("nope"), undefined);
    },
  ],

  [
    "tenants.list returns every tenant oldest first",
    async (store) => {
      await store.read.tenants.create(tenantFixture("t-late", at(30)));
      await store.read.tenants.create(tenantFixture("t-early", at(10)));
      await store.read.tenants.create(tenantFixture("t-middle", at(20)));
      const ids = (await store.read.tenants.list()).map((tenant) => tenant.id);
      assert.deepEqual(ids, ["t-early", "t-middle", "t-late"]);
    },
  ],

  [
    "tenants.any is false on an empty store and true once a tenant exists",
    async (store) => {
      assert.equal(await store.read.tenants.any(), false);
      await store.read.tenants.create(tenantFixture("t1"));
      assert.equal(await store.read.tenants.any(), true);
    },
  ],

  [
    "tenants.updateSettings changes only the named settings and returns the tenant",
    async (store) => {
      await store.read.tenants.create(tenantFixture("t1"));
      const updated = await store.read.tenants.updateSettings("t1", { jit: true, deleteMode: "hard" });
      const want = { ...defaultTenantSettings, jit: true, deleteMode: "hard" };
      assert.deepEqual(updated?.settings, want);
      assert.deepEqual((await store.read.tenants.get("t1"))?.settings, want);
      const again = await store.read.tenants.updateSettings("t1", { provisioning: false });
      assert.deepEqual(again?.settings, { ...want, provisioning: false });
    },
  ],

  [
    "tenants.updateSettings returns undefined for an unknown tenant",
    async (store) => {
      assert.equal(await store.read.tenants.updateSettings("nope", { jit: true }), undefined);
      assert.equal(await store.read.tenants.any(), false);
    },
  ],
];

/** TenantsPort: create, get, list oldest first, any, partial settings updates. */
export function tenantsContract(open: OpenStore): ContractCase[] {
  return casesOf(open, cases);
}
