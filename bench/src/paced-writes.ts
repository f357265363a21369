import { performance } from "node:perf_hooks";
import { type LatencySummary, summarize } from "./latency-summary.js";
import { sleep } from "./processes.js";
import { newUserBody } from "./request-plans.js";
import { SCIM_BASE_PATH, type ScimTarget } from "./scim-api.js";

// A steady write rate for the delivery latency scenario: `POST /Users` and `PATCH /Users/{id}`
// alternately, each started at its time on a fixed schedule whether or not the previous one has
// answered (an open loop, so a slow answer delays no later write). Sent from the orchestrator:
// at a rate far below saturation the requests cost it little, and autocannon has no schedule.

const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const MAX_ERROR_SAMPLES = 3;

/** The schedule and what it writes. */
export interface PacedWritesOptions {
  readonly target: ScimTarget;
  /** Writes per second, POSTs and PATCHes together. */
  readonly rate: number;
  readonly seconds: number;
  /** Users a PATCH picks from at random. */
  readonly userIds: readonly string[];
  /** The first user number a POST may use (request-plans.ts `newUserBody`). */
  readonly firstNumber: number;
}

/** What the writes did. */
export interface PacedWritesResult {
  readonly sent: number;
  /** Writes answered 2xx: each committed one event (`user.created` or `user.updated`). */
  readonly acknowledged: number;
  readonly failures: number;
  readonly errorSamples: readonly string[];
  readonly elapsedSeconds: number;
  readonly nextNumber: number;
  /** The most writes awaiting their answer at once: about 1 when the server keeps up. */
  readonly maxInFlight: number;
  /** The writes' own response times. */
  readonly response: LatencySummary;
}

function writeOf(
  options: PacedWritesOptions,
  index: number,
  number: number,
): { path: string; init: RequestInit } {
  const headers = {
    authorization: `Bearer ${options.target.token}`,
    "content-type": "application/scim+json",
  };
  if (index % 2 === 0) {
    return { path: "/Users", init: { method: "POST", headers, body: newUserBody(number) } };
  }
  const id = options.userIds[Math.floor(Math.random() * options.userIds.length)];
  const value = `Paced-${Math.random().toString(36).slice(2, 10)}`;
  const body = JSON.stringify({
    schemas: [PATCH_OP_SCHEMA],
    Operations: [{ op: "replace", path: "name.givenName", value }],
  });
  return { path: `/Users/${id}`, init: { method: "PATCH", headers, body } };
}

/** Sends `rate × seconds` writes on schedule and waits for every answer. */
export async function pacedWrites(options: PacedWritesOptions): Promise<PacedWritesResult> {
  if (options.userIds.length === 0) throw new Error("paced writes need users to PATCH");
  const total = Math.max(1, Math.round(options.rate * options.seconds));
  const intervalMs = 1000 / options.rate;
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  const pending = new Set<Promise<void>>();
  let acknowledged = 0;
  let failures = 0;
  let maxInFlight = 0;
  let number = options.firstNumber;
  const started = performance.now();

  const send = async (index: number): Promise<void> => {
    const { path, init } = writeOf(options, index, index % 2 === 0 ? number++ : number);
    const begun = performance.now();
    try {
      const response = await fetch(`${options.target.origin}${SCIM_BASE_PATH}${path}`, {
        ...init,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      latencies.push(performance.now() - begun);
      if (response.status >= 200 && response.status < 300) acknowledged += 1;
      else {
        failures += 1;
        if (errorSamples.length < MAX_ERROR_SAMPLES)
          errorSamples.push(`${response.status} ${text.slice(0, 300)}`);
      }
    } catch (error) {
      failures += 1;
      if (errorSamples.length < MAX_ERROR_SAMPLES)
        errorSamples.push(`socket error: ${(error as Error).message}`);
    }
  };

  for (let index = 0; index < total; index++) {
    const due = started + index * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const write = send(index).finally(() => pending.delete(write));
    pending.add(write);
    maxInFlight = Math.max(maxInFlight, pending.size);
  }
  await Promise.all(pending);
  return {
    sent: total,
    acknowledged,
    failures,
    errorSamples,
    elapsedSeconds: (performance.now() - started) / 1000,
    nextNumber: number,
    maxInFlight,
    response: summarize(latencies),
  };
}
