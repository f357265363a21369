import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe } from "vitest";
import { type Database, openDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { oracleCases, seedOracle } from "./helpers/filter-oracle.js";

/**
 * The SQL filter compiler agrees with @scimkit/core's in-memory evaluator (the oracle): the same
 * filters over the same users select the same ids, for columns (folded keys), email rows, the
 * JSON document, extension attributes, multi-valued attributes and value filters. SQLite here;
 * test/postgres/ runs the same on PostgreSQL.
 */
let db: Kysely<Database>;
beforeAll(async () => {
  db = openDatabase({ kind: "sqlite", file: ":memory:" });
  await migrateToLatest(db);
  await seedOracle(db);
});
afterAll(async () => {
  await db.destroy();
});

describe("SQL filter compiler vs the in-memory evaluator", () => {
  oracleCases(
    () => db,
    [
      'userName eq "ANN0@EXAMPLE.COM"',
      'emails[type eq "work"].value eq "ann0@example.com"',
      'externalId eq "e1"',
      'name.givenName eq "änn"',
      'userName sw "ünal"',
      'title co "%"',
      'title co "_"',
      "department pr",
    ],
  );
});
