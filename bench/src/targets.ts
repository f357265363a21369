import type { Flatness, ScenarioResult, StageResult, TargetOutcome } from "./bench-result.js";
import type { ScenarioName } from "./scenarios.js";
import type { WebhookResult } from "./webhook-result.js";

// The performance targets of the reference server, the SCIM API's and the admin console's, as one
// table of data (docs/performance.md#targets, #admin-console-queries). Each is judged at the last
// (largest) stage, "flat" compares the first stage with the last. A target whose scenarios did not
// run is n/a.

/** One target. */
export type Target =
  /** Scenario req/s ÷ bare Koa req/s ≥ min. */
  | { readonly kind: "ratio"; readonly scenario: ScenarioName; readonly min: number }
  /** |req/s change from the first stage to the last| ≤ maxChange. */
  | { readonly kind: "flat"; readonly scenario: ScenarioName; readonly maxChange: number }
  /** p50 latency of `scenario` ≤ max × p50 latency of `reference`. */
  | {
      readonly kind: "latency";
      readonly scenario: ScenarioName;
      readonly reference: ScenarioName;
      readonly max: number;
    }
  /** req/s of `scenario` ≥ min × req/s of `reference`. */
  | {
      readonly kind: "rate";
      readonly scenario: ScenarioName;
      readonly reference: ScenarioName;
      readonly min: number;
    }
  /** Every scenario: p99 ≤ max × p50. */
  | { readonly kind: "tail"; readonly max: number }
  /** The server's peak RSS (VmHWM) ≤ maxMiB. */
  | { readonly kind: "rss"; readonly maxMiB: number };

/** The SCIM API's targets, then the admin console's. */
export const TARGETS: readonly Target[] = [
  { kind: "ratio", scenario: "get-user", min: 0.5 },
  { kind: "ratio", scenario: "filter-userName", min: 0.4 },
  { kind: "ratio", scenario: "filter-externalId", min: 0.4 },
  { kind: "flat", scenario: "filter-userName", maxChange: 0.25 },
  { kind: "flat", scenario: "filter-externalId", maxChange: 0.25 },
  { kind: "ratio", scenario: "filter-emails", min: 0.25 },
  { kind: "ratio", scenario: "patch-user", min: 0.25 },
  { kind: "ratio", scenario: "post-user", min: 0.2 },
  { kind: "latency", scenario: "list-last", reference: "list-first", max: 10 },
  { kind: "latency", scenario: "group-add-member", reference: "patch-user", max: 2 },
  { kind: "latency", scenario: "group-remove-member", reference: "patch-user", max: 2 },
  // "As fast as a user GET": 10 % allowance for the run-to-run noise of a shared 2-core machine.
  { kind: "rate", scenario: "get-group", reference: "get-user", min: 0.9 },
  { kind: "tail", max: 10 },
  { kind: "rss", maxMiB: 150 },
  // The admin console's search and paging stay fast at 100,000 users: a console search or a
  // user's Activity page (a few rows) costs at most 2 user GETs, a page of 50 team members at most
  // 5, the last page at most 3 first pages, and a search as much at 100,000 users as at 10,000.
  { kind: "latency", scenario: "team-search", reference: "get-user", max: 2 },
  { kind: "latency", scenario: "audit-user", reference: "get-user", max: 2 },
  { kind: "latency", scenario: "team-first", reference: "get-user", max: 5 },
  { kind: "latency", scenario: "team-pending", reference: "get-user", max: 5 },
  { kind: "latency", scenario: "team-deep", reference: "team-first", max: 3 },
  { kind: "flat", scenario: "team-search", maxChange: 0.25 },
];

/** What the targets are judged on. */
export interface TargetInput {
  readonly stages: readonly StageResult[];
  readonly flatness: readonly Flatness[];
  readonly peakRssMiB: number | null;
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);

type Find = (name: ScenarioName) => ScenarioResult | undefined;
/** What was measured, in words, and whether it meets the target; `undefined` when not measured. */
type Verdict = { readonly measured: string; readonly met: boolean } | undefined;

