import type { ExitStatus } from "./processes.js";
import type { ScenarioName } from "./scenarios.js";
import type { WebhookResult } from "./webhook-result.js";

// The machine-readable result (`--json` prints exactly this) and what the human report shows.

/** One measured scenario at one population size. */
export interface ScenarioResult {
  readonly name: ScenarioName;
  readonly label: string;
  readonly users: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** requests per second ÷ the bare Koa baseline's (mean of its start and end runs). */
  readonly ratio: number;
  /** The server's largest VmRSS sampled during the scenario (warm-up included). */
  readonly peakRssMiB: number | null;
  readonly responses: number;
  readonly elapsedSeconds: number;
  readonly expectedStatus: number;
  readonly non2xx: number;
  /** Responses with another status than expected, plus socket errors and timeouts. */
  readonly failures: number;
  readonly statusCounts: Readonly<Record<string, number>>;
  readonly errorSamples: readonly string[];
  /** A pooled scenario (group members) that used up its ids before the duration ended. */
  readonly poolExhausted: boolean;
}

/** One run of the bare Koa baseline. */
export interface BaselineRun {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly responses: number;
  readonly failures: number;
}

/** The bare Koa baseline: measured at the start and the end; ratios divide by the mean. */
export interface Baseline {
  readonly bodyBytes: number;
  readonly contentType: string;
  readonly start: BaselineRun;
  readonly end: BaselineRun;
  readonly meanRequestsPerSecond: number;
}

/** One growth of the population through `POST /Users`. */
export interface GrowthResult {
  readonly from: number;
  /** Users on the server afterwards (counted, not assumed). */
  readonly to: number;
  readonly asked: number;
  readonly requestsPerSecond: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly failures: number;
  readonly errorSamples: readonly string[];
}

/** The scenarios run at one population size. */
export interface StageResult {
  readonly users: number;
  readonly sampleSize: number;
  readonly scenarios: readonly ScenarioResult[];
}

/** One target (targets.ts) with its verdict; `met` is null where it could not be judged. */
export interface TargetOutcome {
  readonly id: string;
  readonly description: string;
  readonly measured: string;
  readonly met: boolean | null;
}

/** The change of a scenario's req/s from the first to the last stage. */
export interface Flatness {
  readonly scenario: ScenarioName;
  readonly fromUsers: number;
  readonly toUsers: number;
  readonly fromRequestsPerSecond: number;
  readonly toRequestsPerSecond: number;
  /** (to − from) ÷ from; −0.1 is 10 % slower at the larger size. */
  readonly change: number;
}

/** Where and how the bench ran. */
export interface MachineInfo {
  readonly node: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly platform: string;
  readonly sqlite: string;
  readonly serverLogs: string;
}

/** The settings the run used. */
export interface BenchSettings {
  readonly smoke: boolean;
  readonly users: readonly number[];
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  readonly groupMembers: number;
  readonly sampleSize: number;
}

/** The profiled run of one scenario (`--cpu-prof`). */
export interface CpuProfileReport {
  readonly scenario: ScenarioName;
  readonly file: string;
  readonly top: readonly { readonly location: string; readonly selfMs: number; readonly percent: number }[];
}

/** The whole run. */
export interface BenchResult {
  readonly machine: MachineInfo;
  readonly settings: BenchSettings;
  readonly baseline: Baseline;
  readonly growth: readonly GrowthResult[];
  readonly group: { readonly members: number; readonly fillSeconds: number } | null;
  readonly stages: readonly StageResult[];
  readonly flatness: readonly Flatness[];
  readonly targets: readonly TargetOutcome[];
  /** VmHWM of the server before it stopped, and how each server process ended (two with --cpu-prof). */
  readonly server: { readonly peakRssMiB: number | null; readonly exits: readonly ExitStatus[] };
  readonly cpuProfile: CpuProfileReport | null;
  /** The webhook scenarios (webhook-result.ts); absent when they did not run. */
  readonly webhooks?: WebhookResult;
  /** Every non-2xx, unexpected status or socket error, said in words; empty when all was well. */
  readonly problems: readonly string[];
}
