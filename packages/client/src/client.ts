import { type paths, SCIM_MEDIA_TYPE } from "@scimkit/types";
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { type RetryOptions, type ScimFetch, withRetry } from "./retry.js";

/**
 * A typed SCIM client: openapi-fetch over the scimkit contract's `paths`. Paths are relative to the
 * SCIM base URL (RFC 7644 §1.3), and each call returns openapi-fetch's `{ data, error, response }`.
 */
export type ScimClient = Client<paths>;

/** Options of {@link createScimClient}. */
export interface ScimClientOptions {
  /** The SCIM base URL, e.g. `https://idp.example.com/scim/v2` (RFC 7644 §1.3). */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer <token>` (RFC 7644 §2, RFC 6750). */
  readonly token: string;
  /** The fetch to send requests with; `globalThis.fetch` by default. */
  readonly fetch?: ScimFetch;
  /** Retrying of 429 and 503 answers; `false` turns it off. See {@link RetryOptions}. */
  readonly retry?: RetryOptions | false;
  /** Extra headers for every request; they take precedence over the defaults above. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Aborts every request of this client, in flight or waiting to retry (until the answer's headers
   * arrive; a call's own `signal` also covers reading the body). Like retry, it lives in the client's
   * fetch, so a call that passes its own `fetch` bypasses it.
   */
  readonly signal?: AbortSignal;
}

/**
 * openapi-fetch sets base headers on every request, but Content-Type belongs only on those with a
 * body. Content-Type is a base header, so it overrides openapi-fetch's `application/json` default
 * while a per-request header still overrides it; this middleware removes it when there is no body.
 */
const contentTypeOnlyWithBody: Middleware = {
  onRequest({ request }) {
    if (request.body === null) request.headers.delete("Content-Type");
  },
};

/**
 * Creates a typed SCIM 2.0 client (RFC 7644) for Node and browsers. Every request carries
 * `Authorization: Bearer <token>` and `Accept: application/scim+json` (RFC 7644 §3.8); requests with
 * a body carry `Content-Type: application/scim+json`. 429 and 503 answers are retried (see
 * {@link RetryOptions}) unless `retry` is `false` or a call passes its own `fetch`.
 *
 * @example
 * const client = createScimClient({ baseUrl: "https://idp.example.com/scim/v2", token });
 * const { data, error } = await client.GET("/Users/{id}", { params: { path: { id } } });
 */
export function createScimClient(options: ScimClientOptions): ScimClient {
  // Looked up per call, and called as a function rather than a detached method.
  const send: ScimFetch = options.fetch ?? ((request) => globalThis.fetch(request));
  const retry = options.retry === false ? { retries: 0 } : options.retry;
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: withRetry(send, retry, options.signal),
    headers: {
      Authorization: `Bearer ${options.token}`,
      Accept: SCIM_MEDIA_TYPE,
      "Content-Type": SCIM_MEDIA_TYPE,
      ...options.headers,
    },
  });
  client.use(contentTypeOnlyWithBody);
  return client;
}
