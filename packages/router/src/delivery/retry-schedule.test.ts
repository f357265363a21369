import { describe, expect, it } from "vitest";
import {
  defaultRetrySchedule,
  isRetryable,
  nextStep,
  parseRetryAfter,
  type RetrySchedule,
  retryDelayMs,
} from "./retry-schedule.js";

const now = new Date("2025-01-01T00:00:00Z");
const middle = () => 0.5;
const s = 1000;
const min = 60 * s;
const hour = 60 * min;

describe("retryDelayMs", () => {
  it.each([
    ["after attempt 1", { given: 1, want: 5 * s }],
    ["after attempt 2", { given: 2, want: 30 * s }],
    ["after attempt 3", { given: 3, want: 2 * min }],
    ["after attempt 4", { given: 4, want: 10 * min }],
    ["after attempt 5", { given: 5, want: hour }],
    ["hourly after that", { given: 6, want: hour }],
    ["hourly for ever", { given: 500, want: hour }],
  ])("waits the documented time %s", (_name, { given, want }) => {
    expect(retryDelayMs(given, middle)).toBe(want);
  });

  it.each([1, 2, 3, 4, 5, 9])("keeps the jitter within ±20 %% after attempt %i", (attempts) => {
    const base = retryDelayMs(attempts, middle);
    const lowest = retryDelayMs(attempts, () => 0);
    const highest = retryDelayMs(attempts, () => 0.999999);
    expect(lowest).toBe(Math.round(base * 0.8));
    expect(highest).toBeLessThanOrEqual(Math.round(base * 1.2));
    expect(highest).toBeGreaterThan(base);
    for (let i = 0; i < 50; i += 1) {
      const delay = retryDelayMs(attempts, Math.random);
      expect(delay).toBeGreaterThanOrEqual(lowest);
      expect(delay).toBeLessThanOrEqual(Math.round(base * 1.2));
    }
  });
});

describe("isRetryable", () => {
  it.each([
    ["no response", { given: null, want: true }],
    ["500", { given: 500, want: true }],
    ["503", { given: 503, want: true }],
    ["408", { given: 408, want: true }],
    ["429", { given: 429, want: true }],
    ["400", { given: 400, want: false }],
    ["404", { given: 404, want: false }],
    ["410", { given: 410, want: false }],
    ["a redirect", { given: 302, want: false }],
  ])("%s", (_name, { given, want }) => {
    expect(isRetryable(given)).toBe(want);
  });
});

describe("parseRetryAfter", () => {
  it.each([
    ["delay-seconds", { given: "120", want: 120 * s }],
    ["zero seconds", { given: "0", want: 0 }],
    ["an HTTP-date", { given: "Wed, 01 Jan 2025 00:10:00 GMT", want: 10 * min }],
    ["an HTTP-date in the past", { given: "Tue, 31 Dec 2024 23:00:00 GMT", want: 0 }],
    ["absent", { given: undefined, want: undefined }],
    ["empty", { given: "", want: undefined }],
    ["a negative number", { given: "-5", want: undefined }],
    ["a fraction", { given: "1.5", want: undefined }],
    ["words", { given: "soon", want: undefined }],
  ])("reads %s", (_name, { given, want }) => {
    expect(parseRetryAfter(given, now)).toBe(want);
  });
});

describe("nextStep", () => {
  it.each([
    ["a 200 is delivered", { given: { status: 200 }, attempts: 1, want: { kind: "delivered" } }],
    ["a 204 is delivered", { given: { status: 204 }, attempts: 7, want: { kind: "delivered" } }],
    ["a 500 is retried", { given: { status: 500 }, attempts: 1, want: { kind: "retry", delayMs: 5 * s } }],
    [
      "a 500 is retried for ever",
      { given: { status: 500 }, attempts: 90, want: { kind: "retry", delayMs: hour } },
    ],
    [
      "a timeout is retried",
      { given: { status: null }, attempts: 2, want: { kind: "retry", delayMs: 30 * s } },
    ],
    [
      "a 400 is retried at first",
      { given: { status: 400 }, attempts: 2, want: { kind: "retry", delayMs: 30 * s } },
    ],
    ["a 400 fails on attempt 3", { given: { status: 400 }, attempts: 3, want: { kind: "failed" } }],
    ["a redirect fails on attempt 3", { given: { status: 301 }, attempts: 3, want: { kind: "failed" } }],
    [
      "a 429's Retry-After is honoured",
      { given: { status: 429, retryAfter: "90" }, attempts: 1, want: { kind: "retry", delayMs: 90 * s } },
    ],
    [
      "a Retry-After is capped at an hour",
      { given: { status: 503, retryAfter: "86400" }, attempts: 1, want: { kind: "retry", delayMs: hour } },
    ],
    [
      "an HTTP-date Retry-After is capped at an hour",
      {
        given: { status: 503, retryAfter: "Thu, 02 Jan 2025 00:00:00 GMT" },
        attempts: 1,
        want: { kind: "retry", delayMs: hour },
      },
    ],
    [
      "a Retry-After shorter than the schedule does not hurry it",
      { given: { status: 503, retryAfter: "1" }, attempts: 3, want: { kind: "retry", delayMs: 2 * min } },
    ],
  ] as const)("%s", (_name, { given, attempts, want }) => {
    expect(nextStep(given, attempts, now, middle)).toEqual(want);
  });

  it("follows a schedule passed in", () => {
    const fast: RetrySchedule = {
      ...defaultRetrySchedule,
      delaysMs: [10, 20],
      jitter: 0,
      clientErrorAttempts: 1,
    };
    expect(nextStep({ status: 500 }, 1, now, Math.random, fast)).toEqual({ kind: "retry", delayMs: 10 });
    expect(nextStep({ status: 500 }, 4, now, Math.random, fast)).toEqual({ kind: "retry", delayMs: 20 });
    expect(nextStep({ status: 404 }, 1, now, Math.random, fast)).toEqual({ kind: "failed" });
  });
});
