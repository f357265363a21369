import { describe, expect, it } from "vitest";
import { median, summarize } from "./latency-summary.js";

describe("summarize", () => {
  it.each([
    ["no latencies", { given: [], want: { count: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 } }],
    ["one latency", { given: [7], want: { count: 1, p50Ms: 7, p95Ms: 7, p99Ms: 7, maxMs: 7 } }],
    [
      "1 to 100 in reverse",
      {
        given: Array.from({ length: 100 }, (_, i) => 100 - i),
        want: { count: 100, p50Ms: 50, p95Ms: 95, p99Ms: 99, maxMs: 100 },
      },
    ],
  ] as const)("gives nearest-rank percentiles of %s", (_name, { given, want }) => {
    expect(summarize(given)).toEqual(want);
  });

  it("leaves its input as it was", () => {
    const given = [3, 1, 2];
    summarize(given);
    expect(given).toEqual([3, 1, 2]);
  });
});

describe("median", () => {
  it.each([
    ["none", { given: [], want: 0 }],
    ["an odd count", { given: [5, 1, 3], want: 3 }],
    ["an even count", { given: [4, 1, 3, 2], want: 2.5 }],
  ] as const)("of %s", (_name, { given, want }) => {
    expect(median(given)).toBe(want);
  });
});
