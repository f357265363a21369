import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import Router from "@koa/router";
import { ScimError } from "@scimkit/core";
import {
  createScimHandler,
  createScimRouter,
  type ScimLogger,
  type ScimOptions,
  toNodeListener,
} from "@scimkit/router";
import express from "express";
import { Hono } from "hono";
import Koa from "koa";
import type { ExistingApp } from "./existing-app.js";

/** The frameworks the example mounts scimkit on: Koa through its router, the others through the fetch handler. */
export const frameworks = ["koa", "hono", "express"] as const;
export type Framework = (typeof frameworks)[number];

/** Where the app mounts scimkit's SCIM routes; the URL an IdP admin pastes ends with it. */
export const SCIM_BASE_PATH = "/scim/v2";

/** A listening app: its origin, and how to stop it. */
export interface RunningApp {
  /** e.g. `http://127.0.0.1:41234` */
  readonly origin: string;
  close(): Promise<void>;
}

/** The app's own answer to a sign-in or team request: its result, or the refusal's status and detail. */
async function answer(work: () => Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    return { status: 200, body: await work() };
  } catch (error) {
    if (error instanceof ScimError) return { status: error.status, body: { error: error.detail } };
    throw error;
  }
}

/** The app's own two routes, the same in every framework: sign-in and the team list of an organization. */
function appRoutes(app: ExistingApp) {
  return {
    signIn: (org: string, body: unknown) =>
      answer(() => {
        const email = (body as { email?: unknown } | null)?.email;
        if (typeof email !== "string") throw ScimError.invalidValue('"email" is required.');
        return app.signIn(org, email);
      }),
    team: (org: string) => answer(() => app.teamList(org)),
  };
}

function koaServer(app: ExistingApp, scim: ScimOptions): Server {
  const own = appRoutes(app);
  const router = new Router();
  router.post("/orgs/:org/sign-in", async (ctx) => {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
    const { status, body: out } = await own.signIn(ctx.params.org ?? "", body);
    ctx.status = status;
    ctx.body = out;
  });
  router.get("/orgs/:org/team", async (ctx) => {
    const { status, body } = await own.team(ctx.params.org ?? "");
    ctx.status = status;
    ctx.body = body;
  });
  const koa = new Koa();
  koa.use(createScimRouter(scim).routes());
  koa.use(router.routes());
  return createServer(koa.callback());
}

function honoServer(app: ExistingApp, scim: ScimOptions, port: number, host: string): Server {
  const own = appRoutes(app);
  const handler = createScimHandler(scim);
  const hono = new Hono();
  hono.all(SCIM_BASE_PATH, (c) => handler(c.req.raw));
  hono.all(`${SCIM_BASE_PATH}/*`, (c) => handler(c.req.raw));
  hono.post("/orgs/:org/sign-in", async (c) => {
    const { status, body } = await own.signIn(c.req.param("org"), await c.req.json().catch(() => null));
    return c.json(body, status as 200);
  });
  hono.get("/orgs/:org/team", async (c) => {
    const { status, body } = await own.team(c.req.param("org"));
    return c.json(body, status as 200);
  });
  return serve({ fetch: hono.fetch, port, hostname: host }) as Server;
}

function expressServer(app: ExistingApp, scim: ScimOptions): Server {
  const own = appRoutes(app);
  const server = express();
  // Before any body parser: scimkit reads SCIM bodies (application/scim+json) itself.
  server.use(SCIM_BASE_PATH, toNodeListener(createScimHandler(scim)));
  server.post("/orgs/:org/sign-in", express.json(), async (req, res) => {
    const { status, body } = await own.signIn(req.params.org, req.body);
    res.status(status).json(body);
  });
  server.get("/orgs/:org/team", async (req, res) => {
    const { status, body } = await own.team(req.params.org);
    res.status(status).json(body);
  });
  return createServer(server);
}

/**
 * Starts the app on `framework` with scimkit's SCIM routes under {@link SCIM_BASE_PATH} over the
 * app's store, beside the app's own routes (`POST /orgs/:org/sign-in`, `GET /orgs/:org/team`).
 * `port` 0 picks a free port.
 */
export async function listenApp(
  app: ExistingApp,
  options: {
    readonly framework: Framework;
    readonly port?: number;
    readonly host?: string;
    readonly logger?: ScimLogger;
  },
): Promise<RunningApp> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 0;
  // Stops the app's event hook with the server.
  const stop = new AbortController();
  const scim: ScimOptions = {
    store: app.store,
    basePath: SCIM_BASE_PATH,
    hooks: app.hooks,
    signal: stop.signal,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  };
  let server: Server;
  if (options.framework === "hono") {
    server = honoServer(app, scim, port, host);
    if (!server.listening) await new Promise((resolve) => server.once("listening", resolve));
  } else {
    server = options.framework === "koa" ? koaServer(app, scim) : expressServer(app, scim);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve());
    });
  }
  const address = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        stop.abort();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