function describe(target: Target): { id: string; description: string } {
  switch (target.kind) {
    case "ratio":
      return {
        id: `ratio:${target.scenario}`,
        description: `${target.scenario} ratio to bare Koa ≥ ${target.min}`,
      };
    case "flat":
      return {
        id: `flat:${target.scenario}`,
        description: `${target.scenario} req/s flat from first to last stage (within ${target.maxChange * 100} %)`,
      };
    case "latency":
      return {
        id: `latency:${target.scenario}`,
        description: `${target.scenario} p50 ≤ ${target.max}× ${target.reference} p50`,
      };
    case "rate":
      return {
        id: `rate:${target.scenario}`,
        description: `${target.scenario} req/s ≥ ${target.min}× ${target.reference} req/s`,
      };
    case "tail":
      return { id: "tail", description: `every scenario p99 ≤ ${target.max}× p50` };
    case "rss":
      return { id: "rss", description: `server peak RSS ≤ ${target.maxMiB} MiB` };
  }
}

/** `figure(a) ÷ figure(b)`, judged by `ok`. */
function compare(
  a: ScenarioResult | undefined,
  b: ScenarioResult | undefined,
  figure: (s: ScenarioResult) => number,
  ok: (times: number) => boolean,
): Verdict {
  if (a === undefined || b === undefined || figure(b) <= 0) return undefined;
  const times = figure(a) / figure(b);
  return { measured: `${fixed(times)}×`, met: ok(times) };
}

function worstTail(last: StageResult | undefined, max: number): Verdict {
  const measured = last?.scenarios.filter((s) => s.p50Ms > 0) ?? [];
  if (measured.length === 0) return undefined;
  const tail = (s: ScenarioResult) => s.p99Ms / s.p50Ms;
  const worst = measured.reduce((a, b) => (tail(b) > tail(a) ? b : a));
  return { measured: `worst ${fixed(tail(worst))}× (${worst.name})`, met: tail(worst) <= max };
}

function verdict(target: Target, find: Find, last: StageResult | undefined, input: TargetInput): Verdict {
  switch (target.kind) {
    case "ratio": {
      const result = find(target.scenario);
      return result && { measured: fixed(result.ratio), met: result.ratio >= target.min };
    }
    case "flat": {
      const flat = input.flatness.find((entry) => entry.scenario === target.scenario);
      if (flat === undefined) return undefined;
      const measured = `${flat.change >= 0 ? "+" : ""}${fixed(flat.change * 100, 1)} %`;
      return { measured, met: Math.abs(flat.change) <= target.maxChange };
    }
    case "latency":
      return compare(
        find(target.scenario),
        find(target.reference),
        (s) => s.p50Ms,
        (t) => t <= target.max,
      );
    case "rate":
      return compare(
        find(target.scenario),
        find(target.reference),
        (s) => s.requestsPerSecond,
        (t) => t >= target.min,
      );
    case "tail":
      return worstTail(last, target.max);
    case "rss": {
      const peak = input.peakRssMiB;
      return peak === null ? undefined : { measured: `${fixed(peak, 1)} MiB`, met: peak <= target.maxMiB };
    }
  }
}

/** Judges every target of {@link TARGETS} on the last stage of the run. */
export function evaluateTargets(input: TargetInput): TargetOutcome[] {
  const last = input.stages.at(-1);
  const find: Find = (name) => last?.scenarios.find((scenario) => scenario.name === name);
  return TARGETS.map((target) => {
    const judged = verdict(target, find, last, input);
    return {
      ...describe(target),
      measured: judged?.measured ?? "not measured",
      met: judged === undefined ? null : judged.met,
    };
  });
}

