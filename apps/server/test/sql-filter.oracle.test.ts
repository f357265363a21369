import { createMemoryStore, type Store } from "@scimkit/router";
import { createSqlStore, migrateToLatest, openDatabase } from "@scimkit/store-kysely";
import { afterAll, beforeAll, describe } from "vitest";
import { oracleCases, seedOracle } from "./helpers/filter-oracle.js";

/**
 * The SQL filter compiler agrees with @scimkit/core's in-memory evaluator (the oracle): the same
 * filters over the same users select the same ids, for columns (folded keys), email rows, the
 * JSON document, extension attributes, multi-valued attributes and value filters. SQLite and
 * the in-memory store here; test/postgres/ runs the same on PostgreSQL.
 */
const examples = [
  'userName eq "ANN0@EXAMPLE.COM"',
  'emails[type eq "work"].value eq "ann0@example.com"',
  'externalId eq "e1"',
  'name.givenName eq "änn"',
  'userName sw "ünal"',
  'title co "%"',
  'title co "_"',
  "department pr",
];

let sqlite: Store;
let memory: Store;
beforeAll(async () => {
  const database = openDatabase({ kind: "sqlite", file: ":memory:" });
  await migrateToLatest(database.db);
  sqlite = createSqlStore(database);
  await seedOracle(sqlite);
  memory = createMemoryStore();
  await seedOracle(memory);
});
afterAll(async () => {
  await sqlite.close();
  await memory.close();
});

describe("in-memory store vs core's evaluator", () => {
  oracleCases(() => memory, examples);
});

describe("SQL filter compiler vs the in-memory evaluator", () => {
  oracleCases(() => sqlite, examples);
});
