import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type ContractViolation, createCheckedFetch, loadSpecContract } from "@scimkit/conformance";
import pg from "pg";
import { pino } from "pino";
import { createApp, SCIM_BASE_PATH } from "../../src/app.js";
import { openDatabase } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/migrate.js";
import type { RateLimit } from "../../src/http/rate-limit.js";
import { createTenantWithToken } from "../../src/tenants/tenants.service.js";

/** A reference server on a fresh `:memory:` database, listening on a free loopback port. */
export interface TestServer {
  readonly origin: string;
  readonly scimUrl: string;
  readonly token: string;
  readonly tenantId: string;
  readonly logs: string[];
  readonly db: ReturnType<typeof openDatabase>;
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
  // SCIMKIT_TEST_DB=postgres runs every HTTP test of this package on TEST_POSTGRES_URL instead of SQLite.
  const postgresUrl =
    options.postgresUrl ??
    (process.env.SCIMKIT_TEST_DB === "postgres" ? process.env.TEST_POSTGRES_URL : undefined);
  const isolated = postgresUrl === undefined ? undefined : await createSchema(postgresUrl);
  const db = openDatabase(
    isolated === undefined || postgresUrl === undefined
      ? { kind: "sqlite", file: ":memory:" }
      : { kind: "postgres", url: postgresUrl, poolSize: 4, schema: isolated },
  );
  await migrateToLatest(db, isolated === undefined ? {} : { schema: isolated });
  const created = await createTenantWithToken(db, { now: () => new Date(), newId: randomUUID }, "acme");
  const logs: string[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void logs.push(line) });
  // Listen first, so the app's public URL (meta.location) carries the real port.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const app = createApp({
    db,
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
    db,
    async close() {
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      await db.destroy();
      if (isolated !== undefined && options.postgresUrl !== undefined)
        await dropSchema(options.postgresUrl, isolated);
    },
  };
}
