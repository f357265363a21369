import { type BenchArgs, parseArgs, USAGE } from "./args.js";
import { cleanUp } from "./processes.js";
import { Progress } from "./progress.js";
import { formatReport } from "./report.js";
import { runBench } from "./run-bench.js";
import { runWebhookBench, runWebhookScenarios, withWebhooks } from "./run-webhooks.js";
import { formatWebhookReport } from "./webhook-report.js";

// `pnpm bench [-- flags]`: parse the flags, run, print the report (or JSON) on stdout. The exit
// code is 1 when any request failed or the server did not stop cleanly, 2 on a bad flag. The
// webhook scenarios run after the SCIM ones (not with --cpu-prof), or alone with --webhooks and
// --webhook-ab.

// Whatever happens, no server or load generator outlives the bench, and no database stays behind.
process.on("exit", cleanUp);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    process.stderr.write(`\nbench: ${signal}, stopping its processes\n`);
    cleanUp();
    process.exit(130);
  });
}

/** The SCIM and console scenarios, then the webhook ones (on servers of their own). */
async function runAll(args: BenchArgs) {
  const result = await runBench(args);
  if (args.cpuProfile !== undefined) return result;
  return withWebhooks(result, await runWebhookScenarios(args, new Progress()));
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const result = args.webhooks.mode === "all" ? await runAll(args) : await runWebhookBench(args);
  const report = "baseline" in result ? formatReport(result) : formatWebhookReport(result);
  process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : report);
  if (result.problems.length > 0) {
    process.stderr.write(`bench: ${result.problems.length} problem(s), see the report\n`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
