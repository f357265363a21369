import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { BenchResult } from "../src/bench-result.js";
import { SCENARIOS } from "../src/scenarios.js";
import { TARGETS } from "../src/targets.js";

// Runs the built bench (bench/dist, built by turbo before this task) in smoke mode, as `pnpm bench`
// would, and checks its JSON: every scenario ran and every request succeeded. No timing is
// asserted: a smoke run on a busy CI machine says nothing about speed.

const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));

async function runBench(
  args: readonly string[],
): Promise<{ code: number | null; result: BenchResult; stderr: string }> {
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
  return { code, result: JSON.parse(stdout) as BenchResult, stderr };
}

describe("pnpm bench --smoke", () => {
  it("runs every scenario at every stage with no failed request and stops the server", async () => {
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
    expect(result.targets).toHaveLength(TARGETS.length);
    expect(result.server.exits).toEqual([{ code: 0, signal: null }]);
  }, 180_000);

  it("profiles one scenario with --cpu-prof and lists its hottest functions", async () => {
    const { code, result, stderr } = await runBench(["--users", "300", "--cpu-prof", "get-user"]);

    expect(result.problems, stderr).toEqual([]);
    expect(code).toBe(0);
    expect(result.stages.map((stage) => stage.scenarios.map((s) => s.name))).toEqual([["get-user"]]);
    const profile = result.cpuProfile;
    expect(profile?.scenario).toBe("get-user");
    expect(profile !== null && existsSync(profile.file)).toBe(true);
    expect(profile?.top.length).toBeGreaterThan(0);
    // The server ran twice: once to grow, once under the profiler; both stopped cleanly.
    expect(result.server.exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
    if (profile) rmSync(dirname(profile.file), { recursive: true, force: true });
  }, 120_000);
});
