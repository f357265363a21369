import { randomUUID } from "node:crypto";
import { bearerAuthenticator, type Store, USE_RESOLUTION_MS } from "@scimkit/router";
import { createSqlStore, type Database, migrateToLatest, openDatabase } from "@scimkit/store-kysely";
import { type Kysely, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listTokens } from "../src/auth/tokens.service.js";
import { createTenantWithToken } from "../src/tenants/tenants.service.js";

/** A request head carrying `Authorization: Bearer <token>`, as the authenticator sees requests. */
const bearer = (token: string) => ({
  method: "GET",
  path: "/scim/v2/Users",
  header: (name: string) => (name.toLowerCase() === "authorization" ? `Bearer ${token}` : undefined),
});

/** `last_used_at` tells an admin which tokens are in use, without turning every read into a write. */
let statements: string[];
let db: Kysely<Database>;
let store: Store;
let clock: Date;
beforeEach(async () => {
  statements = [];
  const database = openDatabase(
    { kind: "sqlite", file: ":memory:" },
    { log: (event) => void (event.level === "query" && statements.push(event.query.sql)) },
  );
  db = database.db;
  store = createSqlStore(database);
  await migrateToLatest(db);
  clock = new Date("2026-11-23T10:00:00.000Z");
});
afterEach(async () => {
  await store.close();
});

describe("token last use", () => {
  it("is written on first use, not again within a minute, and again after it", async () => {
    const created = await createTenantWithToken(store, { now: () => clock, newId: randomUUID }, "acme");
    const authenticate = bearerAuthenticator(store, { now: () => clock });
    const lastUsed = async () =>
      (await listTokens(store.read, created.tenant.id)).find((token) => token.id === created.tokenId)
        ?.lastUsedAt;
    const writes = () => statements.filter((sql) => sql.startsWith('update "tokens"')).length;
    expect(await lastUsed()).toBeNull();

    await authenticate(bearer(created.token), "scim");
    expect(await lastUsed()).toBe("2026-11-23T10:00:00.000Z");
    expect(writes()).toBe(1);

    for (const seconds of [1, 30, 59]) {
      clock = new Date(Date.parse("2026-11-23T10:00:00.000Z") + seconds * 1000);
      await authenticate(bearer(created.token), "scim");
    }
    expect(writes()).toBe(1);
    expect(await lastUsed()).toBe("2026-11-23T10:00:00.000Z");

    clock = new Date(Date.parse("2026-11-23T10:00:00.000Z") + USE_RESOLUTION_MS + 1000);
    await authenticate(bearer(created.token), "scim");
    expect(writes()).toBe(2);
    expect(await lastUsed()).toBe("2026-11-23T10:01:01.000Z");
  });

  it("never fails a request when the write fails; the error goes to onError", async () => {
    const created = await createTenantWithToken(store, { now: () => clock, newId: randomUUID }, "acme");
    const errors: unknown[] = [];
    const authenticate = bearerAuthenticator(store, {
      now: () => clock,
      onError: (error) => errors.push(error),
    });
    // The database refuses every token update (a read-only replica, a full disk) but still answers reads.
    await sql`create trigger tokens_read_only before update on tokens begin select raise(abort, 'read-only'); end`.execute(
      db,
    );
    const principal = await authenticate(bearer(created.token), "scim");
    expect(principal.actor).toBe(created.tokenId);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain("read-only");
  });
});
