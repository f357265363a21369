import type { BenchArgs } from "./args.js";
import type { BareKoaProcess } from "./bare-koa-process.js";
import type { BaselineRun, CpuProfileReport, GrowthResult, StageResult } from "./bench-result.js";
import type { BigGroup } from "./group-setup.js";
import type { LoadSettings } from "./measure.js";
import type { ExitStatus } from "./processes.js";
import type { Progress } from "./progress.js";
import type { ScimTarget } from "./scim-api.js";
import type { ServerProcess } from "./server-process.js";

// The state of one bench run, shared by the orchestration steps (run-bench.ts, run-scenarios.ts).

/** The bare Koa server and its first measurement. */
export interface Baseline {
  readonly server: BareKoaProcess;
  readonly path: string;
  readonly bytes: number;
  readonly contentType: string;
  readonly start: BaselineRun;
}

/** What the orchestration carries from step to step. */
export interface RunState {
  readonly args: BenchArgs;
  readonly settings: LoadSettings;
  readonly progress: Progress;
  readonly workDir: string;
  readonly databaseFile: string;
  /** The current server's address (a restart under --cpu-prof gets a new port). */
  target: ScimTarget;
  /** The admin token, for the admin console's `/api` at the same origin. */
  readonly adminToken: string;
  server: ServerProcess;
  readonly exits: ExitStatus[];
  readonly problems: string[];
  readonly growth: GrowthResult[];
  readonly stages: StageResult[];
  nextNumber: number;
  baseline?: Baseline;
  group?: BigGroup;
  cpuProfile?: CpuProfileReport;
  peakRssMiB: number | undefined;
}

/** Records a problem and says it at once, loudly, on stderr. */
export function problem(state: RunState, text: string | undefined): void {
  if (text === undefined) return;
  state.problems.push(text);
  state.progress.line(`!!! ${text}`);
}

/** Stops the current server and records how it exited. */
export async function stopServer(state: RunState): Promise<void> {
  const exit = await state.server.stop();
  state.exits.push(exit);
  if (exit.code !== 0) problem(state, `the server exited with code ${exit.code} (signal ${exit.signal})`);
}
