import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchArgs } from "./args.js";
import { startBareKoa } from "./bare-koa-process.js";
import type { BaselineRun, BenchResult, BenchSettings } from "./bench-result.js";
import { type BigGroup, createBigGroup, shuffled } from "./group-setup.js";
import { type RunLoad, startLoadWorker } from "./load-client.js";
import type { SampledUser } from "./load-protocol.js";
import { machineInfo } from "./machine.js";
import { growthResult, measureBaseline } from "./measure.js";
import { countUsers, growUsers, listAllUserIds, sampleUsers } from "./population.js";
import { removeLater } from "./processes.js";
import { grouped, Progress } from "./progress.js";
import { peakRssMiB } from "./rss.js";
import { runProfiled, runScenarios, SERVER_MAIN } from "./run-scenarios.js";
import { type Baseline, problem, type RunState, stopServer } from "./run-state.js";
import { SCENARIOS } from "./scenarios.js";
import { SCIM_BASE_PATH, scimCall } from "./scim-api.js";
import { type ServerProcess, startServer } from "./server-process.js";
import { evaluateTargets, flatness } from "./targets.js";

// The orchestration of a run (docs/performance.md#how-it-is-measured): grow the population stage by
// stage, run the scenarios at each, measure bare Koa at the start and the end, and optionally
// profile one scenario. Every process it starts is stopped in `finally`, and the temporary database
// directory removed.

const DATABASE_FILE = "bench.db";

async function grow(state: RunState, goal: number): Promise<void> {
  const grown = await growUsers(state.target, goal, {
    load: state.settings.load,
    connections: state.args.connections,
    firstNumber: state.nextNumber,
    onProgress: (users, of) => state.progress.update(`growing ${grouped(users)}/${grouped(of)} users`),
  });
  if (grown === undefined) {
    state.progress.line(`no growth needed: the server already holds ${grouped(goal)} users or more`);
    return;
  }
  state.nextNumber = grown.load.nextNumber ?? state.nextNumber;
  const { result, problem: text } = growthResult(grown, goal);
  state.growth.push(result);
  problem(state, text);
  state.progress.line(
    `grew ${grouped(result.from)} → ${grouped(result.to)} users at ${grouped(result.requestsPerSecond)} POST/s`,
  );
}

async function startBaseline(state: RunState, user: SampledUser): Promise<Baseline> {
  // The bare server answers with the very bytes of a real `GET /Users/{id}`.
  const response = await scimCall(state.target, "GET", `/Users/${user.id}`, 200);
  const file = join(state.workDir, "user.json");
  writeFileSync(file, response.text);
  const server = await startBareKoa(file, response.contentType);
  const bytes = Buffer.byteLength(response.text);
  const path = `${SCIM_BASE_PATH}/Users/${user.id}`;
  state.progress.line(`bare Koa baseline (start) on ${server.origin}, ${bytes} bytes per response …`);
  const measured = await measureBaseline(server.origin, path, state.settings);
  problem(state, measured.problem);
  state.progress.line(`    ${grouped(measured.run.requestsPerSecond)} req/s`);
  return { server, path, bytes, contentType: response.contentType, start: measured.run };
}

async function setUpGroup(state: RunState, users: number): Promise<BigGroup> {
  const { progress, target, args } = state;
  const ids = await listAllUserIds(target, users, (read) =>
    progress.update(`listing user ids ${grouped(read)}/${grouped(users)}`),
  );
  const group = await createBigGroup(target, ids, args.groupMembers, (added) =>
    progress.update(`filling group ${grouped(added)}/${grouped(args.groupMembers)} members`),
  );
  progress.line(`group of ${grouped(args.groupMembers)} members filled in ${group.fillSeconds.toFixed(1)} s`);
  // Shuffled so the add and remove scenarios touch members spread over the whole group.
  return { ...group, members: shuffled(group.members), nonMembers: shuffled(group.nonMembers) };
}

async function runStage(state: RunState, goal: number, isLast: boolean): Promise<void> {
  await grow(state, goal);
  const users = await countUsers(state.target);
  const sample = await sampleUsers(state.target, users, state.args.sampleSize);
  const first = sample[0];
  if (first === undefined) throw new Error("no user could be sampled");
  state.baseline ??= await startBaseline(state, first);
  const profiled = state.args.cpuProfile;
  const wanted = SCENARIOS.filter((s) =>
    profiled === undefined ? isLast || !s.needsGroup : isLast && s.name === profiled,
  );
  if (wanted.some((s) => s.needsGroup)) state.group = await setUpGroup(state, users);
  const [only] = wanted;
  if (profiled !== undefined && only !== undefined) {
    state.stages.push({
      users,
      sampleSize: sample.length,
      scenarios: await runProfiled(state, only, users, sample),
    });
  } else if (wanted.length > 0) {
    state.stages.push({
      users,
      sampleSize: sample.length,
      scenarios: await runScenarios(state, wanted, users, sample),
    });
  }
}

