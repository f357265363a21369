import type { Store } from "@scimkit/router";
import { afterAll, beforeAll, describe } from "vitest";
import { oracleCases } from "../helpers/filter-oracle.js";
import { openPostgresTestDatabase } from "./postgres-test-db.js";

/** The SQL filter compiler on PostgreSQL agrees with core's evaluator, like test/sql-filter.oracle.test.ts on SQLite. */
const url = process.env.TEST_POSTGRES_URL;

describe.skipIf(url === undefined || url === "")(
  "PostgreSQL: SQL filter compiler vs the in-memory evaluator",
  () => {
    let store: Store;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await openPostgresTestDatabase(url ?? "", { seedOracle: true }));
    });
    afterAll(async () => {
      await close();
    });

    oracleCases(
      () => store,
      [
        'userName eq "ANN0@EXAMPLE.COM"',
        'emails[type eq "work"].value eq "ann0@example.com"',
        'name.givenName eq "änn"',
        "active eq true",
        'title co "%"',
      ],
    );
  },
);
