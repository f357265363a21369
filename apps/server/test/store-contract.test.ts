import { type StoreFixture, storePortContract } from "@scimkit/router";
import { describe, it } from "vitest";
import type { DatabaseLocation } from "../src/db/database.js";
import { openStore } from "../src/open-store.js";
import { createSchema, dropSchema, testStoreKind } from "./helpers/test-server.js";

/**
 * The port contract of @scimkit/router on the store this run uses: SQLite (`:memory:`, migrated),
 * PostgreSQL (a fresh schema per case, with SCIMKIT_TEST_DB=postgres) or the in-memory store
 * (SCIMKIT_TEST_DB=memory). Every case opens a fresh, empty store.
 */
const kind = testStoreKind();
const postgresUrl = process.env.TEST_POSTGRES_URL ?? "";

async function open(): Promise<StoreFixture> {
  if (kind === "postgres") {
    const schema = await createSchema(postgresUrl);
    const location: DatabaseLocation = { kind: "postgres", url: postgresUrl, poolSize: 2, schema };
    const { store } = await openStore(location, { migrate: true });
    return {
      store,
      close: async () => {
        await store.close();
        await dropSchema(postgresUrl, schema);
      },
    };
  }
  const location: DatabaseLocation =
    kind === "memory" ? { kind: "memory" } : { kind: "sqlite", file: ":memory:" };
  const { store } = await openStore(location, { migrate: true });
  return { store, close: () => store.close() };
}

describe(`store port contract (${kind})`, () => {
  for (const contractCase of storePortContract(open)) it(contractCase.name, contractCase.run, 30_000);
});
