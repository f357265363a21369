import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createScimClient, type ScimClient } from "@scimkit/client";
import { type ContractViolation, createCheckedFetch, loadSpecContract } from "@scimkit/conformance";
import type { Store } from "@scimkit/router";
import { createSqlStore, type Database, migrateToLatest, openDatabase } from "@scimkit/store-kysely";
import { ScimUrn } from "@scimkit/types";
import { CompiledQuery, type Kysely, sql } from "kysely";
import { pino } from "pino";
import { createApp, SCIM_BASE_PATH } from "../../src/app.js";
import { createTenantWithToken } from "../../src/tenants/tenants.service.js";

/** One statement as the server ran it. */
export interface LoggedQuery {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** A reference server whose Kysely records the SQL of every statement it runs. */
export interface CountingServer {
  readonly scimUrl: string;
  readonly tenantId: string;
  readonly db: Kysely<Database>;
  readonly store: Store;
  /** A SCIM client with the tenant's token; its responses are checked against spec/openapi.yaml. */
  readonly scim: ScimClient;
  /** The same client without the contract check (for responses too large to validate quickly). */
  readonly unchecked: ScimClient;
  readonly violations: ContractViolation[];
  /** The SQL of every statement run while `work` ran (begin/commit included). */
  statementsDuring(work: () => Promise<unknown>): Promise<string[]>;
  /** The statements run while `work` ran, with their parameters. */
  queriesDuring(work: () => Promise<unknown>): Promise<LoggedQuery[]>;
  /** SQLite's `EXPLAIN QUERY PLAN` of a statement the server ran: one `detail` line per step. */
  planOf(query: LoggedQuery): Promise<string[]>;
  close(): Promise<void>;
}

const contract = loadSpecContract();

/** Starts a server with one tenant on a statement-counting database, listening on a free loopback port. */
export async function startCountingServer(): Promise<CountingServer> {
  const statements: LoggedQuery[] = [];
  // The production database set-up (pragmas, statement cache, scim_fold), with a log of each statement.
  const database = openDatabase(
    { kind: "sqlite", file: ":memory:" },
    {
      log(event) {
        if (event.level === "query")
          statements.push({ sql: event.query.sql, parameters: event.query.parameters });
      },
    },
  );
  const { db } = database;
  await migrateToLatest(db);
  const store = createSqlStore(database);
  const created = await createTenantWithToken(store, { now: () => new Date(), newId: randomUUID }, "acme");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const logger = pino({ level: process.env.PROBE_LOG ? "error" : "silent" });
  const app = createApp({ store, logger, publicUrl: origin, bodyLimitBytes: 1024 * 1024 });
  server.on("request", app.callback());
  const checked = createCheckedFetch(contract);
  const scimUrl = origin + SCIM_BASE_PATH;
  const queriesDuring = async (work: () => Promise<unknown>) => {
    const start = statements.length;
    await work();
    return statements.slice(start);
  };
  const client = (fetch: (request: Request) => Promise<Response>) =>
    createScimClient({ baseUrl: scimUrl, token: created.token, retry: false, fetch });
  return {
    scimUrl,
    tenantId: created.tenant.id,
    db,
    store,
    scim: client((request) => checked.fetch(request)),
    unchecked: client((request) => globalThis.fetch(request)),
    violations: checked.violations,
    async statementsDuring(work) {
      return (await queriesDuring(work)).map((query) => query.sql);
    },
    queriesDuring,
    async planOf(query) {
      const { rows } = await db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
      );
      return rows.map((row) => row.detail);
    },
    async close() {
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      await store.close();
    },
  };
}

/**
 * Inserts `count` active users straight into SQL: one INSERT … SELECT over `json_each` of their
 * ids (a single bound parameter, so no 32,766-variable limit). Returns their ids, in order.
 */
export async function seedUsers(
  db: Kysely<Database>,
  tenantId: string,
  count: number,
  prefix: string,
): Promise<string[]> {
  const at = new Date().toISOString();
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(6, "0")}`);
  const document = JSON.stringify({ schemas: [ScimUrn.User] });
  await sql`
    insert into users (tenant_id, id, external_id, user_name, user_name_key, display_name, active,
      user_type, status, source, joined_at, created_at, updated_at, version, document)
    select ${tenantId}, value, null, value || '@acme.io', value || '@acme.io', 'Member ' || value, 1,
      null, 'active', 'scim', ${at}, ${at}, ${at}, 'W/"1"', ${document}
    from json_each(${JSON.stringify(ids)})`.execute(db);
  return ids;
}

/** Makes the users members of the group straight in SQL (one INSERT … SELECT). */
export async function seedMemberships(
  db: Kysely<Database>,
  tenantId: string,
  groupId: string,
  userIds: readonly string[],
): Promise<void> {
  const at = new Date().toISOString();
  await sql`
    insert into group_members (tenant_id, group_id, member_id, added_at)
    select ${tenantId}, ${groupId}, value, ${at} from json_each(${JSON.stringify(userIds)})`.execute(db);
}
