import { SCIM_TYPES, type ScimErrorBody, type ScimType, ScimUrn } from "@scimkit/types";

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isScimType(value: unknown): value is ScimType {
  return SCIM_TYPES.some((t) => t === value);
}

/**
 * Reads a SCIM Error message (RFC 7644 §3.12) out of a parsed response body. A body counts as one when
 * its `schemas` lists the Error URN, or — for servers that leave `schemas` out — when its `status`
 * equals the HTTP status. Unknown `scimType` values and non-string `detail` are dropped, so the
 * result always satisfies {@link ScimErrorBody}.
 */
export function parseScimErrorBody(body: unknown, httpStatus: number): ScimErrorBody | undefined {
  if (!isRecord(body)) return undefined;
  const { schemas, status, scimType, detail } = body;
  const hasErrorUrn = Array.isArray(schemas) && schemas.includes(ScimUrn.Error);
  const statusMatches = String(status) === String(httpStatus);
  if (!hasErrorUrn && !statusMatches) return undefined;
  return {
    schemas: [ScimUrn.Error],
    status: typeof status === "string" || typeof status === "number" ? String(status) : String(httpStatus),
    ...(isScimType(scimType) ? { scimType } : {}),
    ...(typeof detail === "string" ? { detail } : {}),
  };
}

/**
 * An HTTP error answer from a SCIM service provider (RFC 7644 §3.12), thrown by the convenience
 * helpers (pagination, lookups, {@link dataOrThrow}); raw client calls return it as `error` instead.
 * `status` is the HTTP status; `scimType`, `detail` and `body` come from the SCIM Error message when
 * the server sent one, else they are undefined.
 */
export class ScimClientError extends Error {
  override readonly name = "ScimClientError";
  /** The HTTP status of the response. */
  readonly status: number;
  /** The `scimType` of the error message, when present (RFC 7644 §3.12 Table 9). */
  declare readonly scimType?: ScimType;
  /** The human-readable `detail` of the error message, when present. */
  declare readonly detail?: string;
  /** The parsed SCIM Error message, when the server sent one. */
  declare readonly body?: ScimErrorBody;

  constructor(status: number, body?: ScimErrorBody, options?: ErrorOptions) {
    const reason = [body?.scimType, body?.detail].filter((s) => s !== undefined).join(": ");
    super(`SCIM request failed with HTTP ${status}${reason === "" ? "" : ` (${reason})`}`, options);
    this.status = status;
    if (body !== undefined) {
      this.body = body;
      if (body.scimType !== undefined) this.scimType = body.scimType;
      if (body.detail !== undefined) this.detail = body.detail;
    }
  }

  /** Builds the error from a non-2xx response and its parsed body (openapi-fetch's `error`). */
  static fromResponse(response: Response, errorBody: unknown): ScimClientError {
    return new ScimClientError(response.status, parseScimErrorBody(errorBody, response.status));
  }
}

/** The shape of an openapi-fetch result: `data` or `error`, and the `response`. */
export interface FetchResult<Data> {
  readonly data?: Data;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * Returns the `data` of a raw client call, or throws {@link ScimClientError} when the response status
 * is not 2xx (RFC 7644 §3.12).
 *
 * @example const user = dataOrThrow(await client.GET("/Users/{id}", { params: { path: { id } } }));
 */
export function dataOrThrow<Data>(result: FetchResult<Data>): Data {
  if (!result.response.ok) throw ScimClientError.fromResponse(result.response, result.error);
  // Typed as openapi-fetch types a success: `data` is undefined only for bodiless 2xx answers
  // (204, Content-Length: 0), which a caller of a bodiless operation does not read.
  return result.data as Data;
}
