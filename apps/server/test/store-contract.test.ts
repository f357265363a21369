import { type Store, type StoreFixture, storePortContract } from "@scimkit/router";
import type { DatabaseLocation } from "@scimkit/store-kysely";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, it } from "vitest";
import { openStore } from "../src/open-store.js";
import { createSchema, dropSchema, testStoreKind } from "./helpers/test-server.js";

/**
 * The port contract of @scimkit/router on the store this run uses: SQLite (`:memory:`, migrated),
 * PostgreSQL (with SCIMKIT_TEST_DB=postgres: one migrated schema, emptied before each case, since
 * migrating a schema per case took most of a minute) or the in-memory store (SCIMKIT_TEST_DB=memory).
 * Every case starts on an empty store.
 */
const kind = testStoreKind();
const postgresUrl = process.env.TEST_POSTGRES_URL ?? "";

let postgres: { schema: string; store: Store; empty: () => Promise<void> } | undefined;
beforeAll(async () => {
  if (kind !== "postgres") return;
  const schema = await createSchema(postgresUrl);
  const location: DatabaseLocation = { kind: "postgres", url: postgresUrl, poolSize: 2, schema };
  const { store, sql: database } = await openStore(location, { migrate: true });
  if (database === undefined) throw new Error("PostgreSQL opened without its database handle");
  // Every tenant's table hangs off tenants (foreign keys with on delete cascade), so this empties
  // them all; event consumers and server keys belong to no tenant.
  const empty = async () =>
    void (await sql`truncate tenants, event_consumers, server_keys cascade`.execute(database.db));
  postgres = { schema, store, empty };
}, 60_000);
afterAll(async () => {
  if (postgres === undefined) return;
  await postgres.store.close();
  await dropSchema(postgresUrl, postgres.schema);
});

async function open(): Promise<StoreFixture> {
  if (postgres !== undefined) {
    await postgres.empty();
    // The store stays open for the next case; the suite closes it.
    return { store: postgres.store, close: async () => {} };
  }
  const location: DatabaseLocation =
    kind === "memory" ? { kind: "memory" } : { kind: "sqlite", file: ":memory:" };
  const { store } = await openStore(location, { migrate: true });
  return { store, close: () => store.close() };
}

describe(`store port contract (${kind})`, () => {
  for (const contractCase of storePortContract(open)) it(contractCase.name, contractCase.run, 30_000);
});
