import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchArgs } from "./args.js";
import type { BenchResult } from "./bench-result.js";
import { median } from "./latency-summary.js";
import { startLoadWorker } from "./load-client.js";
import { machineInfo } from "./machine.js";
import { removeLater } from "./processes.js";
import { Progress } from "./progress.js";
import { SERVER_MAIN } from "./run-scenarios.js";
import { evaluateWebhookTargets } from "./targets.js";
import { startReceiver, type WebhookReceiver } from "./webhook-receiver-client.js";
import type {
  WebhookBenchResult,
  WebhookResult,
  WriteCostComparison,
  WriteCostResult,
  WriteCostRun,
} from "./webhook-result.js";
import { measureDrain, measureLatency, measureWriteCost } from "./webhook-scenarios.js";
import { closeSession, openSession, type WebhookContext, type WebhookSession } from "./webhook-session.js";

// The orchestration of the webhook scenarios (docs/performance.md#webhook-delivery): one server for
// the latency and drain scenarios, then a fresh server per write-cost run, alternately on the base
// and the measured server when comparing, so drift on a shared machine falls on both alike.

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Runs `work` on a session of `mainJs`, closing it whatever happens. */
async function withSession<T>(
  context: WebhookContext,
  mainJs: string,
  name: string,
  work: (session: WebhookSession) => Promise<T>,
): Promise<T> {
  const session = await openSession(context, mainJs, name);
  try {
    return await work(session);
  } finally {
    await closeSession(context, session);
  }
}

/** One write-cost run on a fresh server of `mainJs`. */
function writeCostRun(
  context: WebhookContext,
  mainJs: string,
  server: WriteCostRun["server"],
  run: number,
): Promise<WriteCostRun> {
  return withSession(context, mainJs, `${server} write cost ${run}`, async (session) => ({
    server,
    webhooks: session.endpointId !== undefined,
    scenarios: await measureWriteCost(context, session),
  }));
}

function comparisonOf(runs: readonly WriteCostRun[]): WriteCostComparison[] {
  const figures = (server: WriteCostRun["server"], name: string) =>
    runs
      .filter((run) => run.server === server)
      .flatMap((run) => run.scenarios.filter((s) => s.result.name === name))
      .map((s) => s.result.requestsPerSecond);
  return (["post-user", "patch-user"] as const).map((scenario) => {
    const label =
      runs.flatMap((run) => run.scenarios).find((s) => s.result.name === scenario)?.result.label ?? scenario;
    const baseRuns = figures("base", scenario);
    const currentRuns = figures("current", scenario);
    const baseMedian = median(baseRuns);
    const currentMedian = median(currentRuns);
    return {
      scenario,
      label,
      baseRuns,
      currentRuns,
      baseMedian,
      currentMedian,
      ratio: baseMedian > 0 ? currentMedian / baseMedian : 0,
    };
  });
}

/** The write cost `runs` times; with a base, base and current alternately, base first. */
async function writeCost(context: WebhookContext, current: string, runs: number): Promise<WriteCostResult> {
  const { base } = context.args.webhooks;
  const results: WriteCostRun[] = [];
  for (let run = 1; run <= runs; run++) {
    if (base !== undefined) results.push(await writeCostRun(context, base, "base", run));
    results.push(await writeCostRun(context, current, "current", run));
  }
  return {
    users: context.args.webhooks.users,
    runs: results,
    comparison: base === undefined ? null : comparisonOf(results),
  };
}

const shown = (path: string) => (path.startsWith(REPO_ROOT) ? relative(REPO_ROOT, path) : path);

/** Runs the webhook scenarios `args.webhooks.mode` asks for; failures are in `problems`, not thrown. */
export async function runWebhookScenarios(
  args: BenchArgs,
  progress: Progress,
): Promise<{ webhooks: WebhookResult; problems: string[] }> {
  const current = args.webhooks.server ?? SERVER_MAIN;
  const workDir = removeLater(mkdtempSync(join(tmpdir(), "scimkit-bench-webhooks-")));
  const loadWorker = startLoadWorker();
  let receiver: WebhookReceiver | undefined;
  try {
    receiver = await startReceiver();
    const context: WebhookContext = { args, progress, load: loadWorker.run, receiver, workDir, problems: [] };
    progress.line(`webhook receiver on ${receiver.url} (pid ${receiver.pid})`);
    const delivery =
      args.webhooks.mode === "ab"
        ? { latency: null, drain: null }
        : await withSession(context, current, "current delivery", async (session) => ({
            latency: await measureLatency(context, session),
            drain: await measureDrain(context, session),
          }));
    const runs = args.webhooks.mode === "ab" ? args.webhooks.runs : 1;
    const webhooks: WebhookResult = {
      server: shown(current),
      baseServer: args.webhooks.base === undefined ? null : shown(args.webhooks.base),
      users: args.webhooks.users,
      ...delivery,
      writeCost: await writeCost(context, current, runs),
    };
    return { webhooks, problems: context.problems };
  } finally {
    await loadWorker.stop();
    await receiver?.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** A `--webhooks` or `--webhook-ab` run: the webhook scenarios alone. */
export async function runWebhookBench(args: BenchArgs): Promise<WebhookBenchResult> {
  const { webhooks, problems } = await runWebhookScenarios(args, new Progress());
  const { smoke, connections, warmupSeconds, durationSeconds } = args;
  return {
    machine: machineInfo(),
    settings: {
      smoke,
      mode: args.webhooks.mode === "ab" ? "ab" : "webhooks",
      connections,
      warmupSeconds,
      durationSeconds,
    },
    webhooks,
    targets: evaluateWebhookTargets(webhooks),
    problems,
  };
}

/** The SCIM run's result with the webhook scenarios' figures, targets and problems added. */
export function withWebhooks(
  result: BenchResult,
  run: { readonly webhooks: WebhookResult; readonly problems: readonly string[] },
): BenchResult {
  return {
    ...result,
    webhooks: run.webhooks,
    targets: [...result.targets, ...evaluateWebhookTargets(run.webhooks)],
    problems: [...result.problems, ...run.problems],
  };
}
