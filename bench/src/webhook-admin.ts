// The admin calls the webhook scenarios make on the server's `/api/webhooks` (spec/openapi.yaml,
// admin-scoped token): register the receiver as the tenant's endpoint, disable and enable it, and
// count its deliveries by state. Each call is checked for its status, so a broken set-up stops the run.

/** The server's origin and its admin token (printed on a new database's first start). */
export interface AdminTarget {
  readonly origin: string;
  readonly token: string;
}

async function adminCall(
  target: AdminTarget,
  method: "GET" | "POST" | "PATCH",
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${target.origin}${path}`, {
    method,
    headers: { authorization: `Bearer ${target.token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

function expect(
  result: { status: number; json: unknown },
  wanted: number,
  what: string,
): Record<string, unknown> {
  const { status, json } = result;
  if (status !== wanted || typeof json !== "object" || json === null) {
    throw new Error(`${what} answered ${status}, expected ${wanted}: ${JSON.stringify(json).slice(0, 300)}`);
  }
  return json as Record<string, unknown>;
}

/**
 * Registers `url` as an endpoint for every event type and returns its id; `undefined` when the
 * server has no `/api/webhooks` (404: a commit from before webhooks, the A/B's base).
 */
export async function addEndpoint(target: AdminTarget, url: string): Promise<string | undefined> {
  const result = await adminCall(target, "POST", "/api/webhooks", { url, description: "bench receiver" });
  if (result.status === 404) return undefined;
  const { id } = expect(result, 201, "POST /api/webhooks");
  if (typeof id !== "string") throw new Error("POST /api/webhooks returned no id");
  return id;
}

/** Disables or enables the endpoint (`PATCH /api/webhooks/{id} {enabled}`). */
export async function setEndpointEnabled(target: AdminTarget, id: string, enabled: boolean): Promise<void> {
  expect(
    await adminCall(target, "PATCH", `/api/webhooks/${id}`, { enabled }),
    200,
    "PATCH /api/webhooks/{id}",
  );
}

/** The endpoint's deliveries in `state` (all of them without one), as the deliveries page counts them. */
export async function countDeliveries(
  target: AdminTarget,
  id: string,
  state?: "pending" | "delivered" | "failed",
): Promise<number> {
  const query = `count=1${state === undefined ? "" : `&state=${state}`}`;
  const page = expect(
    await adminCall(target, "GET", `/api/webhooks/${id}/deliveries?${query}`),
    200,
    "GET /api/webhooks/{id}/deliveries",
  );
  if (typeof page.totalResults !== "number") throw new Error("the deliveries page has no totalResults");
  return page.totalResults;
}
