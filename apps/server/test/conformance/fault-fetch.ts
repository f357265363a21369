import { ScimUrn } from "@scimkit/types";

/**
 * Ways a SCIM server gets things wrong, each one a bug seen in real services:
 * - `create-answers-200`: `POST /Users` answers 200 instead of 201 Created (RFC 7644 §3.3);
 * - `drops-schemas`: responses lack `schemas` (RFC 7643 §3, RFC 7644 §3.4.2, §3.12);
 * - `ignores-filter`: a `filter` on a Users list is ignored, so every user comes back (RFC 7644 §3.4.2.2);
 * - `accepts-username-change`: a change of the immutable userName is silently dropped and the
 *   request answered 200, where the scimkit policy wants `400 mutability` (RFC 7644 §3.5.1);
 * - `total-results-off-by-one`: `totalResults` of a ListResponse is one too many (RFC 7644 §3.4.2).
 */
export type Fault =
  | "create-answers-200"
  | "drops-schemas"
  | "ignores-filter"
  | "accepts-username-change"
  | "total-results-off-by-one";

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A copy of the response with another status and/or body (Content-Length dropped: the body changed). */
function rebuild(response: Response, body: string | null, status = response.status): Response {
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(status === 204 || status === 304 ? null : body, {
    status,
    statusText: response.statusText,
    headers,
  });
}

/** Rewrites a JSON object body with `edit`; other bodies pass unchanged. */
async function editJsonBody(response: Response, edit: (body: JsonObject) => JsonObject): Promise<Response> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return rebuild(response, text === "" ? null : text);
  }
  return rebuild(response, JSON.stringify(isObject(body) ? edit(body) : body));
}

/** The SCIM path of a request: `/Users/123` of `http://host/scim/v2/Users/123`. */
function scimPath(request: Request): string {
  return new URL(request.url).pathname.replace(/^.*\/scim\/v2/, "");
}

function isUserPath(path: string): boolean {
  return /^\/Users\/[^/.][^/]*$/.test(path);
}

/**
 * `accepts-username-change`: the server ignores writes to userName — it reads the user and puts its
 * current userName back into the PUT body or the PATCH operations, so it sees no change and answers
 * 200 with the unchanged user (what services that "ignore read-only fields" do).
 */
async function keepUserName(request: Request, send: typeof fetch): Promise<Request> {
  if (!isUserPath(scimPath(request)) || !["PUT", "PATCH"].includes(request.method)) return request;
  const body: unknown = await request
    .clone()
    .json()
    .catch(() => undefined);
  if (!isObject(body)) return request;
  const current = await send(request.url, {
    headers: { authorization: request.headers.get("authorization") ?? "" },
  });
  const existing: unknown = await current.json().catch(() => undefined);
  if (!current.ok || !isObject(existing) || typeof existing.userName !== "string") return request;
  const userName = existing.userName;
  const withName = (value: unknown) =>
    isObject(value) && "userName" in value ? { ...value, userName } : value;
  const edited =
    request.method === "PUT"
      ? withName(body)
      : {
          ...body,
          Operations: (Array.isArray(body.Operations) ? body.Operations : []).map((op: unknown) => {
            if (!isObject(op)) return op;
            if (typeof op.path === "string" && op.path.toLowerCase() === "username")
              return { ...op, value: userName };
            return op.path === undefined ? { ...op, value: withName(op.value) } : op;
          }),
        };
  return new Request(request, { body: JSON.stringify(edited) });
}

/** The request as the faulty server "sees" it. */
async function rewriteRequest(fault: Fault, request: Request, send: typeof fetch): Promise<Request> {
  const path = scimPath(request);
  if (fault === "ignores-filter" && request.method === "GET" && path === "/Users") {
    const url = new URL(request.url);
    url.searchParams.delete("filter");
    return new Request(url, request);
  }
  if (fault === "ignores-filter" && request.method === "POST" && path === "/Users/.search") {
    const body: unknown = await request
      .clone()
      .json()
      .catch(() => undefined);
    if (!isObject(body)) return request;
    const { filter: _ignored, ...rest } = body;
    return new Request(request, { body: JSON.stringify(rest) });
  }
  if (fault === "accepts-username-change") return keepUserName(request, send);
  return request;
}

/** The response as the faulty server sends it. */
async function rewriteResponse(fault: Fault, request: Request, response: Response): Promise<Response> {
  if (fault === "create-answers-200" && request.method === "POST" && scimPath(request) === "/Users") {
    return response.status === 201 ? rebuild(response, await response.text(), 200) : response;
  }
  if (fault === "drops-schemas") {
    return editJsonBody(response, ({ schemas: _dropped, ...rest }) => rest);
  }
  if (fault === "total-results-off-by-one") {
    return editJsonBody(response, (body) =>
      Array.isArray(body.schemas) &&
      body.schemas.includes(ScimUrn.ListResponse) &&
      typeof body.totalResults === "number"
        ? { ...body, totalResults: body.totalResults + 1 }
        : body,
    );
  }
  return response;
}

/**
 * A `fetch` that makes a correct server look broken in one way (see {@link Fault}), by rewriting
 * the request it sends or the response it returns. Pass it as `runSuites`' `fetch`: the kit must
 * then fail.
 */
export function faultyFetch(
  fault: Fault,
  send: typeof fetch = (input, init) => fetch(input, init),
): typeof fetch {
  return async (input, init) => {
    const request = await rewriteRequest(fault, new Request(input, init), send);
    return rewriteResponse(fault, request, await send(request));
  };
}
