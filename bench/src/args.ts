import { isScenarioName, SCENARIO_NAMES, type ScenarioName } from "./scenarios.js";
import {
  parseWebhookArgs,
  WEBHOOK_BOOLEAN_FLAGS,
  WEBHOOK_USAGE,
  WEBHOOK_VALUED_FLAGS,
  type WebhookArgs,
} from "./webhook-args.js";

/** The command line, parsed and checked. */
export interface BenchArgs {
  readonly smoke: boolean;
  readonly json: boolean;
  readonly help: boolean;
  /** Population sizes, ascending: the scenarios run at each; the group ones at the last. */
  readonly users: readonly number[];
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  readonly groupMembers: number;
  readonly sampleSize: number;
  readonly cpuProfile: ScenarioName | undefined;
  /** The webhook scenarios: which run, on which server, at what sizes. */
  readonly webhooks: WebhookArgs;
}

/** `--help` text. */
export const USAGE = `Usage: pnpm bench [-- options]

  --smoke               tiny sizes and short runs (the test suite's mode)
  --json                print one JSON document on stdout instead of the table
  --users 10000,100000  population sizes, ascending (group scenarios at the last)
  --duration 10         measured seconds per scenario
  --warmup 2            warm-up seconds per scenario (results discarded)
  --connections 32      autocannon connections
  --group-members N     size of the big group (default: half the last population)
  --cpu-prof SCENARIO   profile the server during just that scenario, at the last population
                        (${SCENARIO_NAMES.join(", ")})
${WEBHOOK_USAGE}
Progress goes to stderr, the report to stdout.`;

interface Defaults {
  readonly users: readonly number[];
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  /** Absent: half the last population. */
  readonly groupMembers?: number;
}

const FULL: Defaults = { users: [10_000, 100_000], durationSeconds: 10, warmupSeconds: 2, connections: 32 };
const SMOKE: Defaults = {
  users: [300, 2000],
  durationSeconds: 1,
  warmupSeconds: 0.5,
  connections: 8,
  groupMembers: 200,
};

function positive(flag: string, raw: string | undefined, integer: boolean): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`${flag} needs a positive ${integer ? "integer" : "number"}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

const BOOLEAN_FLAGS = new Set(["--smoke", "--json", "--help", ...WEBHOOK_BOOLEAN_FLAGS]);
const VALUED_FLAGS = new Set([
  "--users",
  "--duration",
  "--warmup",
  "--connections",
  "--group-members",
  "--cpu-prof",
  ...WEBHOOK_VALUED_FLAGS,
]);

/** `--flag value` and `--flag=value` into a map; a boolean flag maps to `undefined`. */
function readFlags(argv: readonly string[]): Map<string, string | undefined> {
  const flags = new Map<string, string | undefined>();
  // `pnpm bench -- --smoke` hands the `--` on; it means nothing here.
  const args = argv.filter((arg) => arg !== "--");
  for (let i = 0; i < args.length; i++) {
    const [name = "", inline] = (args[i] ?? "").split(/=(.*)/s, 2);
    if (BOOLEAN_FLAGS.has(name)) flags.set(name, undefined);
    else if (VALUED_FLAGS.has(name)) flags.set(name, inline ?? args[++i]);
    else throw new Error(`unknown argument ${JSON.stringify(args[i])}\n\n${USAGE}`);
  }
  return flags;
}

function populations(raw: string | undefined, defaults: Defaults): readonly number[] {
  const users =
    raw === undefined
      ? defaults.users
      : raw.split(",").map((part) => positive("--users", part.replaceAll("_", ""), true));
  if (users.length === 0 || users.some((size, i) => i > 0 && size <= (users[i - 1] ?? 0))) {
    throw new Error("--users must be ascending, e.g. 10000,100000");
  }
  if ((users.at(-1) ?? 0) < 200) throw new Error("--users: the last population needs at least 200 users");
  return users;
}

function profiledScenario(flags: Map<string, string | undefined>): ScenarioName | undefined {
  if (!flags.has("--cpu-prof")) return undefined;
  const name = flags.get("--cpu-prof");
  if (name === undefined || !isScenarioName(name)) {
    throw new Error(`--cpu-prof needs a scenario name: ${SCENARIO_NAMES.join(", ")}`);
  }
  return name;
}

/** Parses `argv` (without node and script); throws with a message naming the bad flag. */
export function parseArgs(argv: readonly string[]): BenchArgs {
  const flags = readFlags(argv);
  const smoke = flags.has("--smoke");
  const defaults = smoke ? SMOKE : FULL;
  const number = (flag: string, fallback: number, integer: boolean) => {
    const raw = flags.get(flag);
    return raw === undefined ? fallback : positive(flag, raw, integer);
  };
  const users = populations(flags.get("--users"), defaults);
  const last = users.at(-1) ?? 0;
  const groupMembers = number("--group-members", defaults.groupMembers ?? Math.floor(last / 2), true);
  if (groupMembers >= last) throw new Error("--group-members must be below the last population size");
  return {
    smoke,
    json: flags.has("--json"),
    help: flags.has("--help"),
    users,
    durationSeconds: number("--duration", defaults.durationSeconds, false),
    // A warm-up may be switched off; every other figure must be positive.
    warmupSeconds: flags.get("--warmup") === "0" ? 0 : number("--warmup", defaults.warmupSeconds, false),
    connections: number("--connections", defaults.connections, true),
    groupMembers,
    sampleSize: 1000,
    cpuProfile: profiledScenario(flags),
    webhooks: parseWebhookArgs(flags, smoke, number),
  };
}
