import { type StoreFixture, storePortContract } from "@scimkit/router";
import { openDatabase } from "@scimkit/store-kysely";
import { describe, it } from "vitest";
import { createAppStore, migrateExistingApp } from "../src/index.js";

/**
 * The port contract of @scimkit/router on the app's composed store: its own users table behind
 * its users port, scimkit's adopted tables beside it, on a fresh migrated SQLite `:memory:`
 * database per case (no organization seeded: the contract starts on an empty store).
 */
async function open(): Promise<StoreFixture> {
  const database = openDatabase({ kind: "sqlite", file: ":memory:" });
  await migrateExistingApp(database.db);
  const store = createAppStore(database);
  return { store, close: () => store.close() };
}

describe("store port contract (the app's own users table)", () => {
  for (const contractCase of storePortContract(open)) it(contractCase.name, contractCase.run, 30_000);
});
