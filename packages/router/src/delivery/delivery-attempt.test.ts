import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { endpointFixture } from "../contract/webhooks-fixtures.js";
import type { WebhookEndpoint } from "../ports/webhooks-port.js";
import { attemptOutcome, endpointAfterAttempt, signingSecrets } from "./delivery-attempt.js";
import { defaultRetrySchedule } from "./retry-schedule.js";
import { createSecretBox } from "./secret-box.js";

const at = new Date("2030-01-01T12:00:00.000Z");
const iso = (ms: number) => new Date(at.getTime() + ms).toISOString();
const hour = 3_600_000;

/** An endpoint of every type, made two days ago, without secrets (a case adds its own). */
const endpoint: WebhookEndpoint = {
  ...endpointFixture("ep1", "0", { tenantId: "t1" }),
  eventTypes: null,
  secrets: [],
  createdAt: iso(-48 * hour),
  updatedAt: iso(-48 * hour),
};

describe("endpointAfterAttempt", () => {
  it.each([
    [
      "a success leaves a clean record alone",
      { given: { failingSince: null }, delivered: true, want: undefined },
    ],
    [
      "a success clears the failure record",
      {
        given: { failingSince: iso(-hour) },
        delivered: true,
        want: { failingSince: null, updatedAt: iso(0) },
      },
    ],
    [
      "a first failure starts the record",
      { given: { failingSince: null }, delivered: false, want: { failingSince: iso(0), updatedAt: iso(0) } },
    ],
    [
      "a failure within the limit changes nothing",
      { given: { failingSince: iso(-23 * hour) }, delivered: false, want: undefined },
    ],
    [
      "a failure at the limit disables the endpoint",
      {
        given: { failingSince: iso(-24 * hour) },
        delivered: false,
        want: { enabled: false, disabledReason: "failing", updatedAt: iso(0) },
      },
    ],
    [
      "a disabled endpoint is not disabled again",
      { given: { failingSince: iso(-30 * hour), enabled: false }, delivered: false, want: undefined },
    ],
  ] as const)("%s", (_name, { given, delivered, want }) => {
    expect(endpointAfterAttempt({ ...endpoint, ...given }, delivered, at, 24 * hour)).toEqual(want);
  });
});

describe("attemptOutcome", () => {
  const half = () => 0.5;

  it.each([
    [
      "a 2xx is delivered",
      { result: { status: 200, latencyMs: 12, error: null, retryAfter: null }, attempts: 1 },
      { kind: "delivered", at: iso(0), status: 200, latencyMs: 12 },
    ],
    [
      "a 500 is retried on the schedule",
      { result: { status: 500, latencyMs: 9, error: "HTTP 500", retryAfter: null }, attempts: 2 },
      { kind: "retry", at: iso(0), nextAttemptAt: iso(30_000), status: 500, latencyMs: 9, error: "HTTP 500" },
    ],
    [
      "a timeout is retried without a status or latency",
      { result: { status: null, latencyMs: 10_000, error: "timed out", retryAfter: null }, attempts: 1 },
      {
        kind: "retry",
        at: iso(0),
        nextAttemptAt: iso(5_000),
        status: null,
        latencyMs: null,
        error: "timed out",
      },
    ],
    [
      "a 404 is given up on attempt 3",
      { result: { status: 404, latencyMs: 3, error: "HTTP 404", retryAfter: null }, attempts: 3 },
      { kind: "failed", at: iso(0), nextAttemptAt: null, status: 404, latencyMs: 3, error: "HTTP 404" },
    ],
  ] as const)("%s", (_name, { result, attempts }, want) => {
    expect(attemptOutcome(result, attempts, at, half, defaultRetrySchedule)).toEqual(want);
  });
});

describe("signingSecrets", () => {
  const box = createSecretBox(new Uint8Array(randomBytes(32)));
  const secret = (name: string, expiresAt: string | null) => ({
    sealed: box.seal(name),
    createdAt: iso(-hour),
    expiresAt,
  });

  it("opens the current secret and those still in their overlap, in order", () => {
    const secrets = [
      secret("whsec_new", null),
      secret("whsec_old", iso(60_000)),
      secret("whsec_gone", iso(0)),
    ];
    expect(signingSecrets({ ...endpoint, secrets }, at, box)).toEqual(["whsec_new", "whsec_old"]);
  });

  it("throws on a secret sealed under another key", () => {
    const other = createSecretBox(new Uint8Array(randomBytes(32)));
    const secrets = [{ sealed: other.seal("whsec_x"), createdAt: iso(0), expiresAt: null }];
    expect(() => signingSecrets({ ...endpoint, secrets }, at, box)).toThrow();
  });
});
