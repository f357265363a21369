import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import Koa from "koa";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { errorMiddleware } from "./error-middleware.js";

/** A database that stays busy is the client's to retry: 503 with Retry-After, never a 500. */
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function serve(app: Koa): Promise<string> {
  const server: Server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("errorMiddleware", () => {
  it("answers 503 with Retry-After and a SCIM body when SQLite's write lock is not free in time", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scimkit-busy-"));
    const file = join(dir, "busy.db");
    const holder = new Database(file);
    holder.pragma("journal_mode = WAL");
    holder.exec("create table t (x integer)");
    const writer = new Database(file);
    writer.pragma("busy_timeout = 50");
    cleanups.push(() => {
      writer.close();
      holder.close();
      rmSync(dir, { recursive: true, force: true });
    });
    // Another writer holds the database's write lock for the whole request.
    holder.exec("begin immediate");
    const app = new Koa();
    app.use(errorMiddleware(pino({ level: "silent" })));
    app.use((ctx) => {
      writer.prepare("insert into t values (1)").run();
      ctx.body = "written";
    });
    const response = await fetch(await serve(app));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await response.json()).toMatchObject({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      status: "503",
    });
  });

  it("still answers a bug with a generic 500", async () => {
    const app = new Koa();
    app.use(errorMiddleware(pino({ level: "silent" })));
    app.use(() => {
      throw new TypeError("undefined is not a function");
    });
    const response = await fetch(await serve(app));
    expect(response.status).toBe(500);
    expect(response.headers.get("retry-after")).toBeNull();
  });
});
