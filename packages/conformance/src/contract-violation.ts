/**
 * What is wrong with a response, measured against spec/openapi.yaml:
 * - `unknown-operation`: no operation of the spec matches the request's method and path, and the
 *   response is not the 404/405 an unknown route legitimately gets;
 * - `undeclared-status`: the operation declares no response for the status;
 * - `content-type`: the Content-Type is not a media type the response declares;
 * - `unexpected-body`: a body on a response that declares none (204, 304, or no `content`);
 * - `missing-body`: no body where the response declares content;
 * - `invalid-json`: a JSON media type whose body does not parse;
 * - `schema`: the body fails the response's JSON Schema.
 */
export type ContractViolationKind =
  | "unknown-operation"
  | "undeclared-status"
  | "content-type"
  | "unexpected-body"
  | "missing-body"
  | "invalid-json"
  | "schema";

/** One way a response departs from the OpenAPI contract (RFC 7644 as written in spec/openapi.yaml). */
export interface ContractViolation {
  readonly kind: ContractViolationKind;
  /** The operation the request was matched to; undefined for `unknown-operation`. */
  readonly operationId: string | undefined;
  readonly status: number;
  /** What is wrong; for `schema`, one message per Ajv error (`/totalResults must be integer`), at most 5 and a count. */
  readonly messages: readonly string[];
  /** The request method, set by the checked fetch (a bare `checkResponse` has no request). */
  readonly method?: string;
  /** The request URL, set by the checked fetch. */
  readonly url?: string;
}

/**
 * One line for a test failure:
 * `POST http://127.0.0.1:1234/scim/v2/Users → 200 createUser undeclared-status: status 200 is not declared (201, 400, …)`.
 */
export function formatContractViolation(violation: ContractViolation): string {
  const request = violation.method === undefined ? "" : `${violation.method} ${violation.url ?? ""} → `;
  const operation = violation.operationId ?? "(no operation)";
  return `${request}${violation.status} ${operation} ${violation.kind}: ${violation.messages.join("; ")}`;
}
