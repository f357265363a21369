import type Router from "@koa/router";
import { ScimError } from "@scimkit/core";
import { type OperationId, operations, SCIM_MEDIA_TYPE } from "@scimkit/types";
import type { Context } from "koa";
import type { Principal, TokenScope } from "../auth/principal.js";
import { readJsonObject } from "./json-body.js";
import { isAcceptedRequestMediaType, SCIM_CONTENT_TYPE } from "./media-type.js";
import { containsNul } from "./nul-character.js";
import { parseParameters } from "./params.js";
import type { RateDecision } from "./rate-limit.js";
import type { HandlerRequest, Handlers, RequestContext } from "./route-types.js";

/** What the operation layer needs from the app. */
export interface OperationDeps {
  /** Resolves the bearer token of a request to its principal, or throws a 401/403 ScimError. */
  readonly authenticate: (authorization: string | undefined, scope: TokenScope) => Promise<Principal>;
  readonly bodyLimitBytes: number;
  readonly scimBaseUrl: string;
  /** Takes one request from the token's budget (rate-limit.ts); absent means no limit. */
  readonly rateLimit?: { take(tokenId: string): RateDecision };
}

type AnyRequest = HandlerRequest<OperationId>;
type AnyContext = Omit<RequestContext<OperationId>, "principal"> & {
  readonly principal: Principal | undefined;
};
type AnyResult = { status: number; body?: unknown; headers?: Readonly<Record<string, string>> };
type AnyHandler = (request: AnyRequest, context: AnyContext) => Promise<AnyResult>;

/** `/Users/{id}` → `/Users/:id` for @koa/router (path-to-regexp). */
function routerPath(basePath: string, path: string): string {
  return basePath + path.replace(/\{([^}]+)\}/g, ":$1").replace(/\./g, "\\.");
}

/**
 * Registers one route per operation of spec/openapi.yaml. Each route authenticates when the
 * spec's security requires it, checks parameters and the body's media type against the spec,
 * reads the JSON body, and writes the handler's declared status, headers and body.
 */
export function mountOperations(router: Router, handlers: Handlers, deps: OperationDeps): void {
  for (const id of Object.keys(operations) as OperationId[]) {
    const meta = operations[id];
    // One cast, here: the map is indexed by a union of ids; each entry was checked against its own id.
    const handler = handlers[id] as unknown as AnyHandler;
    router.register(
      routerPath(meta.basePath, meta.path),
      [meta.method.toUpperCase()],
      async (ctx: Context) => {
        const principal =
          meta.scope === null
            ? undefined
            : await deps.authenticate(ctx.get("authorization") || undefined, meta.scope);
        const decision = principal === undefined ? undefined : deps.rateLimit?.take(principal.tokenId);
        if (decision !== undefined && !decision.allowed) {
          ctx.set("Retry-After", String(decision.retryAfter));
          throw ScimError.tooManyRequests(
            `This token sent more requests than its limit allows; retry after ${decision.retryAfter} s.`,
          );
        }
        // An id holding U+0000 names no resource (and PostgreSQL cannot even look it up): 404.
        if (containsNul(ctx.params)) throw ScimError.noSuchEndpoint(ctx.method, ctx.path);
        const params = parseParameters(meta.parameters, {
          path: ctx.params as Record<string, string | undefined>,
          query: new URLSearchParams(ctx.querystring),
          header: (name) => ctx.get(name) || undefined,
        });
        let body: unknown;
        if (meta.hasBody) {
          const contentType = ctx.get("content-type") || undefined;
          if (!isAcceptedRequestMediaType(contentType))
            throw ScimError.unsupportedMediaType(contentType ?? "");
          body = await readJsonObject(ctx.req, deps.bodyLimitBytes);
        }
        const request = {
          path: params.path,
          query: params.query,
          headers: params.headers,
          body,
        } as AnyRequest;
        const context: AnyContext = {
          requestId: ctx.state.requestId as string,
          get log() {
            return ctx.state.log as AnyContext["log"];
          },
          principal,
          scimBaseUrl: deps.scimBaseUrl,
        };
        const result = await handler(request, context);
        ctx.status = result.status;
        for (const [name, value] of Object.entries(result.headers ?? {})) ctx.set(name, value);
        if (result.body !== undefined) {
          ctx.body = result.body;
          ctx.type = meta.responseMediaType === SCIM_MEDIA_TYPE ? SCIM_CONTENT_TYPE : "application/json";
        }
      },
    );
  }
}
