import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { usersListQuery } from "./helpers/query-plans.js";

/** What IdPs ask most is an index seek on SQLite, never a scan of the tenant's users. */
let db: Kysely<Database>;
beforeAll(async () => {
  db = openDatabase({ kind: "sqlite", file: ":memory:" });
  await migrateToLatest(db);
});
afterAll(async () => {
  await db.destroy();
});

describe("SQLite query plans", () => {
  it.each([
    [
      'userName eq "Ann@Example.com"',
      /USING INDEX users_user_name_key \(tenant_id=\? AND user_name_key=\?\)/,
    ],
    ['externalId eq "00u1"', /USING INDEX users_external_id \(tenant_id=\? AND external_id=\?\)/],
    ['emails.value eq "ann@example.com"', /USING INDEX user_emails_value \(tenant_id=\? AND value_key=\?\)/],
  ])("%s seeks an index", async (filter, index) => {
    const query = usersListQuery(db, "t1", filter);
    const { rows } = await db.executeQuery<{ detail: string }>({
      ...query,
      sql: `explain query plan ${query.sql}`,
    });
    expect(rows.map((row) => row.detail).join("\n")).toMatch(index);
  });
});
