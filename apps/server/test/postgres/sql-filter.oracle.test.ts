import fc from "fast-check";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.js";
import { filterText, oracleIds, sqlIds } from "../helpers/filter-oracle.js";
import { openPostgresTestDatabase } from "./postgres-test-db.js";

/** The SQL filter compiler on PostgreSQL agrees with core's evaluator, like test/sql-filter.oracle.test.ts on SQLite. */
const url = process.env.TEST_POSTGRES_URL;

describe.skipIf(url === undefined || url === "")(
  "PostgreSQL: SQL filter compiler vs the in-memory evaluator",
  () => {
    let db: Kysely<Database>;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ db, close } = await openPostgresTestDatabase(url ?? "", { seedOracle: true }));
    });
    afterAll(async () => {
      await close();
    });

    it.each([
      'userName eq "ANN0@EXAMPLE.COM"',
      'emails[type eq "work"].value eq "ann0@example.com"',
      'name.givenName eq "änn"',
      "active eq true",
      'title co "%"',
    ])("selects the same users for %s", async (filter) => {
      expect(await sqlIds(db, filter)).toEqual(oracleIds(filter));
    });

    it("selects the same users for random filters", async () => {
      await fc.assert(
        fc.asyncProperty(filterText, async (filter) => {
          expect(await sqlIds(db, filter)).toEqual(oracleIds(filter));
        }),
        { numRuns: 300, seed: 42 },
      );
    });
  },
);
