import { linkSignals, sleep } from "./abort.js";

/** A `fetch` that takes a `Request`, as openapi-fetch calls it. */
export type ScimFetch = (request: Request) => Promise<Response>;

/** Why a retry happens, passed to {@link RetryOptions.onRetry}. */
export interface RetryEvent {
  /** 1 for the first retry. */
  readonly retry: number;
  /** The wait before it, after capping at `maxDelayMs`. */
  readonly delayMs: number;
  /** 429 or 503. */
  readonly status: number;
  readonly request: Request;
}

/**
 * Retrying of 429 Too Many Requests (RFC 6585 §4) and 503 Service Unavailable (RFC 9110 §15.6.4).
 * The wait is the answer's `Retry-After` (RFC 9110 §10.2.3, delta-seconds or HTTP-date), else an
 * exponential backoff with full jitter; either is capped at `maxDelayMs`.
 */
export interface RetryOptions {
  /** Retries after the first try; 0 turns retrying off. Default 3. */
  readonly retries?: number;
  /** Backoff step without Retry-After: the n-th retry waits up to `baseDelayMs * 2^(n-1)`. Default 500. */
  readonly baseDelayMs?: number;
  /**
   * Cap on any one wait, a Retry-After included: a server asking for longer is retried after
   * `maxDelayMs`, so a caller's latency stays bounded. Default 30 000.
   */
  readonly maxDelayMs?: number;
  /** Called before each wait, e.g. for logging or metrics. */
  readonly onRetry?: (event: RetryEvent) => void;
}

const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 503]);
const DEFAULTS = { retries: 3, baseDelayMs: 500, maxDelayMs: 30_000 } as const;

function nonNegative(name: string, value: number, integer: boolean): number {
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new TypeError(`retry.${name} must be a non-negative ${integer ? "integer" : "number"}`);
  }
  return value;
}

/**
 * Milliseconds a `Retry-After` value asks for (RFC 9110 §10.2.3), or undefined when it is absent or
 * unreadable. A date in the past means 0.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const text = value?.trim() ?? "";
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // HTTP-date; the letter test keeps Date.parse's leniency from reading numbers like "1.5" as dates.
  const date = /[A-Za-z]/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait before retry number `retry` (1-based), capped at `maxDelayMs`. */
export function retryDelayMs(
  retryAfter: string | null,
  retry: number,
  policy: { readonly baseDelayMs: number; readonly maxDelayMs: number },
  now: number = Date.now(),
  random: () => number = Math.random,
): number {
  const asked = parseRetryAfter(retryAfter, now);
  const backoff = () =>
    Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1)));
  return Math.min(policy.maxDelayMs, asked ?? backoff());
}

/**
 * Wraps `fetchFn` so that 429 and 503 answers are retried (see {@link RetryOptions}).
 *
 * It wraps fetch rather than being openapi-fetch middleware because middleware sees one request
 * and one response and cannot send again; and a Request body is a stream that can be read once, so
 * each try sends a `clone()` of the untouched original (the last possible try sends the original).
 * The request's signal and `signal` (the client's) both abort a try in flight and a wait at once,
 * rejecting with the signal's reason (an `AbortError` by default), as fetch itself does.
 */
export function withRetry(fetchFn: ScimFetch, options: RetryOptions = {}, signal?: AbortSignal): ScimFetch {
  const retries = nonNegative("retries", options.retries ?? DEFAULTS.retries, true);
  const policy = {
    baseDelayMs: nonNegative("baseDelayMs", options.baseDelayMs ?? DEFAULTS.baseDelayMs, false),
    maxDelayMs: nonNegative("maxDelayMs", options.maxDelayMs ?? DEFAULTS.maxDelayMs, false),
  };
  const send = async (request: Request, aborter: AbortSignal, linked: boolean): Promise<Response> => {
    for (let retry = 0; ; retry++) {
      aborter.throwIfAborted();
      const last = retry >= retries;
      const attempt = last ? request : request.clone();
      const response = await fetchFn(linked ? new Request(attempt, { signal: aborter }) : attempt);
      if (last || !RETRY_STATUSES.has(response.status)) return response;
      const delayMs = retryDelayMs(response.headers.get("Retry-After"), retry + 1, policy);
      options.onRetry?.({ retry: retry + 1, delayMs, status: response.status, request });
      // Cancel the unread body so that the connection is released before the wait.
      await response.body?.cancel().catch(() => undefined);
      await sleep(delayMs, aborter);
    }
  };
  return async (request) => {
    if (signal === undefined) return send(request, request.signal, false);
    // The long-lived client signal is unlinked once the answer's headers are in, so that it does not
    // retain every request; the request's own signal stays linked and still covers reading the body.
    const { signal: aborter, unlink } = linkSignals([request.signal, signal]);
    try {
      return await send(request, aborter, true);
    } finally {
      unlink(signal);
    }
  };
}
