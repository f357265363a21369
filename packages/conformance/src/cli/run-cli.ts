import { formatReport } from "../report/format-report.js";
import { toJsonReport } from "../report/json-report.js";
import { createProgress, silentProgress } from "../report/progress.js";
import { runSuites } from "../run-suites.js";
import type { ConformanceSuite } from "../suite-types.js";
import { allSuites } from "../suites/all.js";
import { type CliRunOptions, parseCliArgs, secretsIn } from "./cli-args.js";
import { preflight } from "./preflight.js";
import { createRedactor } from "./redact.js";
import { usage } from "./usage.js";

/** A stream the CLI writes to: `process.stdout`/`process.stderr`, or a buffer in tests. */
export interface CliStream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

/** The process around the CLI, passed in so that tests need no process. */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** The fetch every request goes through; `globalThis.fetch` by default. */
  readonly fetch?: typeof fetch;
}

/** Exit statuses: every case passed (or was skipped), a case failed, usage or connection error. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/**
 * The `scimkit-conformance` command without the process: parses `argv` (arguments after the
 * program name), runs the suites against `--base` and writes the report (text or `--json`) to
 * stdout, a progress line to stderr when both are terminals, errors to stderr. Returns the exit
 * status. Every write passes through a redactor, so the token is never printed — not in errors,
 * not in the JSON, not when a server echoes it back.
 */
export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
  suites: readonly ConformanceSuite[] = allSuites,
): Promise<number> {
  const redact = createRedactor(secretsIn(argv, env));
  const out = (text: string) => void io.stdout.write(redact(text));
  const fail = (message: string) => {
    io.stderr.write(redact(`scimkit-conformance: ${message}\n`));
    return EXIT_USAGE;
  };
  const request = parseCliArgs(argv, env);
  if (request.kind === "error") return fail(`${request.message}\nRun with --help for usage.`);
  if (request.kind === "help") {
    out(`${usage(suites)}\n`);
    return EXIT_OK;
  }
  const options = request.options;
  const known = suites.map((suite) => suite.name);
  const unknown = options.only?.filter((name) => !known.includes(name)) ?? [];
  if (unknown.length > 0) {
    return fail(`unknown suite ${unknown.join(", ")}; known suites: ${known.join(", ")}`);
  }
  const send = io.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const problem = await preflight(options, send);
  if (problem !== undefined) return fail(problem);
  return run(suites, options, send, io, redact);
}

async function run(
  suites: readonly ConformanceSuite[],
  options: CliRunOptions,
  send: typeof fetch,
  io: CliIo,
  redact: (text: string) => string,
): Promise<number> {
  const selected = suites.filter((suite) => options.only?.includes(suite.name) ?? true);
  const total = selected.reduce((sum, suite) => sum + suite.cases.length, 0);
  const progress =
    io.stdout.isTTY === true && io.stderr.isTTY === true
      ? createProgress({ write: (text) => io.stderr.write(redact(text)), columns: io.stderr.columns }, total)
      : silentProgress;
  const runOptions = {
    baseUrl: options.baseUrl,
    profile: options.profile,
    readOnly: options.readOnly,
    timeoutMs: options.timeoutMs,
    ...(options.only === undefined ? {} : { only: options.only }),
  };
  let report: Awaited<ReturnType<typeof runSuites>>;
  try {
    report = await runSuites(suites, {
      ...runOptions,
      token: options.token,
      fetch: send,
      onResult: progress.update,
    });
  } catch (error) {
    io.stderr.write(redact(`scimkit-conformance: the run stopped: ${(error as Error).message}\n`));
    return EXIT_USAGE;
  } finally {
    progress.done();
  }
  const text = options.json
    ? JSON.stringify(toJsonReport(report, runOptions), null, 2)
    : formatReport(report, { titles: new Map(suites.map((suite) => [suite.name, suite.title])) });
  io.stdout.write(redact(`${text}\n`));
  return report.failed > 0 ? EXIT_FAILED : EXIT_OK;
}
