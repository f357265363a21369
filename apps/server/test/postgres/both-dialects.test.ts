import { createSqlStore, migrateToLatest, openDatabase } from "@scimkit/store-kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oracleIds, seedOracle, storeIds } from "../helpers/filter-oracle.js";
import { openPostgresTestDatabase } from "./postgres-test-db.js";

/**
 * The SQL dialect travels with each database handle, so one process serves SQLite and PostgreSQL
 * side by side (an app moving its data, a test comparing the two): each store compiles its
 * filters, JSON paths and prepared statements for its own database.
 */
const url = process.env.TEST_POSTGRES_URL;

describe.skipIf(url === undefined || url === "")("SQLite and PostgreSQL in one process", () => {
  const sqlite = (() => {
    const database = openDatabase({ kind: "sqlite", file: ":memory:" });
    return { database, store: createSqlStore(database) };
  })();
  let postgres: Awaited<ReturnType<typeof openPostgresTestDatabase>>;
  beforeAll(async () => {
    await migrateToLatest(sqlite.database.db);
    await seedOracle(sqlite.store);
    postgres = await openPostgresTestDatabase(url ?? "", { seedOracle: true });
  }, 60_000);
  afterAll(async () => {
    await sqlite.store.close();
    await postgres.close();
  });

  it.each([
    'name.givenName eq "änn"',
    'emails[type eq "work"].value eq "ann0@example.com"',
    'userName sw "ünal" or title co "%"',
  ])("answers %s from each store, alternating, as core's evaluator does", async (filter) => {
    for (let round = 0; round < 2; round++) {
      expect(await storeIds(sqlite.store, filter)).toEqual(oracleIds(filter));
      expect(await storeIds(postgres.store, filter)).toEqual(oracleIds(filter));
    }
  });
});
