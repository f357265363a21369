import { type ScimErrorBody, type ScimType, ScimUrn } from "@scimkit/types";

/** The HTTP statuses a SCIM error may carry (RFC 7644 §3.12, plus the HTTP statuses an endpoint may answer). */
export type ScimErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 429 | 500 | 501 | 503;

/**
 * The one error type of scimkit (RFC 7644 §3.12). Build it only through the static
 * factories, so a status and a `scimType` are always paired as the RFC defines.
 */
export class ScimError extends Error {
  override readonly name = "ScimError";

  private constructor(
    readonly status: ScimErrorStatus,
    readonly detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }

  /** 400 invalidFilter: the filter syntax or a compared attribute is invalid (RFC 7644 §3.4.2.2). */
  static invalidFilter(detail: string): ScimError {
    return new ScimError(400, detail, "invalidFilter");
  }
  /** 400 tooMany: the query would return more results than the server processes (RFC 7644 §3.4.2.2). */
  static tooMany(detail: string): ScimError {
    return new ScimError(400, detail, "tooMany");
  }
  /** 409 uniqueness: a `uniqueness` attribute value is already taken (RFC 7644 §3.3, §3.12). */
  static uniqueness(detail: string): ScimError {
    return new ScimError(409, detail, "uniqueness");
  }
  /** 409 without a scimType: the request conflicts with the resource's state, not with a unique value (RFC 7644 §3.12). */
  static conflict(detail: string): ScimError {
    return new ScimError(409, detail);
  }
  /** 400 mutability: the change is not allowed by the attribute's mutability (RFC 7644 §3.5.2). */
  static mutability(detail: string): ScimError {
    return new ScimError(400, detail, "mutability");
  }
  /** 400 invalidSyntax: the request body is not a valid SCIM message (RFC 7644 §3.12). */
  static invalidSyntax(detail: string): ScimError {
    return new ScimError(400, detail, "invalidSyntax");
  }
  /** 400 invalidPath: a PATCH path is malformed or names no attribute (RFC 7644 §3.5.2). */
  static invalidPath(detail: string): ScimError {
    return new ScimError(400, detail, "invalidPath");
  }
  /** 400 noTarget: a PATCH path or filter matched nothing (RFC 7644 §3.5.2). */
  static noTarget(detail: string): ScimError {
    return new ScimError(400, detail, "noTarget");
  }
  /** 400 invalidValue: a required value is missing or a value has the wrong type (RFC 7644 §3.12). */
  static invalidValue(detail: string): ScimError {
    return new ScimError(400, detail, "invalidValue");
  }
  /** 400 invalidVers: the SCIM protocol version is not supported (RFC 7644 §3.12). */
  static invalidVers(detail: string): ScimError {
    return new ScimError(400, detail, "invalidVers");
  }
  /** 400 sensitive: the request would put sensitive data in the URI (RFC 7644 §7.5.2). */
  static sensitive(detail: string): ScimError {
    return new ScimError(400, detail, "sensitive");
  }
  /** 401: no credentials, or credentials the server does not accept (RFC 7644 §3.12). */
  static unauthorized(detail = "A valid bearer token is required."): ScimError {
    return new ScimError(401, detail);
  }
  /** 403: the client may not perform this operation (RFC 7644 §3.12). */
  static forbidden(detail: string): ScimError {
    return new ScimError(403, detail);
  }
  /** 404: the resource or endpoint does not exist (RFC 7644 §3.12). */
  static notFound(resourceType: string, id: string): ScimError {
    return new ScimError(404, `${resourceType} ${JSON.stringify(id)} not found.`);
  }
  /** 404 for a request path the server does not serve. */
  static noSuchEndpoint(method: string, path: string): ScimError {
    return new ScimError(404, `No endpoint ${method} ${path}.`);
  }
  /** 405: the endpoint does not support the HTTP method. */
  static methodNotAllowed(method: string, path: string): ScimError {
    return new ScimError(405, `${method} is not allowed on ${path}.`);
  }
  /** 412: the resource has changed since the version in If-Match (RFC 7644 §3.14). */
  static preconditionFailed(detail: string): ScimError {
    return new ScimError(412, detail);
  }
  /** 413: the request body exceeds the server's limit (RFC 7644 §3.12). */
  static payloadTooLarge(limitBytes: number): ScimError {
    return new ScimError(413, `The request body exceeds the limit of ${limitBytes} bytes.`);
  }
  /** 415: the request body's media type is not one the server reads (RFC 7644 §3.1). */
  static unsupportedMediaType(contentType: string): ScimError {
    return new ScimError(
      415,
      `Content-Type ${JSON.stringify(contentType)} is not supported; send application/scim+json.`,
    );
  }
  /** 429: rate limited (RFC 6585 §4). */
  static tooManyRequests(detail: string): ScimError {
    return new ScimError(429, detail);
  }
  /** 500: an unexpected fault. The detail is generic on purpose; the cause is logged, not returned. */
  static internal(): ScimError {
    return new ScimError(500, "An unexpected error occurred.");
  }
  /** 501: the operation is not supported by this service provider (RFC 7644 §3.12). */
  static notImplemented(detail: string): ScimError {
    return new ScimError(501, detail);
  }
  /** 503: the service is temporarily unable to answer. */
  static unavailable(detail: string): ScimError {
    return new ScimError(503, detail);
  }

  /**
   * The same error (status and `scimType`, so still a pair a factory made) with another detail,
   * e.g. prefixed with where it happened (`Operations[1]: …`).
   */
  withDetail(detail: string): ScimError {
    return new ScimError(this.status, detail, this.scimType);
  }

  /** The RFC 7644 §3.12 error message: `status` as a string, `scimType` only when defined. */
  toBody(): ScimErrorBody {
    return {
      schemas: [ScimUrn.Error],
      status: String(this.status),
      ...(this.scimType === undefined ? {} : { scimType: this.scimType }),
      detail: this.detail,
    };
  }
}
