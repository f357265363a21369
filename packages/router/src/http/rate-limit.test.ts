import { describe, expect, it } from "vitest";
import { tokenBuckets } from "./rate-limit.js";

function clock() {
  let ms = 0;
  return {
    now: () => ms,
    advance: (by: number) => {
      ms += by;
    },
  };
}

describe("tokenBuckets", () => {
  it("allows a burst, then refuses with the seconds until one request fits again", () => {
    const time = clock();
    const limiter = tokenBuckets({ perSecond: 2, burst: 3 }, time.now);
    expect([1, 2, 3].map(() => limiter.take("a").allowed)).toEqual([true, true, true]);
    expect(limiter.take("a")).toEqual({ allowed: false, retryAfter: 1 });
    time.advance(500);
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
  });

  it("keeps one bucket per token, so one token's burst never limits another", () => {
    const time = clock();
    const limiter = tokenBuckets({ perSecond: 1, burst: 1 }, time.now);
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
    expect(limiter.take("b").allowed).toBe(true);
  });

  it("rounds Retry-After up to whole seconds for slow rates", () => {
    const time = clock();
    const limiter = tokenBuckets({ perSecond: 0.1, burst: 1 }, time.now);
    limiter.take("a");
    expect(limiter.take("a")).toEqual({ allowed: false, retryAfter: 10 });
  });

  it("sustains the configured rate over time and never exceeds burst plus refill", () => {
    const time = clock();
    const limiter = tokenBuckets({ perSecond: 100, burst: 10 }, time.now);
    let allowed = 0;
    for (let step = 0; step < 1000; step++) {
      if (limiter.take("a").allowed) allowed++;
      time.advance(2);
    }
    // 2 seconds at 100/s plus the initial burst of 10.
    expect(allowed).toBeLessThanOrEqual(210);
    expect(allowed).toBeGreaterThanOrEqual(200);
  });

  it("is off when the rate is 0", () => {
    const limiter = tokenBuckets({ perSecond: 0, burst: 0 });
    expect(Array.from({ length: 100 }, () => limiter.take("a").allowed).every(Boolean)).toBe(true);
  });
});
