import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createScimClient, patchOp, type ScimClient } from "@scimkit/client";
import type { Store } from "@scimkit/router";
import { createSqlStore, type Database, migrateToLatest, openDatabase } from "@scimkit/store-kysely";
import { ScimUrn } from "@scimkit/types";
import type { Kysely } from "kysely";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, SCIM_BASE_PATH } from "../../src/app.js";
import { createTenantWithToken } from "../../src/tenants/tenants.service.js";
import { createSchema, dropSchema } from "../helpers/test-server.js";

/**
 * Two stateless instances (each its own app and connection pool) on one PostgreSQL database:
 * uniqueness, concurrent membership changes and ETags hold across them, since nothing that can
 * go stale is kept in process memory.
 */
const url = process.env.TEST_POSTGRES_URL;

interface Instance {
  readonly db: Kysely<Database>;
  readonly store: Store;
  readonly server: Server;
  readonly scimUrl: string;
}

async function startInstance(schema: string): Promise<Instance> {
  const database = openDatabase({ kind: "postgres", url: url ?? "", poolSize: 5, schema });
  const { db } = database;
  const store = createSqlStore(database);
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on(
    "request",
    createApp({
      store,
      logger: pino({ level: "silent" }),
      publicUrl: origin,
      bodyLimitBytes: 1 << 20,
    }).callback(),
  );
  return { db, store, server, scimUrl: origin + SCIM_BASE_PATH };
}

describe.skipIf(url === undefined || url === "")("two instances on one PostgreSQL", () => {
  let schema: string;
  let a: Instance;
  let b: Instance;
  let clients: ScimClient[];

  beforeAll(async () => {
    schema = await createSchema(url ?? "");
    a = await startInstance(schema);
    await migrateToLatest(a.db, { schema });
    b = await startInstance(schema);
    const { token } = await createTenantWithToken(
      a.store,
      { now: () => new Date(), newId: randomUUID },
      "acme",
    );
    clients = [a, b].map((instance) => createScimClient({ baseUrl: instance.scimUrl, token, retry: false }));
  });
  afterAll(async () => {
    for (const instance of [a, b]) {
      await new Promise<void>((resolve) => instance.server.close(() => resolve()));
      await instance.store.close();
    }
    await dropSchema(url ?? "", schema);
  });

  const client = (i: number) => clients[i % 2] as ScimClient;

  it("answers parallel creates of one userName over both instances with exactly one 201 and 409s", async () => {
    const body = { schemas: [ScimUrn.User], userName: "same@x.io" };
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client(i)
          .POST("/Users", { body })
          .then((r) => r.response.status),
      ),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
  });

  it("keeps every member when both instances add different members to one group at once", async () => {
    const users = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        client(i).POST("/Users", { body: { schemas: [ScimUrn.User], userName: `m${i}@x.io` } }),
      ),
    );
    const ids = users.map((r) => String(r.data?.id));
    const group = await client(0).POST("/Groups", { body: { schemas: [ScimUrn.Group], displayName: "Ops" } });
    const gid = String(group.data?.id);
    const statuses = await Promise.all(
      ids.map((id, i) =>
        client(i)
          .PATCH("/Groups/{id}", {
            params: { path: { id: gid } },
            body: patchOp()
              .add("members", [{ value: id }])
              .build(),
          })
          .then((r) => r.response.status),
      ),
    );
    expect(statuses.every((s) => s === 204)).toBe(true);
    const read = await client(1).GET("/Groups/{id}", { params: { path: { id: gid } } });
    expect(read.data?.members?.map((m) => m.value).sort()).toEqual([...ids].sort());
  });

  it("answers 412 on one instance for a version the other instance has moved on", async () => {
    const created = await client(0).POST("/Users", {
      body: { schemas: [ScimUrn.User], userName: "etag@x.io" },
    });
    const id = String(created.data?.id);
    const version = String(created.data?.meta?.version);
    const first = await client(1).PATCH("/Users/{id}", {
      params: { path: { id }, header: { "If-Match": version } },
      body: patchOp().replace("displayName", "B").build(),
    });
    expect(first.response.status).toBe(200);
    const second = await client(0).PATCH("/Users/{id}", {
      params: { path: { id }, header: { "If-Match": version } },
      body: patchOp().replace("displayName", "A").build(),
    });
    expect(second.response.status).toBe(412);
    const read = await client(0).GET("/Users/{id}", { params: { path: { id } } });
    expect(read.data?.displayName).toBe("B");
  });
});
