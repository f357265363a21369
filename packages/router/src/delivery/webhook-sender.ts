import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { performance } from "node:perf_hooks";
import { Webhook } from "standardwebhooks";
import { isPrivateAddress, PrivateAddressError, publicOnlyLookup } from "./private-address.js";

/*
 * One delivery attempt (Standard Webhooks,
 * https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md): a POST
 * of the stored event body, signed. node:http rather than fetch, so the connection's address can be
 * checked (private-address.ts) and redirects are never followed.
 */

/** What one attempt sends. */
export interface WebhookMessage {
  readonly url: string;
  /** The event's id: the `webhook-id`, the same on every attempt. */
  readonly eventId: string;
  /** The stored event (`StoredEvent.body`), sent byte for byte. */
  readonly body: string;
  /** The `whsec_` secrets to sign with: the current one, then any still in a rotation's overlap. */
  readonly secrets: readonly string[];
  /** The attempt's time, the `webhook-timestamp`. */
  readonly at: Date;
}

/** How an attempt is made. */
export interface SendOptions {
  /** Refuse loopback, private, link-local and other non-public addresses (private-address.ts). */
  readonly blockPrivate?: boolean;
  /** The whole attempt's limit, connection to last byte read; 10 s by default. */
  readonly timeoutMs?: number;
  /** At most this much of the response is read, then the connection is dropped; 64 KiB by default. */
  readonly maxResponseBytes?: number;
  readonly userAgent?: string;
}

/** An attempt's outcome. Never carries a secret or the response body. */
export interface SendResult {
  /** The response's status; null when there was none (timeout, connection error, refused address). */
  readonly status: number | null;
  readonly latencyMs: number;
  /** Why the attempt did not deliver, in words; null on a 2xx. */
  readonly error: string | null;
  /** The response's `Retry-After`, for the retry schedule. */
  readonly retryAfter: string | null;
}

export const DEFAULT_SEND_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
export const WEBHOOK_USER_AGENT = "scimkit-webhooks/1";

/**
 * The `webhook-signature` header: `v1,<base64>` per secret (the `standardwebhooks` package signs
 * `{id}.{timestamp}.{body}`), separated by spaces, so a receiver holding either secret of a
 * rotation verifies it.
 */
export function webhookSignature(
  eventId: string,
  at: Date,
  body: string,
  secrets: readonly string[],
): string {
  return secrets.map((secret) => new Webhook(secret).sign(eventId, at, body)).join(" ");
}

/** The headers of an attempt. */
export function webhookHeaders(
  message: WebhookMessage,
  userAgent = WEBHOOK_USER_AGENT,
): Record<string, string> {
  const { eventId, at, body, secrets } = message;
  return {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body, "utf8")),
    "user-agent": userAgent,
    "webhook-id": eventId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": webhookSignature(eventId, at, body, secrets),
  };
}

/** A failure without a response, in words (node's error codes; never anything the request carried). */
function connectionError(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (error instanceof PrivateAddressError) return error.message;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "host not found";
  if (code === "ECONNRESET") return "connection reset";
  const text = typeof message === "string" ? message : "unknown error";
  return `${typeof code === "string" ? `${code}: ` : ""}${text}`.slice(0, 300);
}

function statusError(status: number): string | null {
  if (status >= 200 && status < 300) return null;
  if (status >= 300 && status < 400) return `redirect not followed (HTTP ${status})`;
  return `HTTP ${status}`;
}

/** A URL the sender may try, or why not (before any connection is made). */
function target(url: string, blockPrivate: boolean): URL | string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "the URL is not valid";
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return "the URL is not http or https";
  // An IP literal is connected to without a lookup, so it is checked here. (URL has already
  // normalised the other IPv4 spellings, `0x7f000001`, `2130706433`, `127.1`, to dotted form.)
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  const refused = blockPrivate && isIP(host) !== 0 && isPrivateAddress(host);
  return refused ? new PrivateAddressError(host).message : parsed;
}

type Outcome = Omit<SendResult, "latencyMs">;

/**
 * Connections kept open between attempts to the same receiver (a backlog is thousands of POSTs to
 * one URL; a TCP and TLS handshake each would be most of the work). With `blockPrivate` the agents'
 * `lookup` refuses a private address whenever a new connection is made, so a pooled connection was
 * checked when it was opened.
 */
const agents = {
  open: { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) },
  publicOnly: {
    http: new HttpAgent({ keepAlive: true, lookup: publicOnlyLookup }),
    https: new HttpsAgent({ keepAlive: true, lookup: publicOnlyLookup }),
  },
};

const noResponse = (error: string): Outcome => ({ status: null, error, retryAfter: null });

function fromResponse(res: IncomingMessage): Outcome {
  const status = res.statusCode ?? null;
  const retryAfter = res.headers["retry-after"];
  return {
    status,
    error: status === null ? "no status" : statusError(status),
    retryAfter: typeof retryAfter === "string" ? retryAfter : null,
  };
}

/** POSTs and settles once: on the response's end, its size limit, an error or the timeout. */
function post(url: URL, message: WebhookMessage, options: SendOptions): Promise<Outcome> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  return new Promise((resolve) => {
    let response: IncomingMessage | undefined;
    let settled = false;
    // Once the status is in, the receiver has answered: a slow or broken body does not undo that.
    // A response read to its end leaves the connection to the agent for the next attempt; any
    // other ending (timeout, size limit, error) closes it.
    const finish = (failure: string, ended = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(response ? fromResponse(response) : noResponse(failure));
      if (!ended) req.destroy();
    };
    const https = url.protocol === "https:";
    const pool = options.blockPrivate ? agents.publicOnly : agents.open;
    const req: ClientRequest = (https ? httpsRequest : httpRequest)(url, {
      method: "POST",
      headers: webhookHeaders(message, options.userAgent),
      agent: https ? pool.https : pool.http,
    });
    const timer = setTimeout(() => finish(`timed out after ${timeoutMs} ms`), timeoutMs);
    req.on("error", (error) => finish(connectionError(error)));
    req.on("response", (res) => {
      response = res;
      let read = 0;
      // The body is never kept; reading it lets the receiver finish. Past the limit, stop.
      res.on("data", (chunk: Buffer) => {
        read += chunk.length;
        if (read >= maxBytes) finish("");
      });
      res.on("end", () => finish("", true));
      for (const end of ["error", "close"]) res.on(end, () => finish(""));
    });
    req.end(message.body, "utf8");
  });
}

/**
 * Makes one attempt: POSTs the body with the Standard Webhooks headers, reads at most
 * `maxResponseBytes` of the answer, follows no redirect, and gives up after `timeoutMs` in all.
 * Never throws: every failure is a result.
 */
export async function sendWebhook(message: WebhookMessage, options: SendOptions = {}): Promise<SendResult> {
  const started = performance.now();
  const url = target(message.url, options.blockPrivate ?? false);
  const outcome = typeof url === "string" ? noResponse(url) : await post(url, message, options);
  return { ...outcome, latencyMs: Math.round(performance.now() - started) };
}
