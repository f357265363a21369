import { randomUUID } from "node:crypto";
import { type Store, type StoreFixture, storePortContract } from "@scimkit/router";
import { openDatabase, type SqlDatabase } from "@scimkit/store-kysely";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, it } from "vitest";
import { createAppStore, migrateExistingApp } from "../src/index.js";

/*
 * The port contract of @scimkit/router on the app's composed store: its own users table behind
 * its users port, scimkit's adopted tables beside it. SQLite: a fresh migrated `:memory:`
 * database per case (no organization seeded: the contract starts on an empty store).
 * PostgreSQL, when TEST_POSTGRES_URL is set (scripts/with-postgres.sh): one migrated schema,
 * emptied before each case.
 */

async function openSqlite(): Promise<StoreFixture> {
  const database = openDatabase({ kind: "sqlite", file: ":memory:" });
  await migrateExistingApp(database.db);
  const store = createAppStore(database);
  return { store, close: () => store.close() };
}

describe("store port contract (the app's own users table, SQLite)", () => {
  for (const contractCase of storePortContract(openSqlite)) it(contractCase.name, contractCase.run, 30_000);
});

const postgresUrl = process.env.TEST_POSTGRES_URL;

describe.skipIf(postgresUrl === undefined)(
  "store port contract (the app's own users table, PostgreSQL)",
  () => {
    const url = postgresUrl ?? "";
    const schema = `example_${randomUUID().replaceAll("-", "")}`;
    let admin: SqlDatabase | undefined;
    let store: Store | undefined;
    let database: SqlDatabase | undefined;
    beforeAll(async () => {
      admin = openDatabase({ kind: "postgres", url, poolSize: 1 });
      await sql`create schema ${sql.id(schema)}`.execute(admin.db);
      database = openDatabase({ kind: "postgres", url, poolSize: 2, schema });
      await migrateExistingApp(database.db);
      store = createAppStore(database);
    }, 60_000);
    afterAll(async () => {
      await store?.close();
      if (admin === undefined) return;
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
      await admin.db.destroy();
    });

    async function open(): Promise<StoreFixture> {
      if (database === undefined || store === undefined) throw new Error("PostgreSQL did not open");
      // Every tenant's table hangs off organizations (foreign keys with on delete cascade); event
      // consumers and server keys belong to no tenant.
      await sql`truncate organizations, event_consumers, server_keys cascade`.execute(database.db);
      // The store stays open for the next case; the suite closes it.
      return { store, close: async () => {} };
    }

    for (const contractCase of storePortContract(open)) it(contractCase.name, contractCase.run, 30_000);
  },
);
