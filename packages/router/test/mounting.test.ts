import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Router from "@koa/router";
import { ScimError } from "@scimkit/core";
import { type ProvisioningEvent, SCIM_MEDIA_TYPE, ScimUrn } from "@scimkit/types";
import Koa from "koa";
import { afterEach, describe, expect, it } from "vitest";
import {
  createMemoryStore,
  createScimHandler,
  createScimRouter,
  createToken,
  defaultTenantSettings,
  type ScimOptions,
  type Store,
  toNodeListener,
} from "../src/index.js";

const BASE = "/api/scim/v2";
const servers: Server[] = [];
/** Stops the background work (an onEvent consumer) a test's mounting started. */
const stops: AbortController[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) stop.abort();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** Waits until `done()` holds, polling; the test's own timeout bounds it. */
async function waitFor(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A tenant with provisioning on and its SCIM token, in a fresh in-memory store. */
async function tenantStore(): Promise<{ store: Store; token: string }> {
  const store = createMemoryStore();
  const token = await store.transaction(async (unit) => {
    await unit.tenants.create({
      id: "t1",
      name: "Acme",
      createdAt: "2026-12-01T00:00:00.000Z",
      settings: defaultTenantSettings,
    });
    return createToken(unit, { now: () => new Date(), newId: () => "k1" }, "t1", "scim");
  });
  return { store, token: token.token };
}

/** A host's Koa app: its own route, then scimkit's router under BASE. */
function koaHost(options: ScimOptions): Promise<string> {
  const app = new Koa();
  const own = new Router();
  own.get("/api/health", (ctx) => {
    ctx.body = { ok: true };
  });
  app.use(own.routes());
  app.use(createScimRouter(options).routes());
  return listen(createServer(app.callback()));
}

/** The fetch handler behind node:http, as Express or Fastify would mount it. */
function fetchHost(options: ScimOptions): Promise<string> {
  return listen(createServer(toNodeListener(createScimHandler(options))));
}

const mountings = [
  ["Koa router", koaHost],
  ["fetch handler", fetchHost],
] as const;

const user = (userName: string) => ({
  schemas: [ScimUrn.User],
  userName,
  emails: [{ value: userName, primary: true }],
});

describe.each(mountings)("scimkit mounted as a %s", (_name, host) => {
  async function mounted(extra: Partial<ScimOptions> = {}) {
    const { store, token } = await tenantStore();
    const url = await host({ store, basePath: BASE, ...extra });
    const call = (method: string, path: string, body?: unknown, auth = token, headers = {}) =>
      fetch(url + path, {
        method,
        headers: {
          ...headers,
          ...(auth === "" ? {} : { Authorization: `Bearer ${auth}` }),
          ...(body === undefined ? {} : { "Content-Type": SCIM_MEDIA_TYPE }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    return { store, url, call };
  }

  it("creates and reads a user under the host's base path, with locations under it", async () => {
    const { url, call } = await mounted();
    const created = await call("POST", `${BASE}/Users`, user("ann+scim@example.com"));
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toContain(SCIM_MEDIA_TYPE);
    const body = (await created.json()) as { id: string; meta: { location: string } };
    expect(body.meta.location).toBe(`${url}${BASE}/Users/${body.id}`);
    expect(created.headers.get("location")).toBe(body.meta.location);
    const read = await call("GET", `${BASE}/Users/${body.id}`);
    expect(read.status).toBe(200);
    const list = await call(
      "GET",
      `${BASE}/Users?filter=${encodeURIComponent('userName eq "ANN+scim@example.com"')}`,
    );
    expect(((await list.json()) as { totalResults: number }).totalResults).toBe(1);
  });

  it("answers discovery with the base URL it is mounted under", async () => {
    const { url, call } = await mounted();
    const config = await call("GET", `${BASE}/ServiceProviderConfig`);
    expect(config.status).toBe(200);
    expect(((await config.json()) as { meta: { location: string } }).meta.location).toBe(
      `${url}${BASE}/ServiceProviderConfig`,
    );
  });

  it.each([
    ["no token", "GET", `${BASE}/Users`, "", { status: 401, scimType: undefined }],
    [
      "an unknown path under the base",
      "GET",
      `${BASE}/Nope`,
      undefined,
      { status: 404, scimType: undefined },
    ],
    ["a method the path lacks", "PUT", `${BASE}/Users`, undefined, { status: 405, scimType: undefined }],
    [
      "a malformed filter",
      "GET",
      `${BASE}/Users?filter=userName%20eq`,
      undefined,
      { status: 400, scimType: "invalidFilter" },
    ],
  ] as const)("answers %s with a SCIM error body", async (_case, method, path, auth, want) => {
    const { call } = await mounted();
    const response = await call(method, path, undefined, auth);
    expect(response.status).toBe(want.status);
    expect(response.headers.get("content-type")).toContain(SCIM_MEDIA_TYPE);
    const body = (await response.json()) as { status: string; scimType?: string; schemas: string[] };
    expect({ status: body.status, scimType: body.scimType }).toEqual({
      status: String(want.status),
      scimType: want.scimType,
    });
    expect(body.schemas).toEqual([ScimUrn.Error]);
    if (want.status === 405) expect(response.headers.get("allow")).toContain("GET");
    if (want.status === 401) expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("lets a beforeCommit hook refuse a write, which then leaves nothing behind", async () => {
    const { call, store } = await mounted({
      hooks: {
        beforeCommit: async (change, unit) => {
          if (change.resourceType !== "User" || change.operation !== "create") return;
          const page = await unit.users.list(change.tenantId, {
            page: { kind: "offset", startIndex: 1, count: 0 },
          });
          if (page.total > 1) throw ScimError.forbidden("This plan has one seat.");
        },
      },
    });
    expect((await call("POST", `${BASE}/Users`, user("one@example.com"))).status).toBe(201);
    const refused = await call("POST", `${BASE}/Users`, user("two@example.com"));
    expect(refused.status).toBe(403);
    expect(await store.read.users.findByUserName("t1", "two@example.com")).toBeUndefined();
    expect((await store.read.audit.page("t1", { startIndex: 1, count: 10 })).items).toHaveLength(1);
  });

  it("hands each committed event to onEvent, again after it threw, and never a rolled-back one", async () => {
    const seen: ProvisioningEvent[] = [];
    let failures = 1;
    const stop = new AbortController();
    stops.push(stop);
    const { call } = await mounted({
      signal: stop.signal,
      hooks: {
        beforeCommit: async (change, unit) => {
          const created = await unit.users.get(change.tenantId, change.resourceId);
          if (created?.resource.userName === "refused@example.com")
            throw ScimError.forbidden("No seats left.");
        },
        onEvent: (event) => {
          if (event.type === "user.deactivated" && failures-- > 0)
            throw new Error("the host's queue is down");
          seen.push(event);
        },
      },
    });
    expect((await call("POST", `${BASE}/Users`, user("refused@example.com"))).status).toBe(403);
    const created = await call("POST", `${BASE}/Users`, user("ann@example.com"));
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const deactivated = await call("PATCH", `${BASE}/Users/${id}`, {
      schemas: [ScimUrn.PatchOp],
      Operations: [{ op: "replace", path: "active", value: false }],
    });
    expect(deactivated.status).toBe(200);
    await waitFor(() => seen.length >= 2);
    expect(seen.map((event) => [event.type, event.sequence])).toEqual([
      ["user.created", 1],
      ["user.deactivated", 2],
    ]);
    expect(seen[1]).toMatchObject({
      tenantId: "t1",
      actor: { kind: "token", id: "k1" },
      data: { user: { id } },
    });
  });

  it("authenticates through the host's authenticate when given one", async () => {
    const { call } = await mounted({
      authenticate: async (request) => {
        if (request.header("x-session") !== "ok") throw ScimError.unauthorized();
        return { tenantId: "t1", actor: "session:admin", settings: defaultTenantSettings };
      },
    });
    expect((await call("GET", `${BASE}/Users`)).status).toBe(401);
    const created = await call("POST", `${BASE}/Users`, user("ann@example.com"), "", { "X-Session": "ok" });
    expect(created.status).toBe(201);
  });
});

describe("the Koa router inside a host app", () => {
  it("answers with a request id when the host sets none", async () => {
    const { store } = await tenantStore();
    const url = await koaHost({ store, basePath: BASE });
    const response = await fetch(`${url}${BASE}/Users`, { headers: { "X-Request-Id": "abc-1" } });
    expect(response.status).toBe(401);
    expect(response.headers.get("x-request-id")).toBe("abc-1");
  });

  it("leaves the host's own routes alone", async () => {
    const { store } = await tenantStore();
    const url = await koaHost({ store, basePath: BASE });
    const response = await fetch(`${url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});

describe("the fetch handler called directly, as a Next.js route handler calls it", () => {
  it("answers a Request with a Response, and a fault with a generic 500 logged with its request id", async () => {
    const { store, token } = await tenantStore();
    const lines: { fields: Record<string, unknown>; message?: string }[] = [];
    const record = (fields: object, message?: string) => {
      lines.push({
        fields: fields as Record<string, unknown>,
        ...(message === undefined ? {} : { message }),
      });
    };
    const broken: Store = {
      ...store,
      read: {
        ...store.read,
        users: {
          ...store.read.users,
          list: async () => {
            throw new Error("disk on fire");
          },
        },
      },
    };
    const handler = createScimHandler({
      store: broken,
      basePath: BASE,
      logger: { info: record, warn: record, error: record },
    });
    const headers = { Authorization: `Bearer ${token}`, "X-Request-Id": "req-42" };
    const ok = await handler(
      new Request(`https://app.example.com${BASE}/ServiceProviderConfig`, { headers }),
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-request-id")).toBe("req-42");

    const failed = await handler(new Request(`https://app.example.com${BASE}/Users`, { headers }));
    expect(failed.status).toBe(500);
    const body = (await failed.json()) as { detail: string; status: string };
    expect(body.status).toBe("500");
    expect(body.detail).not.toContain("disk on fire");
    expect(lines).toEqual([
      { fields: expect.objectContaining({ requestId: "req-42" }), message: "request failed" },
    ]);
  });
});

describe("scimkit behind a body parser the host mounted first", () => {
  /** Reads the whole body and parses JSON, as express.json() or a Koa body parser does, before scimkit runs. */
  async function parse(stream: AsyncIterable<unknown>): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  }

  const parsers = [
    [
      "a Koa app",
      (options: ScimOptions) => {
        const app = new Koa();
        app.use(async (ctx, next) => {
          (ctx.request as { body?: unknown }).body = await parse(ctx.req);
          await next();
        });
        app.use(createScimRouter(options).routes());
        return listen(createServer(app.callback()));
      },
    ],
    [
      "a Node listener",
      (options: ScimOptions) => {
        const listener = toNodeListener(createScimHandler(options));
        return listen(
          createServer(async (req, res) => {
            (req as { body?: unknown }).body = req.method === "POST" ? await parse(req) : undefined;
            await listener(req, res);
          }),
        );
      },
    ],
  ] as const;

  it.each(parsers)("in %s still receives the SCIM body", async (_name, host) => {
    const { store, token } = await tenantStore();
    const url = await host({ store, basePath: BASE });
    const response = await fetch(`${url}${BASE}/Users`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify(user("parsed@example.com")),
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { userName: string }).userName).toBe("parsed@example.com");
  });
});
