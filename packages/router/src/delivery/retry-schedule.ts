/*
 * When a failed delivery is tried again, and when it is given up. Pure: the worker passes the
 * attempt's outcome, the time and a random source in.
 */

/** The retry policy of webhook deliveries (docs/events.md). */
export interface RetrySchedule {
  /** The wait before attempt 2, 3, …; after the last entry, that entry again (hourly). */
  readonly delaysMs: readonly number[];
  /** Each wait is spread by up to this fraction either way, so retries of many deliveries do not bunch. */
  readonly jitter: number;
  /** A receiver's `Retry-After` is honoured up to this wait. */
  readonly retryAfterCapMs: number;
  /** A response that will not change by retrying (3xx, 4xx but 408 and 429) fails after this many attempts. */
  readonly clientErrorAttempts: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** 5 s, 30 s, 2 min, 10 min, 1 h, then hourly; ±20 %; `Retry-After` up to 1 h; other 4xx thrice. */
export const defaultRetrySchedule: RetrySchedule = {
  delaysMs: [5 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE, HOUR],
  jitter: 0.2,
  retryAfterCapMs: HOUR,
  clientErrorAttempts: 3,
};

/** One attempt's result as the schedule needs it: the status (null: no response) and `Retry-After`. */
export interface AttemptResult {
  readonly status: number | null;
  readonly retryAfter?: string | null;
}

/** What follows an attempt. */
export type NextStep =
  | { readonly kind: "delivered" }
  | { readonly kind: "retry"; readonly delayMs: number }
  | { readonly kind: "failed" };

/** Whether a response acknowledges the event: any 2xx (Standard Webhooks). */
export function isDelivered(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}

/**
 * Whether trying again may help: no response (a timeout or a connection error), a 5xx, 408 Request
 * Timeout or 429 Too Many Requests (RFC 9110 §15.5.9, RFC 6585 §4). A 3xx (redirects are not
 * followed) or another 4xx is the receiver's answer to this request and is not expected to change.
 */
export function isRetryable(status: number | null): boolean {
  return status === null || status >= 500 || status === 408 || status === 429;
}

/**
 * A `Retry-After` value (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) as milliseconds from
 * `now`; undefined when absent or unreadable. A date in the past is 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * SECOND;
  // An HTTP-date names its weekday; this also keeps bare numbers with signs or fractions out.
  if (!/^[A-Za-z]{3},/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** The scheduled wait after attempt number `attempts` (1 = the first), jittered by `random()` ∈ [0, 1). */
export function retryDelayMs(
  attempts: number,
  random: () => number,
  schedule = defaultRetrySchedule,
): number {
  const { delaysMs, jitter } = schedule;
  const base = delaysMs[Math.min(Math.max(attempts, 1), delaysMs.length) - 1] ?? HOUR;
  return Math.round(base * (1 + jitter * (2 * random() - 1)));
}

/**
 * What to do after attempt number `attempts`: done on a 2xx; retry a retryable failure, no sooner
 * than its `Retry-After` (up to the cap); retry another failure until `clientErrorAttempts`, then fail.
 */
export function nextStep(
  result: AttemptResult,
  attempts: number,
  now: Date,
  random: () => number,
  schedule = defaultRetrySchedule,
): NextStep {
  if (isDelivered(result.status)) return { kind: "delivered" };
  if (!isRetryable(result.status) && attempts >= schedule.clientErrorAttempts) return { kind: "failed" };
  const scheduled = retryDelayMs(attempts, random, schedule);
  const asked = parseRetryAfter(result.retryAfter, now);
  const delayMs =
    asked === undefined ? scheduled : Math.max(scheduled, Math.min(asked, schedule.retryAfterCapMs));
  return { kind: "retry", delayMs };
}
