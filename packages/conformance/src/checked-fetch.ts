import type { ContractViolation } from "./contract-violation.js";
import type { SpecContract } from "./spec-contract.js";

/** Options of {@link createCheckedFetch}. */
export interface CheckedFetchOptions {
  /** The fetch that sends the requests; `globalThis.fetch` by default. */
  readonly fetch?: typeof fetch;
  /** Called with each violation as it is recorded; throw from it to fail the call at once. */
  readonly onViolation?: (violation: ContractViolation) => void;
  /** Replaces the path of the spec's SCIM base URL (`/scim/v2`); see {@link SpecContract.matchOperation}. */
  readonly basePath?: string;
}

/** A fetch that checks every response against the contract, and what it found. */
export interface CheckedFetch {
  /** Sends like `fetch`, checks the response, and returns it unread. */
  readonly fetch: typeof fetch;
  /** Every violation so far, in order; tests assert it is empty. */
  readonly violations: ContractViolation[];
}

/** What an unknown route legitimately answers (RFC 9110 §15.5.5, §15.5.6). */
const UNKNOWN_ROUTE_STATUSES: ReadonlySet<number> = new Set([404, 405]);

/** Method and URL of either call form: `fetch(request)` (openapi-fetch) or `fetch(url, init)`. */
function requestLine(input: string | URL | Request, init: RequestInit | undefined) {
  const isRequest = typeof input !== "string" && !(input instanceof URL);
  const method = init?.method ?? (isRequest ? input.method : "GET");
  return { method: method.toUpperCase(), url: isRequest ? input.url : String(input) };
}

/**
 * Wraps `fetch` so that every response is checked against the OpenAPI contract: the request is
 * matched to its operation, and the status, Content-Type and body are judged by
 * {@link SpecContract.checkResponse}. A request that matches no operation is an `unknown-operation`
 * violation unless it got 404 or 405. The body is read from a clone, so the caller still reads the
 * returned response. Works as the `fetch` of `createScimClient` from @scimkit/client.
 *
 * @example
 * const checked = createCheckedFetch(loadSpecContract());
 * const client = createScimClient({ baseUrl, token, fetch: checked.fetch });
 * // … calls …
 * expect(checked.violations.map(formatContractViolation)).toEqual([]);
 */
export function createCheckedFetch(contract: SpecContract, options: CheckedFetchOptions = {}): CheckedFetch {
  const violations: ContractViolation[] = [];
  // Looked up per call, and called as a function rather than a detached method.
  const send: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const record = (violation: ContractViolation): void => {
    violations.push(violation);
    options.onViolation?.(violation);
  };

  const checkedFetch: typeof fetch = async (input, init) => {
    const { method, url } = requestLine(input, init);
    const response = await send(input, init);
    const status = response.status;
    const match = contract.matchOperation(method, url, options.basePath);
    if (match === undefined) {
      if (!UNKNOWN_ROUTE_STATUSES.has(status)) {
        const { pathname } = new URL(url, "http://localhost/");
        const messages = [`no operation of the spec matches ${method} ${pathname}`];
        record({ kind: "unknown-operation", operationId: undefined, status, messages, method, url });
      }
      return response;
    }
    const body = await response.clone().text();
    const contentType = response.headers.get("content-type");
    for (const violation of contract.checkResponse(match.operationId, { status, contentType, body })) {
      record({ ...violation, method, url });
    }
    return response;
  };
  return { fetch: checkedFetch, violations };
}
