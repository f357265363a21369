/** The per-token request budget: a sustained rate and the burst allowed on top of it. */
export interface RateLimit {
  /** Requests per second a token may sustain; 0 turns the limit off. */
  readonly perSecond: number;
  /** How many requests a token may send at once after being idle (the bucket's size). */
  readonly burst: number;
}

/** The answer for one request: go on, or wait this many whole seconds (the `Retry-After` value). */
export type RateDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfter: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets idle this long are full again and are forgotten. */
const FORGET_AFTER_MS = 60_000;

/**
 * Token buckets kept in memory, one per bearer token (keyed by the token's id, so only
 * authenticated callers have buckets and a client cannot make the map grow). A request costs no
 * database work. Each instance keeps its own buckets: with N instances behind a load balancer a
 * token may reach N times the rate.
 */
export function tokenBuckets(limit: RateLimit, now: () => number = () => performance.now()) {
  const buckets = new Map<string, Bucket>();
  let lastSweep = now();

  function sweep(at: number): void {
    if (at - lastSweep < FORGET_AFTER_MS) return;
    lastSweep = at;
    for (const [key, bucket] of buckets) if (at - bucket.at > FORGET_AFTER_MS) buckets.delete(key);
  }

  return {
    /** Takes one request from `key`'s bucket. */
    take(key: string): RateDecision {
      if (limit.perSecond <= 0) return { allowed: true };
      const at = now();
      sweep(at);
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at };
      const refilled = Math.min(limit.burst, bucket.tokens + ((at - bucket.at) / 1000) * limit.perSecond);
      if (refilled >= 1) {
        buckets.set(key, { tokens: refilled - 1, at });
        return { allowed: true };
      }
      buckets.set(key, { tokens: refilled, at });
      return { allowed: false, retryAfter: Math.max(1, Math.ceil((1 - refilled) / limit.perSecond)) };
    },
  };
}
