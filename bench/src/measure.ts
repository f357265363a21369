import type { BaselineRun, GrowthResult, ScenarioResult } from "./bench-result.js";
import type { RunLoad } from "./load-client.js";
import type { LoadResult, RequestPlan } from "./load-protocol.js";
import type { Growth } from "./population.js";
import { grouped } from "./progress.js";
import { RssSampler } from "./rss.js";
import type { Scenario, ScenarioContext } from "./scenarios.js";
import { SCIM_BASE_PATH, type ScimTarget } from "./scim-api.js";

// One measured scenario (with the server's RSS sampled meanwhile), the baseline runs, and the
// translation of raw load results into report rows and plainly worded problems.

/** The autocannon settings every scenario and both baseline runs share. */
export interface LoadSettings {
  readonly load: RunLoad;
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
}

function jobSettings(settings: LoadSettings) {
  const { connections, warmupSeconds, durationSeconds } = settings;
  return { connections, warmupSeconds, durationSeconds };
}

/** Responses with another status than `expected`, plus socket errors and timeouts. */
export function failuresOf(load: LoadResult, expected: number): number {
  return load.responses - (load.statusCounts[String(expected)] ?? 0) + load.errors;
}

function describeFailures(what: string, load: LoadResult, expected: number): string | undefined {
  const failures = failuresOf(load, expected);
  if (failures === 0) return undefined;
  const samples = load.errorSamples.length > 0 ? `; first: ${load.errorSamples.join(" | ")}` : "";
  return (
    `${what}: ${failures} of ${load.responses} responses not ${expected} ` +
    `(statuses ${JSON.stringify(load.statusCounts)}, socket errors/timeouts ${load.errors})${samples}`
  );
}

function scenarioResult(
  scenario: Scenario,
  context: ScenarioContext,
  load: LoadResult,
  peakRssMiB: number | undefined,
): ScenarioResult {
  return {
    name: scenario.name,
    label: scenario.label(context),
    users: context.users,
    requestsPerSecond: load.requestsPerSecond,
    p50Ms: load.p50Ms,
    p99Ms: load.p99Ms,
    ratio: 0,
    peakRssMiB: peakRssMiB ?? null,
    responses: load.responses,
    elapsedSeconds: load.elapsedSeconds,
    expectedStatus: scenario.expectedStatus,
    non2xx: load.non2xx,
    failures: failuresOf(load, scenario.expectedStatus),
    statusCounts: load.statusCounts,
    errorSamples: load.errorSamples,
    poolExhausted: load.poolExhausted,
  };
}

/** The server a scenario runs against: its pid (for RSS), its SCIM API, and the admin token for `/api`. */
export interface MeasuredServer {
  readonly pid: number;
  readonly target: ScimTarget;
  readonly adminToken: string;
}

/** Where `scenario`'s paths start and the token it sends: the SCIM API, or the console's `/api` at the origin. */
function apiOf(scenario: Scenario, server: MeasuredServer): { basePath: string; token: string } {
  return scenario.api === "console"
    ? { basePath: "", token: server.adminToken }
    : { basePath: SCIM_BASE_PATH, token: server.target.token };
}

/** Runs `scenario` against the server while sampling its RSS; `ratio` is filled in at the end. */
export async function measureScenario(
  scenario: Scenario,
  context: ScenarioContext,
  server: MeasuredServer,
  settings: LoadSettings,
): Promise<{ result: ScenarioResult; problem: string | undefined; nextNumber: number | undefined }> {
  const sampler = new RssSampler(server.pid);
  let load: LoadResult;
  let peakRssMiB: number | undefined;
  try {
    const plan = scenario.plan(context);
    const job = { origin: server.target.origin, ...apiOf(scenario, server), plan, ...jobSettings(settings) };
    load = await settings.load(job);
  } finally {
    peakRssMiB = sampler.stop();
  }
  const result = scenarioResult(scenario, context, load, peakRssMiB);
  const what = `${result.label} at ${grouped(context.users)} users`;
  const problem =
    describeFailures(what, load, scenario.expectedStatus) ??
    (load.responses === 0 ? `${what}: no response at all` : undefined);
  return { result, problem, nextNumber: load.nextNumber };
}

/** Measures the bare Koa server at `origin` with the scenarios' settings. */
export async function measureBaseline(
  origin: string,
  path: string,
  settings: LoadSettings,
): Promise<{ run: BaselineRun; problem: string | undefined }> {
  const plan: RequestPlan = { kind: "get", path };
  const load = await settings.load({ origin, basePath: "", plan, ...jobSettings(settings) });
  return {
    run: {
      requestsPerSecond: load.requestsPerSecond,
      p50Ms: load.p50Ms,
      p99Ms: load.p99Ms,
      responses: load.responses,
      failures: failuresOf(load, 200),
    },
    problem: describeFailures("bare Koa baseline", load, 200),
  };
}

/** The report row of one growth, and a problem when a POST failed or the count fell short. */
export function growthResult(
  growth: Growth,
  asked: number,
): { result: GrowthResult; problem: string | undefined } {
  const { load } = growth;
  const failed = describeFailures(`growth ${growth.from} → ${asked} users (POST /Users)`, load, 201);
  const short = growth.to === asked ? undefined : `growth reached ${growth.to} users, not the ${asked} asked`;
  return {
    result: {
      from: growth.from,
      to: growth.to,
      asked,
      requestsPerSecond: load.requestsPerSecond,
      seconds: load.elapsedSeconds,
      p50Ms: load.p50Ms,
      p99Ms: load.p99Ms,
      non2xx: load.non2xx,
      failures: failuresOf(load, 201),
      errorSamples: load.errorSamples,
    },
    problem: [failed, short].filter((text) => text !== undefined).join("; ") || undefined,
  };
}
