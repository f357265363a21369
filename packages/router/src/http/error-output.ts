import { ScimError } from "@scimkit/core";
import { SCIM_CONTENT_TYPE } from "./media-type.js";
import type { OperationOutput } from "./operation-call.js";
import type { ScimLogger } from "./route-types.js";

/** Errors other layers raise with an HTTP status (koa's ctx.throw, http-errors). */
interface HttpErrorLike {
  readonly status: number;
  readonly expose?: boolean;
  readonly message: string;
}

function isHttpError(error: unknown): error is HttpErrorLike {
  return typeof error === "object" && error !== null && "status" in error && typeof error.status === "number";
}

/**
 * Maps anything thrown while answering a request to a ScimError: a ScimError as it is, a
 * framework's HTTP error by its status, and anything else, which is not the client's fault, to a
 * generic 500.
 */
export function toScimError(error: unknown, method: string, path: string): ScimError {
  if (error instanceof ScimError) return error;
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
 * The RFC 7644 §3.12 error response for a ScimError: its body in `application/scim+json`, with
 * `WWW-Authenticate` on 401 (RFC 6750 §3) and `Retry-After` on 503.
 */
export function scimErrorOutput(
  error: ScimError,
  headers: Readonly<Record<string, string>> = {},
): OperationOutput {
  return {
    status: error.status,
    headers: {
      ...headers,
      ...(error.status === 401 ? { "WWW-Authenticate": 'Bearer realm="scim"' } : {}),
      ...(error.status === 503 ? { "Retry-After": "1" } : {}),
    },
    body: error.toBody(),
    contentType: SCIM_CONTENT_TYPE,
  };
}

/** The response for anything thrown while answering `method path`; a 500 is logged with its cause. */
export function errorOutput(caught: unknown, method: string, path: string, log: ScimLogger): OperationOutput {
  const error = toScimError(caught, method, path);
  if (error.status >= 500) log.error({ err: caught }, "request failed");
  return scimErrorOutput(error);
}
