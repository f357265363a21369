import assert from "node:assert/strict";
import type { Store } from "../ports/store-ports.js";
import { type CaseSpec, type ContractCase, casesOf, type OpenStore } from "./contract-case.js";
import { at, OTHER_TENANT, TENANT, tokenFixture, withTenants } from "./contract-fixtures.js";

const lastUsed = async (store: Store, id: string) =>
  (await store.read.tokens.list(TENANT)).find((token) => token.id === id)?.lastUsedAt;

const cases: readonly CaseSpec[] = [
  [
    "tokens.findByHash returns the token with its tenant's current settings",
    async (store) => {
      await withTenants(store);
      const token = tokenFixture("k1", TENANT, 1);
      await store.read.tokens.create(token);
      await store.read.tenants.updateSettings(TENANT, { provisioning: false });
      const grant = await store.read.tokens.findByHash(token.hash);
      assert.deepEqual(grant?.token, token);
      assert.equal(grant?.settings.provisioning, false);
      assert.equal(await store.read.tokens.findByHash("f".repeat(64)), undefined);
    },
  ],

  [
    "tokens.list returns the tenant's tokens newest first, none of another tenant's",
    async (store) => {
      await withTenants(store);
      for (const [id, tenantId, created] of [
        ["k1", TENANT, 1],
        ["k3", TENANT, 3],
        ["k2", TENANT, 2],
        ["k4", OTHER_TENANT, 4],
      ] as const)
        await store.read.tokens.create(tokenFixture(id, tenantId, created));
      assert.deepEqual(
        (await store.read.tokens.list(TENANT)).map((token) => token.id),
        ["k3", "k2", "k1"],
      );
    },
  ],

  [
    "tokens.revoke revokes once: true, then false; findByHash still returns it, revoked",
    async (store) => {
      await withTenants(store);
      const token = tokenFixture("k1", TENANT, 1);
      await store.read.tokens.create(token);
      assert.equal(await store.read.tokens.revoke("k1", at(9), TENANT), true);
      assert.equal(await store.read.tokens.revoke("k1", at(10), TENANT), false);
      assert.equal((await store.read.tokens.findByHash(token.hash))?.token.revokedAt, at(9));
    },
  ],

  [
    "tokens.revoke with another tenant's id is false and leaves the token alone",
    async (store) => {
      await withTenants(store);
      await store.read.tokens.create(tokenFixture("k1", TENANT, 1));
      assert.equal(await store.read.tokens.revoke("k1", at(9), OTHER_TENANT), false);
      assert.equal(await store.read.tokens.revoke("nope", at(9), TENANT), false);
      assert.equal((await store.read.tokens.list(TENANT))[0]?.revokedAt, null);
    },
  ],

  [
    "tokens.revoke without a tenant revokes any tenant's token",
    async (store) => {
      await withTenants(store);
      await store.read.tokens.create(tokenFixture("k1", OTHER_TENANT, 1));
      assert.equal(await store.read.tokens.revoke("k1", at(9)), true);
      assert.equal((await store.read.tokens.list(OTHER_TENANT))[0]?.revokedAt, at(9));
    },
  ],

  [
    "tokens.noteUse records a use unless a use after staleBefore is recorded",
    async (store) => {
      await withTenants(store);
      await store.read.tokens.create(tokenFixture("k1", TENANT, 1));
      await store.read.tokens.noteUse("k1", at(100), at(40));
      assert.equal(await lastUsed(store, "k1"), at(100), "the first use is recorded");
      await store.read.tokens.noteUse("k1", at(130), at(70));
      assert.equal(await lastUsed(store, "k1"), at(100), "a use recorded after staleBefore is kept");
      await store.read.tokens.noteUse("k1", at(200), at(140));
      assert.equal(await lastUsed(store, "k1"), at(200), "a stale use is replaced");
      await store.read.tokens.noteUse("k1", at(260), at(200));
      assert.equal(await lastUsed(store, "k1"), at(260), "a use exactly at staleBefore is stale");
      await store.read.tokens.noteUse("nope", at(200), at(140));
    },
  ],
];

/** TokensPort: lookup by hash with the tenant's settings, listing, revocation, conditional use notes. */
export function tokensContract(open: OpenStore): ContractCase[] {
  return casesOf(open, cases);
}
