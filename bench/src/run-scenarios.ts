import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ScenarioResult } from "./bench-result.js";
import { topSelfTime } from "./cpu-profile.js";
import type { SampledUser } from "./load-protocol.js";
import { measureScenario } from "./measure.js";
import { grouped } from "./progress.js";
import { peakRssMiB } from "./rss.js";
import { problem, type RunState, stopServer } from "./run-state.js";
import type { Scenario, ScenarioContext } from "./scenarios.js";
import { startServer } from "./server-process.js";

// Running the scenarios of a stage, and the `--cpu-prof` variant: the same scenario measured on a
// server restarted under the V8 profiler.

/** The repository root, so profile locations print relative to it. */
const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The reference server's entry point, through bench's workspace dependency on @scimkit/server. */
export const SERVER_MAIN = fileURLToPath(
  new URL("../node_modules/@scimkit/server/dist/main.js", import.meta.url),
);

/** Measures `scenarios` one after another at the current population. */
export async function runScenarios(
  state: RunState,
  scenarios: readonly Scenario[],
  users: number,
  sample: readonly SampledUser[],
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    const context: ScenarioContext = {
      users,
      sample,
      nextNumber: state.nextNumber,
      ...(state.group === undefined ? {} : { group: state.group }),
    };
    state.progress.line(`[${grouped(users)} users] ${scenario.label(context)} …`);
    const server = { pid: state.server.pid, target: state.target, adminToken: state.adminToken };
    const measured = await measureScenario(scenario, context, server, state.settings);
    // POSTs under load use up user numbers; later ones must not reuse them.
    state.nextNumber = measured.nextNumber ?? state.nextNumber;
    problem(state, measured.problem);
    state.progress.line(`    ${grouped(measured.result.requestsPerSecond)} req/s`);
    results.push(measured.result);
  }
  return results;
}

/** Restarts the server on the same database under `--cpu-prof`, runs one scenario, reads the profile. */
export async function runProfiled(
  state: RunState,
  scenario: Scenario,
  users: number,
  sample: readonly SampledUser[],
): Promise<ScenarioResult[]> {
  state.peakRssMiB = peakRssMiB(state.server.pid);
  await stopServer(state);
  const dir = mkdtempSync(join(tmpdir(), "scimkit-bench-cpu-"));
  const nodeFlags = ["--cpu-prof", `--cpu-prof-dir=${dir}`];
  state.server = await startServer({
    mainJs: SERVER_MAIN,
    databaseFile: state.databaseFile,
    expectToken: false,
    nodeFlags,
  });
  state.target = { ...state.target, origin: state.server.origin };
  state.progress.line(
    `profiling the server (pid ${state.server.pid}) during ${scenario.name}; profiles go to ${dir}`,
  );
  const results = await runScenarios(state, [scenario], users, sample);
  // The profile is written when the server exits.
  await stopServer(state);
  const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
  if (file === undefined) throw new Error(`the server wrote no .cpuprofile into ${dir}`);
  state.cpuProfile = {
    scenario: scenario.name,
    file: join(dir, file),
    top: topSelfTime(join(dir, file), 25, REPO_ROOT),
  };
  return results;
}
