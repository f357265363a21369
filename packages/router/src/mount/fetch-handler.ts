import type { OperationInput, OperationOutput } from "../http/operation-call.js";
import { requestIdFrom } from "../http/request-id.js";
import { type ScimLogger, withLogFields } from "../http/route-types.js";
import { scimDispatcher } from "./dispatch.js";
import { type ScimOptions, scimMount } from "./scim-options.js";

/** A standard request handler: what Hono, Next.js route handlers, Bun, Deno and workers mount. */
export type ScimFetchHandler = (request: Request) => Promise<Response>;

function toResponse(output: OperationOutput, method: string, requestId: string): Response {
  const headers = new Headers(output.headers);
  headers.set("X-Request-Id", requestId);
  if (output.body === undefined || method === "HEAD")
    return new Response(null, { status: output.status, headers });
  headers.set("Content-Type", output.contentType ?? "application/json");
  return new Response(JSON.stringify(output.body), { status: output.status, headers });
}

/**
 * scimkit's SCIM routes (Users, Groups, `.search`, discovery: RFC 7644 §3, §4) as one
 * `(Request) => Promise<Response>`. Give it every request under `options.basePath` (it reads the
 * whole URL path, so mount it where the path is kept: Hono's `app.all("/scim/v2/*", (c) =>
 * handler(c.req.raw))`, a Next.js catch-all route, or `toNodeListener` for Express and Fastify).
 * It answers what the Koa router answers, errors included.
 */
export function createScimHandler(options: ScimOptions): ScimFetchHandler {
  const mount = scimMount(options);
  const dispatch = scimDispatcher(mount);
  return async (request) => {
    const url = new URL(request.url);
    const requestId = requestIdFrom(request.headers.get("x-request-id"));
    const scimBaseUrl = (mount.publicUrl ?? url.origin) + mount.basePath;
    // Made only when something is logged: most requests never log.
    let log: ScimLogger | undefined;
    const logOf = () => {
      log ??= withLogFields(mount.logger, { requestId });
      return log;
    };
    const declared = Number(request.headers.get("content-length") ?? Number.NaN);
    const input = (pathParams: Readonly<Record<string, string>>): OperationInput => ({
      method: request.method,
      path: url.pathname,
      header: (name) => request.headers.get(name) || undefined,
      pathParams,
      query: url.searchParams,
      body: () => ({
        declaredLength: Number.isFinite(declared) ? declared : undefined,
        chunks: request.body,
      }),
      requestId,
      get log() {
        return logOf();
      },
      scimBaseUrl,
    });
    const output = await dispatch({ method: request.method, path: url.pathname, log: logOf, input });
    return toResponse(output, request.method, requestId);
  };
}
