import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Koa from "koa";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleMiddleware, loadConsoleAssets } from "./console-assets.js";
import { errorMiddleware } from "./error-middleware.js";

let dir: string;
let origin: string;
let close: () => void;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "scimkit-console-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>console</title>");
  writeFileSync(join(dir, "assets", "index-abc123.js"), "console.log(1)");
  writeFileSync(join(dir, "notes.txt"), "not a served type");
  const assets = loadConsoleAssets(dir);
  if (assets === undefined) throw new Error("the fixture has an index.html");
  const app = new Koa();
  app.use(errorMiddleware(pino({ level: "silent" })));
  app.use(consoleMiddleware(assets));
  app.use((ctx) => {
    ctx.body = "the rest of the app";
  });
  const server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => {
  close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the console's static files", () => {
  it("serves the console at /admin/ with a policy that allows only this origin", async () => {
    const response = await fetch(`${origin}/admin/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await response.text()).toContain("<title>console</title>");
  });

  it("redirects /admin to /admin/", async () => {
    const response = await fetch(`${origin}/admin`, { redirect: "manual" });
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("/admin/");
  });

  it("lets browsers keep content-hashed bundles, and answers 304 to a matching ETag", async () => {
    const first = await fetch(`${origin}/admin/assets/index-abc123.js`);
    expect(first.headers.get("cache-control")).toContain("immutable");
    expect(first.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const etag = first.headers.get("etag") ?? "";
    const again = await fetch(`${origin}/admin/assets/index-abc123.js`, {
      headers: { "if-none-match": etag },
    });
    expect(again.status).toBe(304);
  });

  it.each([
    ["an unknown file", "/admin/nope.js"],
    ["a file of a type it does not serve", "/admin/notes.txt"],
    ["a path that climbs out", "/admin/..%2f..%2fetc%2fpasswd"],
  ])("answers 404 with a SCIM error body for %s", async (_name, path) => {
    const response = await fetch(`${origin}${path}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: "404" });
  });

  it("answers 405 to a write", async () => {
    const response = await fetch(`${origin}/admin/`, { method: "POST" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });

  it("passes every other path on", async () => {
    expect(await (await fetch(`${origin}/administrator`)).text()).toBe("the rest of the app");
  });

  it("serves no console when none was built", () => {
    expect(loadConsoleAssets(join(dir, "assets"))).toBeUndefined();
  });
});
