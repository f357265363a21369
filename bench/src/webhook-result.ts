import type { MachineInfo, ScenarioResult, TargetOutcome } from "./bench-result.js";
import type { LatencySummary } from "./latency-summary.js";

// The webhook scenarios' part of the result (`--json` prints it under `webhooks`, or alone with
// `--webhooks` and `--webhook-ab`), docs/performance.md#webhook-delivery.

/** Commit → first attempt at a steady write rate, to one healthy endpoint. */
export interface DeliveryLatencyResult {
  /** Writes per second asked for, POSTs and PATCHes alternately. */
  readonly rate: number;
  readonly seconds: number;
  readonly writes: number;
  readonly acknowledged: number;
  readonly writeFailures: number;
  /** The writes' own response times. */
  readonly writeResponse: LatencySummary;
  /** Events the receiver got (distinct `webhook-id`s); one per acknowledged write. */
  readonly delivered: number;
  /** Repeated `webhook-id`s: none when every first attempt succeeds. */
  readonly duplicates: number;
  /** Per event: its first attempt's arrival at the receiver − the event's `timestamp`. */
  readonly latency: LatencySummary;
}

/** A backlog made while the endpoint was disabled, sent once it is enabled again. */
export interface DrainResult {
  readonly events: number;
  /** Events the receiver got (distinct `webhook-id`s). */
  readonly delivered: number;
  /** From the enabling `PATCH` to the last event's arrival. */
  readonly seconds: number;
  /** `delivered ÷ seconds`: the figure the target judges. */
  readonly eventsPerSecond: number;
  /** From the enabling `PATCH` to the first arrival (the worker finds the endpoint enabled). */
  readonly firstDeliveryMs: number;
  /** From the first arrival to the last: the worker's pace once it is sending. */
  readonly steadyEventsPerSecond: number;
  readonly duplicates: number;
  /** How long creating the backlog took, and at what rate (POST /Users, the endpoint disabled). */
  readonly createSeconds: number;
  readonly createPerSecond: number;
}

/** How the deliveries kept up with one write scenario at full load. */
export interface DeliveryBacklog {
  /** Events delivered when the load stopped. */
  readonly deliveredAtEnd: number;
  /** Events delivered in all (after the worker caught up). */
  readonly delivered: number;
  /** From the load's end to the last delivery; 0 when nothing was left. */
  readonly catchUpSeconds: number;
  /** Commit → first attempt over the whole scenario, warm-up included. */
  readonly latency: LatencySummary;
}

/** One server's run of the write scenarios. */
export interface WriteCostRun {
  /** `current`: the server measured (`--server`, or this workspace's); `base`: `--base`. */
  readonly server: "current" | "base";
  /** Whether the server took the endpoint (a base from before webhooks has no `/api/webhooks`). */
  readonly webhooks: boolean;
  readonly scenarios: readonly WriteCostScenario[];
}

/** One write scenario of a run. */
export interface WriteCostScenario {
  readonly result: ScenarioResult;
  /** null without webhooks. */
  readonly backlog: DeliveryBacklog | null;
}

/** The median req/s of one scenario per server, and current ÷ base. */
export interface WriteCostComparison {
  readonly scenario: "post-user" | "patch-user";
  readonly label: string;
  readonly baseRuns: readonly number[];
  readonly currentRuns: readonly number[];
  readonly baseMedian: number;
  readonly currentMedian: number;
  readonly ratio: number;
}

/** `POST /Users` and `PATCH /Users/{id}` with the outbox and one endpoint, optionally against a base. */
export interface WriteCostResult {
  readonly users: number;
  readonly runs: readonly WriteCostRun[];
  /** Present when a base server was measured too. */
  readonly comparison: readonly WriteCostComparison[] | null;
}

/** Everything the webhook scenarios measured; a scenario not run is null. */
export interface WebhookResult {
  /** main.js of the server measured (`current`), and of the base, if any. */
  readonly server: string;
  readonly baseServer: string | null;
  /** Users on the server before the scenarios began (PATCH picks from them). */
  readonly users: number;
  readonly latency: DeliveryLatencyResult | null;
  readonly drain: DrainResult | null;
  readonly writeCost: WriteCostResult | null;
}

/** The settings of a webhook-only run. */
export interface WebhookSettings {
  readonly smoke: boolean;
  readonly mode: "webhooks" | "ab";
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
}

/** The whole of a `--webhooks` or `--webhook-ab` run. */
export interface WebhookBenchResult {
  readonly machine: MachineInfo;
  readonly settings: WebhookSettings;
  readonly webhooks: WebhookResult;
  readonly targets: readonly TargetOutcome[];
  /** Every failed request, lost delivery or unclean server exit, in words; empty when all was well. */
  readonly problems: readonly string[];
}
