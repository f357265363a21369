import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type ContractViolation, createCheckedFetch, loadSpecContract } from "@scimkit/conformance";
import type { RateLimit, Store } from "@scimkit/router";
import type { Database, DatabaseLocation, SqlDatabase } from "@scimkit/store-kysely";
import type { Kysely } from "kysely";
import pg from "pg";
import { pino } from "pino";
import { createApp, SCIM_BASE_PATH } from "../../src/app.js";
import { openStore } from "../../src/open-store.js";
import { createTenantWithToken } from "../../src/tenants/tenants.service.js";

/** Which store the HTTP suites run on: SCIMKIT_TEST_DB=postgres or memory; SQLite's `:memory:` by default. */
export type TestStoreKind = "sqlite" | "postgres" | "memory";

export function testStoreKind(): TestStoreKind {
  const kind = process.env.SCIMKIT_TEST_DB;
  return kind === "postgres" || kind === "memory" ? kind : "sqlite";
}

/** A reference server on a fresh store (SQLite `:memory:`, a fresh PostgreSQL schema, or the in-memory store), listening on a free loopback port. */
export interface TestServer {
  readonly origin: string;
  readonly scimUrl: string;
  readonly token: string;
  readonly tenantId: string;
  readonly logs: string[];
  /** The store the server runs on. */
  readonly store: Store;
  /** Its SQL database, on SQLite and PostgreSQL; undefined on the in-memory store. */
  readonly sql: SqlDatabase | undefined;
  /** The Kysely handle of a SQL store; throws on the in-memory store (a test that reads SQL is storage-specific). */
  readonly db: Kysely<Database>;
  /** A fetch whose every response is checked against spec/openapi.yaml; the findings land in `violations`. */
  readonly fetch: typeof fetch;
  readonly violations: ContractViolation[];
  close(): Promise<void>;
}

const contract = loadSpecContract();

/** A fresh schema on the PostgreSQL server, so each test server starts empty (the SQLite `:memory:` of PostgreSQL). */
export async function createSchema(url: string): Promise<string> {
  const schema = `test_${randomUUID().replaceAll("-", "")}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema ${schema}`);
  } finally {
    await client.end();
  }
  return schema;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema ${schema} cascade`);
  } finally {
    await client.end();
  }
}

/** Starts a server with one tenant and its SCIM token; logs are captured as JSON lines. */
export async function startTestServer(
  options: { bodyLimitBytes?: number; postgresUrl?: string | undefined; rateLimit?: RateLimit } = {},
): Promise<TestServer> {
  // SCIMKIT_TEST_DB=postgres runs every HTTP test of this package on TEST_POSTGRES_URL instead of
  // SQLite; SCIMKIT_TEST_DB=memory on the in-memory store.
  const kind = testStoreKind();
  const postgresUrl =
    options.postgresUrl ?? (kind === "postgres" ? process.env.TEST_POSTGRES_URL : undefined);
  const isolated = postgresUrl === undefined ? undefined : await createSchema(postgresUrl);
  const location: DatabaseLocation =
    isolated !== undefined && postgresUrl !== undefined
      ? { kind: "postgres", url: postgresUrl, poolSize: 4, schema: isolated }
      : kind === "memory"
        ? { kind: "memory" }
        : { kind: "sqlite", file: ":memory:" };
  const { store, sql } = await openStore(location, { migrate: true });
  const created = await createTenantWithToken(store, { now: () => new Date(), newId: randomUUID }, "acme");
  const logs: string[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void logs.push(line) });
  // Listen first, so the app's public URL (meta.location) carries the real port.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const app = createApp({
    store,
    logger,
    publicUrl: origin,
    bodyLimitBytes: options.bodyLimitBytes ?? 1024 * 1024,
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
  });
  server.on("request", app.callback());
  const checked = createCheckedFetch(contract);
  return {
    fetch: checked.fetch,
    violations: checked.violations,
    origin,
    scimUrl: origin + SCIM_BASE_PATH,
    token: created.token,
    tenantId: created.tenant.id,
    logs,
    store,
    sql,
    get db(): Kysely<Database> {
      if (sql === undefined)
        throw new Error("This test reads SQL tables; it runs on SQLite and PostgreSQL only.");
      return sql.db;
    },
    async close() {
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      await store.close();
      if (isolated !== undefined && options.postgresUrl !== undefined)
        await dropSchema(options.postgresUrl, isolated);
    },
  };
}