/** The req/s change of the flatness scenarios from the first stage to the last (none with one stage). */
export function flatness(stages: readonly StageResult[]): Flatness[] {
  const first = stages[0];
  const last = stages.at(-1);
  if (first === undefined || last === undefined || first === last) return [];
  return TARGETS.flatMap((target) => {
    if (target.kind !== "flat") return [];
    const from = first.scenarios.find((s) => s.name === target.scenario);
    const to = last.scenarios.find((s) => s.name === target.scenario);
    if (from === undefined || to === undefined || from.requestsPerSecond <= 0) return [];
    return [
      {
        scenario: target.scenario,
        fromUsers: first.users,
        toUsers: last.users,
        fromRequestsPerSecond: from.requestsPerSecond,
        toRequestsPerSecond: to.requestsPerSecond,
        change: (to.requestsPerSecond - from.requestsPerSecond) / from.requestsPerSecond,
      },
    ];
  });
}

/** One target of webhook delivery (docs/performance.md#webhook-delivery). */
export type WebhookTarget =
  /** Commit → first attempt p99, at the latency scenario's steady write rate, ≤ maxMs. */
  | { readonly kind: "delivery-p99"; readonly maxMs: number }
  /** A backlog sent at ≥ minPerSecond events a second, from the endpoint's enabling to the last. */
  | { readonly kind: "drain-rate"; readonly minPerSecond: number }
  /** Median req/s of `scenario` with the outbox and an endpoint ≥ min × the base server's. */
  | { readonly kind: "write-cost"; readonly scenario: "post-user" | "patch-user"; readonly min: number };

/**
 * Webhook delivery's targets: an event reaches a healthy endpoint within a second, a day's backlog
 * of a large tenant drains in minutes, and writing events with every change costs a write at most
 * 15 % of its rate. The write cost is judged only with `--webhook-ab --base`.
 */
export const WEBHOOK_TARGETS: readonly WebhookTarget[] = [
  { kind: "delivery-p99", maxMs: 1000 },
  { kind: "drain-rate", minPerSecond: 500 },
  { kind: "write-cost", scenario: "post-user", min: 0.85 },
  { kind: "write-cost", scenario: "patch-user", min: 0.85 },
];

function describeWebhook(target: WebhookTarget): { id: string; description: string } {
  switch (target.kind) {
    case "delivery-p99":
      return {
        id: "webhook-latency",
        description: `webhook commit → first attempt p99 ≤ ${target.maxMs} ms`,
      };
    case "drain-rate":
      return { id: "webhook-drain", description: `webhook backlog drains ≥ ${target.minPerSecond} events/s` };
    case "write-cost":
      return {
        id: `webhook-write-cost:${target.scenario}`,
        description: `${target.scenario} req/s with webhooks ≥ ${target.min}× base (medians)`,
      };
  }
}

function webhookVerdict(target: WebhookTarget, result: WebhookResult): Verdict {
  switch (target.kind) {
    case "delivery-p99": {
      const latency = result.latency?.latency;
      if (latency === undefined || latency.count === 0) return undefined;
      return { measured: `${fixed(latency.p99Ms, 0)} ms`, met: latency.p99Ms <= target.maxMs };
    }
    case "drain-rate": {
      const drain = result.drain;
      if (drain === null || drain.delivered === 0) return undefined;
      return {
        measured: `${fixed(drain.eventsPerSecond, 0)} events/s`,
        met: drain.eventsPerSecond >= target.minPerSecond,
      };
    }
    case "write-cost": {
      const compared = result.writeCost?.comparison?.find((c) => c.scenario === target.scenario);
      if (compared === undefined || compared.baseMedian <= 0) return undefined;
      return { measured: `${fixed(compared.ratio)}×`, met: compared.ratio >= target.min };
    }
  }
}

/** Judges every target of {@link WEBHOOK_TARGETS}; one whose scenario did not run is n/a. */
export function evaluateWebhookTargets(result: WebhookResult): TargetOutcome[] {
  return WEBHOOK_TARGETS.map((target) => {
    const judged = webhookVerdict(target, result);
    return {
      ...describeWebhook(target),
      measured: judged?.measured ?? "not measured",
      met: judged === undefined ? null : judged.met,
    };
  });
}
