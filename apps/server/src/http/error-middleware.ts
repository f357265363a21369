import { ScimError } from "@scimkit/core";
import { scimErrorOutput, toScimError } from "@scimkit/router";
import { isTransientDatabaseError } from "@scimkit/store-kysely";
import type { Context, Next } from "koa";
import type { Logger } from "pino";

/**
 * First in the chain: every error below it becomes an RFC 7644 §3.12 body in
 * `application/scim+json` (router 404 and 405 included), mapped as the SCIM routes map theirs
 * (@scimkit/router's toScimError), with a busy database as 503. A 500 is logged with its cause;
 * the client sees a generic detail. A request that reaches no route gets a SCIM 404 too.
 */
export function errorMiddleware(logger: Logger) {
  return async function scimErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw ScimError.noSuchEndpoint(ctx.method, ctx.path);
    } catch (caught) {
      const error = isTransientDatabaseError(caught)
        ? ScimError.unavailable("The database is busy; retry the request in a moment.")
        : toScimError(caught, ctx.method, ctx.path);
      const log = (ctx.state.log as Logger | undefined) ?? logger;
      if (error.status >= 500) log.error({ err: caught }, "request failed");
      const output = scimErrorOutput(error);
      ctx.status = output.status;
      for (const [name, value] of Object.entries(output.headers)) ctx.set(name, value);
      ctx.type = output.contentType ?? "";
      ctx.body = output.body;
    }
  };
}
