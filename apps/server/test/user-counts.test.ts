import { createScimClient, dataOrThrow, patchOp, type ScimClient } from "@scimkit/client";
import { formatContractViolation } from "@scimkit/conformance";
import { ScimUrn } from "@scimkit/types";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers/test-server.js";
import { addToken } from "./reliability/reliability-helpers.js";

/**
 * An unfiltered list takes totalResults from the counts the database keeps per tenant and status
 * (migration 0006's triggers), not from counting rows. Whatever happens to users — SCIM creates,
 * deactivations, reactivations, soft and hard deletes, JIT logins, rows written straight into SQL
 * — the kept total equals a real count: the same list with a filter every user matches, which
 * counts rows. Runs on PostgreSQL too (vitest.postgres.config.ts).
 */
let server: TestServer;
let scim: ScimClient;
let adminToken: string;
let created = 0;

beforeAll(async () => {
  server = await startTestServer();
  scim = createScimClient({
    baseUrl: server.scimUrl,
    fetch: server.fetch,
    token: server.token,
    retry: false,
  });
  adminToken = (await addToken(server.store, server.tenantId, "admin")).token;
});
afterAll(async () => {
  expect(server.violations.map(formatContractViolation)).toEqual([]);
  await server.close();
});

async function totals(): Promise<{ kept: number; counted: number; team: number; teamCounted: number }> {
  const page = async (query: Record<string, string>) =>
    dataOrThrow(await scim.GET("/Users", { params: { query: { count: 1, ...query } } })).totalResults;
  const team = async (query: string) => {
    const response = await server.fetch(`${server.origin}/api/team${query}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    return ((await response.json()) as { totalResults: number }).totalResults;
  };
  const rows = await server.db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("tenant_id", "=", server.tenantId)
    .where("status", "=", "active")
    .executeTakeFirstOrThrow();
  return {
    kept: await page({}),
    counted: await page({ filter: "id pr" }),
    team: await team("?count=1"),
    teamCounted: Number(rows.n),
  };
}

type Step =
  | { kind: "create" }
  | { kind: "login" }
  | { kind: "active"; pick: number; active: boolean }
  | { kind: "delete"; pick: number; hard: boolean }
  | { kind: "sql" };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({ kind: "create" }),
  fc.constant<Step>({ kind: "login" }),
  fc.record({ kind: fc.constant("active" as const), pick: fc.nat(), active: fc.boolean() }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat(), hard: fc.boolean() }),
  fc.constant<Step>({ kind: "sql" }),
);

async function pickUser(pick: number): Promise<string | undefined> {
  const ids = (dataOrThrow(await scim.GET("/Users", { params: { query: { count: 1000, attributes: "id" } } }))
    .Resources ?? []) as { id: string }[];
  return ids.length === 0 ? undefined : ids[pick % ids.length]?.id;
}

async function run(action: Step): Promise<void> {
  const name = `user${++created}@example.com`;
  switch (action.kind) {
    case "create":
      dataOrThrow(await scim.POST("/Users", { body: { schemas: [ScimUrn.User], userName: name } }));
      return;
    case "login":
      await server.fetch(`${server.origin}/api/login`, {
        method: "POST",
        headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
        body: JSON.stringify({ email: name }),
      });
      return;
    case "active": {
      const id = await pickUser(action.pick);
      if (id === undefined) return;
      const body = patchOp().replace("active", action.active).build();
      dataOrThrow(await scim.PATCH("/Users/{id}", { params: { path: { id } }, body }));
      return;
    }
    case "delete": {
      const id = await pickUser(action.pick);
      if (id === undefined) return;
      await server.store.read.tenants.updateSettings(server.tenantId, {
        deleteMode: action.hard ? "hard" : "soft",
      });
      const { response } = await scim.DELETE("/Users/{id}", { params: { path: { id } } });
      expect(response.status).toBe(204);
      return;
    }
    case "sql": {
      const at = new Date().toISOString();
      await server.db
        .insertInto("users")
        .values({
          tenant_id: server.tenantId,
          id: crypto.randomUUID(),
          user_name: name,
          user_name_key: name,
          active: 1,
          status: "active",
          source: "local",
          created_at: at,
          updated_at: at,
          version: 'W/"1"',
          document: JSON.stringify({ schemas: [ScimUrn.User] }),
        })
        .execute();
      return;
    }
  }
}

describe("kept user counts", () => {
  it("equal a real count after any sequence of creates, status changes, deletes and direct SQL writes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        for (const action of steps) {
          await run(action);
          const { kept, counted, team, teamCounted } = await totals();
          expect(kept, JSON.stringify(action)).toBe(counted);
          expect(team, JSON.stringify(action)).toBe(teamCounted);
        }
      }),
      { numRuns: 15, seed: 8 },
    );
    expect((await totals()).kept).toBeGreaterThan(0);
  }, 120_000);
});
