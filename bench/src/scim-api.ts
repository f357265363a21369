// The few plain HTTP calls the bench makes outside the measured load: counting, sampling, the
// group set-up. Each call is checked for its expected status, so a broken set-up stops the run.

/** Where the reference server's SCIM API is, and the token to call it with. */
export interface ScimTarget {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly token: string;
}

/** Base path of the SCIM API on the reference server. */
export const SCIM_BASE_PATH = "/scim/v2";

/** A response as the bench needs it. */
export interface ScimResponse {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** Sends one request to the SCIM API and fails unless the status is `expected`. */
export async function scimCall(
  target: ScimTarget,
  method: "GET" | "POST" | "PATCH",
  path: string,
  expected: number,
  body?: unknown,
): Promise<ScimResponse> {
  const response = await fetch(`${target.origin}${SCIM_BASE_PATH}${path}`, {
    method,
    headers: { authorization: `Bearer ${target.token}`, "content-type": "application/scim+json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(120_000),
  });
  const text = await response.text();
  if (response.status !== expected) {
    throw new Error(
      `${method} ${path} answered ${response.status}, expected ${expected}: ${text.slice(0, 500)}`,
    );
  }
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", text };
}

/** `GET` a JSON document from the SCIM API (status 200). */
export async function scimGetJson(target: ScimTarget, path: string): Promise<unknown> {
  return JSON.parse((await scimCall(target, "GET", path, 200)).text);
}
