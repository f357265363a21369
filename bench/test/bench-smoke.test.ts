import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { BenchResult } from "../src/bench-result.js";
import { SCENARIOS } from "../src/scenarios.js";
import { TARGETS, WEBHOOK_TARGETS } from "../src/targets.js";
import type { WebhookBenchResult, WebhookResult, WriteCostRun } from "../src/webhook-result.js";

// Runs the built bench (bench/dist, built by turbo before this task) in smoke mode, as `pnpm bench`
// would, and checks its JSON: every scenario ran and every request succeeded. No timing is
// asserted: a smoke run on a busy CI machine says nothing about speed.

const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));
/** The server the bench starts by default, given again as the A/B's base. */
const SERVER_MAIN = fileURLToPath(new URL("../node_modules/@scimkit/server/dist/main.js", import.meta.url));

async function runBench<Result = BenchResult>(
  args: readonly string[],
): Promise<{ code: number | null; result: Result; stderr: string }> {
  const child = spawn(process.execPath, [MAIN, "--smoke", "--json", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (stdout.trim() === "") throw new Error(`the bench printed no JSON (exit ${code}):\n${stderr}`);
  return { code, result: JSON.parse(stdout) as Result, stderr };
}

describe("pnpm bench --smoke", () => {
  it("runs every scenario at every stage, then the webhook ones, with no failed request", async () => {
    const { code, result, stderr } = await runBench([]);

    expect(result.problems, stderr).toEqual([]);
    expect(code).toBe(0);
    expect(result.settings.smoke).toBe(true);
    // Growth reached each asked size (a stage may start above it: the previous POST scenario adds users).
    expect(result.growth.length).toBeGreaterThan(0);
    for (const growth of result.growth) {
      expect(growth.to).toBe(growth.asked);
      expect(growth.failures).toBe(0);
      expect(growth.requestsPerSecond).toBeGreaterThan(0);
    }
    expect(result.stages.map((stage) => stage.users)).toHaveLength(result.settings.users.length);
    result.stages.forEach((stage, i) => {
      expect(stage.users).toBeGreaterThanOrEqual(result.settings.users[i] ?? Number.POSITIVE_INFINITY);
    });
    const isLast = (i: number) => i === result.stages.length - 1;
    result.stages.forEach((stage, i) => {
      const expected = SCENARIOS.filter((s) => isLast(i) || !s.needsGroup).map((s) => s.name);
      expect(stage.scenarios.map((s) => s.name)).toEqual(expected);
      for (const scenario of stage.scenarios) {
        expect(scenario.responses, scenario.name).toBeGreaterThan(0);
        expect(scenario.non2xx, scenario.name).toBe(0);
        expect(scenario.failures, scenario.name).toBe(0);
        expect(scenario.statusCounts[String(scenario.expectedStatus)], scenario.name).toBe(
          scenario.responses,
        );
        expect(Number.isFinite(scenario.ratio) && scenario.ratio > 0, scenario.name).toBe(true);
      }
    });
    expect(result.baseline.start.requestsPerSecond).toBeGreaterThan(0);
    expect(result.baseline.end.requestsPerSecond).toBeGreaterThan(0);
    expect(result.group?.members).toBe(result.settings.groupMembers);
    expectDelivered(result.webhooks);
    expect(result.targets).toHaveLength(TARGETS.length + WEBHOOK_TARGETS.length);
    // Without a base the write cost is not judged.
    expect(result.targets.slice(TARGETS.length).map((t) => t.met === null)).toEqual([
      false,
      false,
      true,
      true,
    ]);
    expect(result.server.exits).toEqual([{ code: 0, signal: null }]);
  }, 180_000);

  it("compares the write cost with a base server under --webhook-ab", async () => {
    const args = ["--webhook-ab", "--base", SERVER_MAIN, "--runs", "1"];
    const { code, result, stderr } = await runBench<WebhookBenchResult>(args);

    expect(result.problems, stderr).toEqual([]);
    expect(code).toBe(0);
    const { latency, drain, writeCost } = result.webhooks;
    expect(latency).toBeNull();
    expect(drain).toBeNull();
    expect(writeCost?.runs.map((run) => run.server)).toEqual(["base", "current"]);
    expectWritesDelivered(writeCost?.runs ?? []);
    expect(writeCost?.comparison?.map((c) => c.scenario)).toEqual(["post-user", "patch-user"]);
    for (const compared of writeCost?.comparison ?? []) {
      expect(compared.ratio, compared.scenario).toBeGreaterThan(0);
    }
    expect(result.targets.map((t) => t.met === null)).toEqual([true, true, false, false]);
  }, 120_000);

  it("profiles one scenario with --cpu-prof and lists its hottest functions", async () => {
    const { code, result, stderr } = await runBench(["--users", "300", "--cpu-prof", "get-user"]);

    expect(result.problems, stderr).toEqual([]);
    expect(code).toBe(0);
    expect(result.stages.map((stage) => stage.scenarios.map((s) => s.name))).toEqual([["get-user"]]);
    const profile = result.cpuProfile;
    expect(profile?.scenario).toBe("get-user");
    expect(profile !== null && existsSync(profile.file)).toBe(true);
    expect(profile?.top.length).toBeGreaterThan(0);
    expect(result.webhooks).toBeUndefined();
    // The server ran twice: once to grow, once under the profiler; both stopped cleanly.
    expect(result.server.exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
    if (profile) rmSync(dirname(profile.file), { recursive: true, force: true });
  }, 120_000);
});

/** The latency and drain scenarios' events all arrived, once each, and the write cost ran once. */
function expectDelivered(webhooks: WebhookResult | undefined): void {
  const { latency, drain, writeCost } = webhooks ?? {};
  expect(latency?.writeFailures).toBe(0);
  expect(latency?.writes).toBeGreaterThan(0);
  expect(latency?.delivered).toBe(latency?.writes);
  expect(latency?.duplicates).toBe(0);
  expect(latency?.latency.count).toBe(latency?.writes);
  expect(drain?.events).toBeGreaterThan(0);
  expect(drain?.delivered).toBe(drain?.events);
  expect(drain?.eventsPerSecond).toBeGreaterThan(0);
  expect(writeCost?.runs.map((run) => run.server)).toEqual(["current"]);
  expectWritesDelivered(writeCost?.runs ?? []);
  expect(writeCost?.comparison).toBeNull();
}

/** Every write answered as expected, and every event it made delivered with nothing left pending. */
function expectWritesDelivered(runs: readonly WriteCostRun[]): void {
  for (const run of runs) {
    expect(run.webhooks).toBe(true);
    expect(run.scenarios.map((s) => s.result.name)).toEqual(["patch-user", "post-user"]);
    for (const { result, backlog } of run.scenarios) {
      expect(result.responses, result.name).toBeGreaterThan(0);
      expect(result.failures, result.name).toBe(0);
      expect(backlog?.delivered, result.name).toBeGreaterThanOrEqual(result.responses);
    }
  }
}
