import { type CompiledQuery, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { usersListQuery } from "../helpers/query-plans.js";
import { openPostgresTestDatabase } from "./postgres-test-db.js";

/**
 * Case-insensitive uniqueness and lookups use indexes on PostgreSQL too: with 20,000 users and
 * ANALYZE (a tiny table always shows a sequential scan), `userName eq` and `externalId eq` are
 * index scans.
 */
const url = process.env.TEST_POSTGRES_URL;

describe.skipIf(url === undefined || url === "")("PostgreSQL query plans", () => {
  it("seeks users_user_name_key for userName eq and users_external_id for externalId eq", async () => {
    const { db, database, close } = await openPostgresTestDatabase(url ?? "");
    try {
      await db
        .insertInto("tenants")
        .values({ id: "t1", name: "plans", created_at: new Date(0).toISOString() })
        .execute();
      await sql`insert into users (tenant_id, id, external_id, user_name, user_name_key, active, status, source, created_at, updated_at, version, document)
        select 't1', 'u' || n, 'ext' || n, 'User' || n || '@x.io', 'user' || n || '@x.io', 1, 'active', 'scim', '2026-01-01', '2026-01-01', 'W/"1"', '{}'
        from generate_series(1, 20000) as n`.execute(db);
      await sql`analyze users`.execute(db);
      const plan = async (filter: string) => {
        const query = usersListQuery(database, "t1", filter);
        const { rows } = await db.executeQuery<{ "QUERY PLAN": string }>({
          ...query,
          sql: `explain ${query.sql}`,
        });
        return rows.map((row) => row["QUERY PLAN"]).join("\n");
      };
      expect(await plan('userName eq "USER77@x.io"')).toMatch(/Index Scan using users_user_name_key/);
      expect(await plan('externalId eq "ext77"')).toMatch(
        /Index Scan using users_external_id|Bitmap Index Scan on users_external_id/,
      );
    } finally {
      await close();
    }
  }, 60_000);

  it("answers the console's team search through the C-collation prefix indexes", async () => {
    const statements: CompiledQuery[] = [];
    const { db, store, close } = await openPostgresTestDatabase(url ?? "", {
      log: (event) => {
        if (event.level === "query") statements.push(event.query);
      },
    });
    try {
      await db
        .insertInto("tenants")
        .values({ id: "t1", name: "plans", created_at: new Date(0).toISOString() })
        .execute();
      await sql`insert into users (tenant_id, id, external_id, user_name, user_name_key, display_name, active, status, source, created_at, updated_at, version, document)
        select 't1', 'u' || n, 'ext' || n, 'User' || n || '@x.io', 'user' || n || '@x.io', 'Person ' || n, 1, 'active', 'scim', '2026-01-01', '2026-01-01', 'W/"1"', '{}'
        from generate_series(1, 20000) as n`.execute(db);
      await sql`analyze users`.execute(db);
      statements.length = 0;
      const page = await store.read.users.list("t1", {
        search: "USER1234",
        statuses: ["active"],
        newestFirst: true,
        page: { kind: "offset", startIndex: 1, count: 50 },
      });
      // user1234@…, and user12340@… to user12349@…
      expect(page.items.map((user) => user.resource.userName).sort()).toEqual(
        ["User1234@x.io", ...Array.from({ length: 10 }, (_, i) => `User1234${i}@x.io`)].sort(),
      );
      const pageQuery = statements[0];
      if (pageQuery === undefined) throw new Error("the list ran no statement");
      const { rows } = await db.executeQuery<{ "QUERY PLAN": string }>({
        ...pageQuery,
        sql: `explain ${pageQuery.sql}`,
      });
      const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
      expect(plan).toMatch(/Index (Only )?Scan using users_search_user_name/);
      expect(plan).toMatch(/Index (Only )?Scan using users_search_display_name/);
      // How the matching ids then reach their rows (a hash join over one read of the table, or a
      // lookup per id) is the planner's choice by size; the matches themselves come from the indexes.
      const scans = plan.match(/Seq Scan on users \S*/g) ?? [];
      expect(scans.filter((scan) => scan !== "Seq Scan on users u")).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);
});
