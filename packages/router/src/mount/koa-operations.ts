import type Router from "@koa/router";
import { type OperationId, operations } from "@scimkit/types";
import type { Context } from "koa";
import { errorOutput } from "../http/error-output.js";
import { type BodySource, consumedBody } from "../http/json-body.js";
import {
  callOperation,
  handlerOf,
  type OperationDeps,
  type OperationInput,
  type OperationOutput,
} from "../http/operation-call.js";
import { requestIdFrom } from "../http/request-id.js";
import { type HandlerMap, type ScimLogger, withLogFields } from "../http/route-types.js";

/** How operations are mounted on a Koa router. */
export interface KoaOperationDeps extends OperationDeps {
  /** The absolute SCIM base URL of a request, for `meta.location`. */
  readonly scimBaseUrl: (ctx: Context) => string;
  /** Where to log when the host put no request logger in `ctx.state.log`. */
  readonly logger: ScimLogger;
  /** Mount under this path instead of the spec's server path. */
  readonly basePath?: string;
  /**
   * Answer errors here as SCIM error bodies (a host's Koa app knows nothing of SCIM), rather than
   * throwing them to an error middleware of the host's.
   */
  readonly answerErrors: boolean;
}

/**
 * The request id the host's request logger set, else the caller's sane `X-Request-Id`, else a new
 * one, which is then kept in `ctx.state.requestId` and answered in `X-Request-Id`.
 */
export function requestIdOf(ctx: Context): string {
  const known = ctx.state.requestId;
  if (typeof known === "string") return known;
  const requestId = requestIdFrom(ctx.get("x-request-id"));
  ctx.state.requestId = requestId;
  ctx.set("X-Request-Id", requestId);
  return requestId;
}

/** The host's request logger (`ctx.state.log`), else `logger` with the request id on every line. */
export function requestLogOf(ctx: Context, logger: ScimLogger): ScimLogger {
  const requestId = requestIdOf(ctx);
  return (ctx.state.log as ScimLogger | undefined) ?? withLogFields(logger, { requestId });
}

/** The request's body: the raw stream, or what a body parser mounted before scimkit already read. */
function bodyOf(ctx: Context): BodySource {
  const declared = Number(ctx.get("content-length") || Number.NaN);
  const consumed = consumedBody(ctx.req.readableEnded, (ctx.request as { body?: unknown }).body);
  if (consumed !== undefined) return { declaredLength: consumed.byteLength, chunks: [consumed] };
  return { declaredLength: Number.isFinite(declared) ? declared : undefined, chunks: ctx.req };
}

/** The input of one operation from a Koa context. */
export function koaInput(
  ctx: Context,
  pathParams: Readonly<Record<string, string | undefined>>,
  deps: Pick<KoaOperationDeps, "scimBaseUrl" | "logger">,
): OperationInput {
  const requestId = requestIdOf(ctx);
  return {
    method: ctx.method,
    path: ctx.path,
    header: (name) => ctx.get(name) || undefined,
    pathParams,
    query: new URLSearchParams(ctx.querystring),
    body: () => bodyOf(ctx),
    requestId,
    // Read only when a handler logs (most requests never do), so the reference server's lazy child logger stays lazy.
    get log() {
      return requestLogOf(ctx, deps.logger);
    },
    scimBaseUrl: deps.scimBaseUrl(ctx),
  };
}

/** Writes an operation's output to the Koa response. */
export function writeKoa(ctx: Context, output: OperationOutput): void {
  ctx.status = output.status;
  for (const [name, value] of Object.entries(output.headers)) ctx.set(name, value);
  if (output.body !== undefined) {
    ctx.body = output.body;
    if (output.contentType !== undefined) ctx.type = output.contentType;
  }
}

/** `/Users/{id}` → `/Users/:id` for @koa/router (path-to-regexp). */
function routerPath(basePath: string, path: string): string {
  return basePath + path.replace(/\{([^}]+)\}/g, ":$1").replace(/\./g, "\\.");
}

/**
 * Registers one route per operation in `handlers` (each an operation of spec/openapi.yaml),
 * each calling it as the spec declares (callOperation).
 */
export function mountOperations<Ids extends OperationId>(
  router: Router,
  handlers: HandlerMap<Ids>,
  deps: KoaOperationDeps,
): void {
  for (const id of Object.keys(handlers) as Ids[]) {
    const meta = operations[id];
    const handler = handlerOf(handlers, id);
    router.register(
      routerPath(deps.basePath ?? meta.basePath, meta.path),
      [meta.method.toUpperCase()],
      async (ctx: Context) => {
        const input = koaInput(ctx, ctx.params as Record<string, string | undefined>, deps);
        try {
          writeKoa(ctx, await callOperation(id, handler, input, deps));
        } catch (caught) {
          // Without answerErrors the host's error middleware answers (the reference server's does).
          if (!deps.answerErrors) throw caught;
          writeKoa(ctx, errorOutput(caught, ctx.method, ctx.path, input.log));
        }
      },
    );
  }
}
