import { ScimError } from "@scimkit/core";
import { isTransientDatabaseError } from "@scimkit/store-kysely";
import type { Context, Next } from "koa";
import type { Logger } from "pino";
import { SCIM_CONTENT_TYPE } from "./media-type.js";

/** Errors other middleware raises with an HTTP status (koa's ctx.throw, http-errors). */
interface HttpErrorLike {
  readonly status: number;
  readonly expose?: boolean;
  readonly message: string;
}

function isHttpError(error: unknown): error is HttpErrorLike {
  return typeof error === "object" && error !== null && "status" in error && typeof error.status === "number";
}

/** Maps anything thrown below it to a ScimError; what is not a client's fault becomes a generic 500. */
export function toScimError(error: unknown, method: string, path: string): ScimError {
  if (error instanceof ScimError) return error;
  if (isTransientDatabaseError(error))
    return ScimError.unavailable("The database is busy; retry the request in a moment.");
  if (isHttpError(error)) {
    if (error.status === 404) return ScimError.noSuchEndpoint(method, path);
    if (error.status === 405) return ScimError.methodNotAllowed(method, path);
    if (error.status === 413) return ScimError.payloadTooLarge(0);
    if (error.status === 501) return ScimError.notImplemented(`${method} is not implemented.`);
    if (error.status === 400 && error.expose === true) return ScimError.invalidSyntax(error.message);
  }
  return ScimError.internal();
}

/**
 * First in the chain: every error becomes an RFC 7644 §3.12 body in `application/scim+json`,
 * including the router's 404 and 405. A 500 is logged with its cause; the client sees a
 * generic detail. A request that reaches no route gets a SCIM 404 too.
 */
export function errorMiddleware(logger: Logger) {
  return async function scimErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw ScimError.noSuchEndpoint(ctx.method, ctx.path);
    } catch (caught) {
      const error = toScimError(caught, ctx.method, ctx.path);
      const log = (ctx.state.log as Logger | undefined) ?? logger;
      if (error.status >= 500) log.error({ err: caught }, "request failed");
      ctx.status = error.status;
      ctx.type = SCIM_CONTENT_TYPE;
      ctx.body = error.toBody();
      if (error.status === 401) ctx.set("WWW-Authenticate", 'Bearer realm="scim"');
      if (error.status === 503) ctx.set("Retry-After", "1");
    }
  };
}
