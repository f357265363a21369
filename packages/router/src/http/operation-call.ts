import { ScimError } from "@scimkit/core";
import { type OperationId, operations, SCIM_MEDIA_TYPE } from "@scimkit/types";
import type { Principal, TokenScope } from "../auth/principal.js";
import { type BodySource, readJsonObject } from "./json-body.js";
import { isAcceptedRequestMediaType, SCIM_CONTENT_TYPE } from "./media-type.js";
import { containsNul } from "./nul-character.js";
import { parseParameters } from "./params.js";
import type { RateDecision } from "./rate-limit.js";
import type { HandlerMap, HandlerRequest, RequestContext, ScimLogger } from "./route-types.js";

/** A request as every framework can describe it: what `authenticate` sees. */
export interface ScimRequestHead {
  readonly method: string;
  /** The path as requested, e.g. `/scim/v2/Users/42`. */
  readonly path: string;
  /** A request header by its (case-insensitive) name; undefined when absent or empty. */
  header(name: string): string | undefined;
}

/** Resolves a request to its principal, or throws a 401 or 403 ScimError. */
export type Authenticate = (request: ScimRequestHead, scope: TokenScope) => Promise<Principal>;

/** What calling an operation needs from the host. */
export interface OperationDeps {
  readonly authenticate: Authenticate;
  readonly bodyLimitBytes: number;
  /** Takes one request from the actor's budget (rate-limit.ts); absent means no limit. */
  readonly rateLimit?: { take(key: string): RateDecision };
}

/** One request to one operation: its head, the path captures, the query, the body and the request's frame. */
export interface OperationInput extends ScimRequestHead {
  readonly pathParams: Readonly<Record<string, string | undefined>>;
  readonly query: URLSearchParams;
  readonly body: () => BodySource;
  readonly requestId: string;
  readonly log: ScimLogger;
  /** The absolute URL of the SCIM base, for `meta.location` (RFC 7643 §3.1). */
  readonly scimBaseUrl: string;
}

/** What to write back: status, headers, and a JSON body with its content type. */
export interface OperationOutput {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly contentType?: string;
}

type AnyRequest = HandlerRequest<OperationId>;
type AnyContext = Omit<RequestContext<OperationId>, "principal"> & {
  readonly principal: Principal | undefined;
};
type AnyResult = { status: number; body?: unknown; headers?: Readonly<Record<string, string>> };
type AnyHandler = (request: AnyRequest, context: AnyContext) => Promise<AnyResult>;

/**
 * The handler of operation `id` in `handlers` as one signature. The only cast of the layer: the
 * map is indexed by a union of ids, and each entry was checked against its own id.
 */
export function handlerOf<Ids extends OperationId>(handlers: HandlerMap<Ids>, id: Ids): AnyHandler {
  return handlers[id] as unknown as AnyHandler;
}

/** The principal with what events need of this request: the actor's kind (by scope, unless set) and the SCIM base. */
function withRequestActor(principal: Principal, scope: TokenScope, input: OperationInput): Principal {
  return {
    ...principal,
    actorKind: principal.actorKind ?? (scope === "scim" ? "token" : "app"),
    scimBaseUrl: input.scimBaseUrl,
  };
}

/**
 * Calls one operation of spec/openapi.yaml the way the spec declares it: authenticates when the
 * spec's security requires it (with the scope it names), takes the actor's rate budget, checks
 * the parameters and the body's media type, reads the JSON body, and returns the handler's
 * declared status, headers and body. Errors are thrown as ScimError (errorOutput writes them).
 */
export async function callOperation(
  id: OperationId,
  handler: AnyHandler,
  input: OperationInput,
  deps: OperationDeps,
): Promise<OperationOutput> {
  const meta = operations[id];
  const principal =
    meta.scope === null
      ? undefined
      : withRequestActor(await deps.authenticate(input, meta.scope), meta.scope, input);
  const decision = principal === undefined ? undefined : deps.rateLimit?.take(principal.actor);
  if (decision !== undefined && !decision.allowed) {
    const error = ScimError.tooManyRequests(
      `This token sent more requests than its limit allows; retry after ${decision.retryAfter} s.`,
    );
    return {
      status: error.status,
      headers: { "Retry-After": String(decision.retryAfter) },
      body: error.toBody(),
      contentType: SCIM_CONTENT_TYPE,
    };
  }
  // An id holding U+0000 names no resource (and PostgreSQL cannot even look it up): 404.
  if (containsNul(input.pathParams)) throw ScimError.noSuchEndpoint(input.method, input.path);
  const params = parseParameters(meta.parameters, {
    path: input.pathParams,
    query: input.query,
    header: (name) => input.header(name),
  });
  let body: unknown;
  if (meta.hasBody) {
    const contentType = input.header("content-type");
    if (!isAcceptedRequestMediaType(contentType)) throw ScimError.unsupportedMediaType(contentType ?? "");
    body = await readJsonObject(input.body(), deps.bodyLimitBytes);
  }
  const request = { path: params.path, query: params.query, headers: params.headers, body } as AnyRequest;
  const context: AnyContext = {
    requestId: input.requestId,
    log: input.log,
    principal,
    scimBaseUrl: input.scimBaseUrl,
  };
  const result = await handler(request, context);
  return {
    status: result.status,
    headers: result.headers ?? {},
    ...(result.body === undefined
      ? {}
      : {
          body: result.body,
          contentType: meta.responseMediaType === SCIM_MEDIA_TYPE ? SCIM_CONTENT_TYPE : "application/json",
        }),
  };
}
