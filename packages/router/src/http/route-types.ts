import type { OperationId, OperationIdTagged, OperationTypes, operations } from "@scimkit/types";
import type { Principal } from "../auth/principal.js";

/**
 * Handler types keyed by the spec's operationIds. A handler map must name every
 * operation of its part of spec/openapi.yaml, each handler may answer only a status the spec declares
 * for its operation, and the body must have that status's schema; anything else is a
 * `pnpm typecheck` error (see test/route-types.test-d.ts).
 */
type Op<K extends OperationId> = OperationTypes[K];
type Part<P, Where extends string> = P extends { [W in Where]?: infer T }
  ? [T] extends [never]
    ? undefined
    : T
  : undefined;
type Defined<T> = [T] extends [undefined] ? Record<string, never> : NonNullable<T>;

/** The path parameters of operation K, checked against the spec before the handler runs. */
export type PathParams<K extends OperationId> = Defined<Part<Op<K>["parameters"], "path">>;
/** The query parameters of operation K, parsed and checked against the spec before the handler runs. */
export type QueryParams<K extends OperationId> = Defined<Part<Op<K>["parameters"], "query">>;
/** The header parameters of operation K (absent headers are undefined). */
export type HeaderParams<K extends OperationId> = Defined<Part<Op<K>["parameters"], "header">>;

/** A JSON object as parsed from a request body. Its SCIM shape is established by the core validator. */
export type JsonObject = { readonly [key: string]: unknown };

/** The request body schema the spec declares for operation K (what a validator must produce). */
export type DeclaredRequestBody<K extends OperationId> = Op<K>["requestBody"] extends { content: infer C }
  ? C[keyof C]
  : undefined;

/**
 * The body a handler receives: the layer guarantees a JSON object (not yet the schema's
 * shape, which SCIM's case-insensitive attribute names keep JSON Schema from checking),
 * so the type says only what is true.
 */
export type RequestBody<K extends OperationId> =
  DeclaredRequestBody<K> extends undefined ? undefined : JsonObject;

type Responses<K extends OperationId> = Op<K>["responses"];
type ContentOf<R> = R extends { content: infer C } ? C[keyof C] : undefined;

/** One declared outcome of operation K: a status from the spec with that status's body. */
export type HandlerResult<K extends OperationId> = {
  [S in keyof Responses<K>]: ContentOf<Responses<K>[S]> extends undefined
    ? { status: S; body?: undefined; headers?: Readonly<Record<string, string>> }
    : { status: S; body: ContentOf<Responses<K>[S]>; headers?: Readonly<Record<string, string>> };
}[keyof Responses<K>];

/** Whether the spec requires a bearer token for operation K. */
type Authenticated<K extends OperationId> = (typeof operations)[K]["authenticated"];

/**
 * The structured logger handlers write to (pino's `Logger` is one): an object of fields, then a
 * message. Fields never carry a token or a password.
 */
export interface ScimLogger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/** `logger` with `fields` (e.g. the request id) added to every line it writes. */
export function withLogFields(logger: ScimLogger, fields: object): ScimLogger {
  return {
    info: (more, message) => logger.info({ ...fields, ...more }, message),
    warn: (more, message) => logger.warn({ ...fields, ...more }, message),
    error: (more, message) => logger.error({ ...fields, ...more }, message),
  };
}

/** What the server knows of the request beyond its parameters. */
export interface RequestContext<K extends OperationId> {
  readonly requestId: string;
  readonly log: ScimLogger;
  /** The tenant and token the bearer token identified; present exactly when the spec requires a token. */
  readonly principal: Authenticated<K> extends true ? Principal : undefined;
  /** The absolute URL of the SCIM base, for `meta.location` (RFC 7643 §3.1). */
  readonly scimBaseUrl: string;
}

/** The typed request a handler receives. */
export interface HandlerRequest<K extends OperationId> {
  readonly path: PathParams<K>;
  readonly query: QueryParams<K>;
  readonly headers: HeaderParams<K>;
  readonly body: RequestBody<K>;
}

/** A handler for operation K. Errors are thrown as `ScimError`. */
export type Handler<K extends OperationId> = (
  request: HandlerRequest<K>,
  context: RequestContext<K>,
) => Promise<HandlerResult<K>>;

/** One handler for each operation of `Ids`: a map missing one, or answering another's way, does not typecheck. */
export type HandlerMap<Ids extends OperationId> = { [K in Ids]: Handler<K> };

/** The operations the library serves: those the spec tags Users, Groups or Discovery (RFC 7644 §3, §4). */
export type ScimOperationId = OperationIdTagged<"Users" | "Groups" | "Discovery">;

/** One handler per SCIM operation of the spec (Users, Groups, Discovery). */
export type ScimHandlers = HandlerMap<ScimOperationId>;

/** A subset of a handler map, as one feature folder provides it. */
export type HandlerGroup<Ids extends OperationId> = HandlerMap<Ids>;