function settingsOf(args: BenchArgs): BenchSettings {
  const { smoke, users, connections, warmupSeconds, durationSeconds, groupMembers, sampleSize } = args;
  return { smoke, users, connections, warmupSeconds, durationSeconds, groupMembers, sampleSize };
}

/** The result: ratios divide by the mean of the two baseline runs. */
function assemble(state: RunState, baseline: Baseline, end: BaselineRun): BenchResult {
  const mean = (baseline.start.requestsPerSecond + end.requestsPerSecond) / 2;
  const stages = state.stages.map((stage) => ({
    ...stage,
    scenarios: stage.scenarios.map((s) => ({ ...s, ratio: mean > 0 ? s.requestsPerSecond / mean : 0 })),
  }));
  const flat = flatness(stages);
  const peak = state.peakRssMiB ?? null;
  const { group } = state;
  return {
    machine: machineInfo(),
    settings: settingsOf(state.args),
    baseline: {
      bodyBytes: baseline.bytes,
      contentType: baseline.contentType,
      start: baseline.start,
      end,
      meanRequestsPerSecond: mean,
    },
    growth: state.growth,
    group: group === undefined ? null : { members: group.members.length, fillSeconds: group.fillSeconds },
    stages,
    flatness: flat,
    targets: evaluateTargets({ stages, flatness: flat, peakRssMiB: peak }),
    server: { peakRssMiB: peak, exits: state.exits },
    cpuProfile: state.cpuProfile ?? null,
    problems: state.problems,
  };
}

/** The closing baseline run, then the server's peak RSS and its stop. */
async function finish(state: RunState, baseline: Baseline): Promise<BenchResult> {
  state.progress.line("bare Koa baseline (end) …");
  const end = await measureBaseline(baseline.server.origin, baseline.path, state.settings);
  problem(state, end.problem);
  state.progress.line(`    ${grouped(end.run.requestsPerSecond)} req/s`);
  // A profiled run has read it already, before the restart under the profiler.
  if (state.cpuProfile === undefined) {
    state.peakRssMiB = peakRssMiB(state.server.pid);
    await stopServer(state);
  }
  return assemble(state, baseline, end.run);
}

function newState(args: BenchArgs, server: ServerProcess, load: RunLoad, workDir: string): RunState {
  if (server.tokens === undefined) throw new Error("the server printed no tokens");
  const { connections, warmupSeconds, durationSeconds } = args;
  return {
    args,
    settings: { load, connections, warmupSeconds, durationSeconds },
    progress: new Progress(),
    workDir,
    databaseFile: join(workDir, DATABASE_FILE),
    target: { origin: server.origin, token: server.tokens.scim },
    adminToken: server.tokens.admin,
    server,
    exits: [],
    problems: [],
    growth: [],
    stages: [],
    nextNumber: 1,
    peakRssMiB: undefined,
  };
}

/** Runs the whole benchmark as `args` says. Non-2xx responses are reported in `problems`, not thrown. */
export async function runBench(args: BenchArgs): Promise<BenchResult> {
  const workDir = removeLater(mkdtempSync(join(tmpdir(), "scimkit-bench-")));
  const databaseFile = join(workDir, DATABASE_FILE);
  let state: RunState | undefined;
  let server: ServerProcess | undefined;
  const loadWorker = startLoadWorker();
  try {
    server = await startServer({ mainJs: SERVER_MAIN, databaseFile, expectToken: true });
    state = newState(args, server, loadWorker.run, workDir);
    state.progress.line(`reference server on ${server.origin} (pid ${server.pid}), database ${databaseFile}`);
    for (const [index, goal] of args.users.entries()) {
      await runStage(state, goal, index === args.users.length - 1);
    }
    if (state.baseline === undefined) throw new Error("the baseline never ran");
    return await finish(state, state.baseline);
  } finally {
    // On success the servers are stopped already (no-ops); on error these end what still runs.
    await loadWorker.stop();
    await (state?.server ?? server)?.stop();
    await state?.baseline?.server.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}
