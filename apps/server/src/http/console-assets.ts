import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import { ScimError } from "@scimkit/core";
import type { Middleware } from "koa";

/** Where the admin console is served. */
export const CONSOLE_PATH = "/admin";

/** One built file of the console, held in memory (the whole console is tens of kilobytes). */
interface Asset {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
  /** Vite names bundles by content hash: they never change, so browsers may keep them. */
  readonly immutable: boolean;
}

/** The built console by URL path below /admin/ (`index.html` for the console itself). */
export type ConsoleAssets = ReadonlyMap<string, Asset>;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
};

// Everything the console loads comes from this server: no CDN, no inline script, no framing.
const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
};

function* filesBelow(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesBelow(path);
    else if (entry.isFile()) yield path;
  }
}

/** Reads the built console once, at start; undefined when it was not built (the server then serves no console). */
export function loadConsoleAssets(dir: string): ConsoleAssets | undefined {
  if (!existsSync(join(dir, "index.html"))) return undefined;
  const assets = new Map<string, Asset>();
  for (const file of filesBelow(dir)) {
    const path = relative(dir, file).split(sep).join("/");
    const type = TYPES[extname(file)];
    if (type === undefined) continue;
    const body = readFileSync(file);
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
    assets.set(path, { body, type, etag, immutable: path.startsWith("assets/") });
  }
  return assets;
}

/**
 * Serves the console at /admin/: GET and HEAD only, files from the build and nothing else (no
 * path ever reaches the file system), `/admin` redirected to `/admin/`. Other paths pass on.
 */
export function consoleMiddleware(assets: ConsoleAssets): Middleware {
  return async (ctx, next) => {
    if (ctx.path !== CONSOLE_PATH && !ctx.path.startsWith(`${CONSOLE_PATH}/`)) return next();
    if (ctx.method !== "GET" && ctx.method !== "HEAD") {
      ctx.set("Allow", "GET, HEAD");
      throw ScimError.methodNotAllowed(ctx.method, ctx.path);
    }
    if (ctx.path === CONSOLE_PATH) {
      ctx.status = 301;
      ctx.redirect(`${CONSOLE_PATH}/`);
      return;
    }
    const path = ctx.path.slice(CONSOLE_PATH.length + 1) || "index.html";
    const asset = assets.get(path);
    if (asset === undefined) throw ScimError.noSuchEndpoint(ctx.method, ctx.path);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) ctx.set(name, value);
    ctx.set("Cache-Control", asset.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    ctx.set("ETag", asset.etag);
    if (ctx.get("if-none-match") === asset.etag) {
      ctx.status = 304;
      return;
    }
    ctx.type = asset.type;
    ctx.body = asset.body;
  };
}
