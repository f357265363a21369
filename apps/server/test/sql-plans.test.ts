import { dataOrThrow, filter } from "@scimkit/client";
import { createToken } from "@scimkit/router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CountingServer, seedUsers, startCountingServer } from "./helpers/counting-server.js";

/**
 * The statements the server really runs for what IdPs ask most, explained by SQLite: index seeks,
 * never a scan of the tenant's users, and deep pages stepped over in an index. The plans come
 * from the planner statistics migration 0006 writes, as in production.
 */
let server: CountingServer;
let adminToken: string;
const users = 300;
beforeAll(async () => {
  server = await startCountingServer();
  const deps = { now: () => new Date(), newId: () => crypto.randomUUID() };
  adminToken = (await createToken(server.store.read, deps, server.tenantId, "admin")).token;
  const ids = await seedUsers(server.db, server.tenantId, users, "plan");
  await server.db
    .insertInto("user_emails")
    .values(
      ids.map((id) => ({
        tenant_id: server.tenantId,
        user_id: id,
        position: 0,
        value_key: `${id}@acme.io`,
        type_key: "work",
        is_primary: 1,
      })),
    )
    .execute();
  await server.db
    .updateTable("users")
    .set({ external_id: "ext-7" })
    .where("id", "=", ids[7] ?? "")
    .execute();
});
afterAll(async () => {
  await server.close();
});

/** Every step of every statement a list request ran, in SQLite's words. */
async function plansOf(
  query: Record<string, string>,
): Promise<{ steps: string[]; statements: string[]; totalResults: number }> {
  let totalResults = -1;
  const queries = await server.queriesDuring(async () => {
    totalResults = dataOrThrow(await server.scim.GET("/Users", { params: { query } })).totalResults;
  });
  const steps: string[] = [];
  for (const statement of queries) steps.push(...(await server.planOf(statement)));
  return { steps, statements: queries.map((statement) => statement.sql), totalResults };
}

describe("SQLite query plans of the list requests IdPs send", () => {
  it.each([
    [
      filter.eq("userName", "PLAN-000007@acme.io"),
      /SEARCH u USING INDEX users_user_name_key \(tenant_id=\? AND user_name_key=\?\)/,
    ],
    [
      filter.eq("externalId", "ext-7"),
      /SEARCH u USING INDEX users_external_id \(tenant_id=\? AND external_id=\?\)/,
    ],
    [
      filter.eq("emails.value", "plan-000007@acme.io"),
      /SEARCH r\d+ USING INDEX user_emails_value \(tenant_id=\? AND value_key=\?\)/,
    ],
    [
      'emails[type eq "work"].value eq "plan-000007@acme.io"',
      /SEARCH r\d+ USING INDEX user_emails_value \(tenant_id=\? AND value_key=\?\)/,
    ],
  ])("%s seeks its index and reads one user, with no count statement", async (text, index) => {
    const { steps, statements, totalResults } = await plansOf({ filter: String(text) });
    expect(totalResults).toBe(1);
    expect(statements.filter((statement) => statement.includes("count("))).toEqual([]);
    expect(steps.join("\n")).toMatch(index);
    // The user rows are reached by primary key from what the index found; nothing scans the tenant.
    expect(steps.filter((step) => /^SCAN (u|r)\b|USING (COVERING )?INDEX users_listing/.test(step))).toEqual(
      [],
    );
  });

  it("steps over a deep page's skipped users in the covering list index, reading only the page's rows", async () => {
    const { steps, totalResults } = await plansOf({ startIndex: String(users - 9), count: "100" });
    expect(totalResults).toBe(users);
    expect(steps).toContain("SEARCH u USING COVERING INDEX users_listing (tenant_id=?)");
    expect(steps).toContain("SEARCH r USING INDEX sqlite_autoindex_users_1 (tenant_id=? AND id=?)");
    expect(steps.filter((step) => /^SCAN (u|r)\b/.test(step))).toEqual([]);
  });
});

describe("SQLite query plans of what the admin console asks", () => {
  /** Every step of every statement an `/api` request ran, and the body it answered. */
  async function apiPlans(path: string): Promise<{ steps: string[]; body: { totalResults: number } }> {
    let body = { totalResults: -1 };
    const queries = await server.queriesDuring(async () => {
      const response = await fetch(new URL(path, server.scimUrl), {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(response.status).toBe(200);
      body = (await response.json()) as typeof body;
    });
    const steps: string[] = [];
    for (const statement of queries) steps.push(...(await server.planOf(statement)));
    return { steps, body };
  }

  it("searches the team by seeking the userName and display-name prefix indexes, scanning nothing", async () => {
    const { steps, body } = await apiPlans("/api/team?status=all&search=PLAN-00000");
    expect(body.totalResults).toBe(10);
    expect(steps).toContain(
      "SEARCH users USING INDEX users_search_user_name (tenant_id=? AND user_name_key>? AND user_name_key<?)",
    );
    expect(steps).toContain(
      "SEARCH users USING INDEX users_search_display_name (tenant_id=? AND display_name_key>? AND display_name_key<?)",
    );
    // Scanning `m` / `s` reads the capped matches (at most 1,001 ids), not a table.
    expect(
      steps.filter((step) => /^SCAN (?!m$|s$)|USING (COVERING )?INDEX users_listing/.test(step)),
    ).toEqual([]);
  });

  it("reads one user's audit log through audit_events_resource", async () => {
    const { steps } = await apiPlans("/api/audit?user=plan-000007@acme.io");
    const audit = steps.filter((step) => step.includes("audit_events"));
    expect(audit).toHaveLength(2);
    for (const step of audit)
      expect(step).toMatch(
        /^SEARCH audit_events USING (COVERING )?INDEX audit_events_resource \(tenant_id=\? AND resource_id=\?\)$/,
      );
  });
});
