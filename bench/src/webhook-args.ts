import { existsSync } from "node:fs";
import { resolve } from "node:path";

// The webhook scenarios' flags (docs/performance.md#webhook-delivery), read from the flags args.ts
// has split, with its number reader so every figure is checked the same way.

/** What the webhook scenarios run, and on which server. */
export interface WebhookArgs {
  /**
   * `all`: the SCIM and console scenarios, then the webhook ones; `webhooks`: the webhook ones
   * alone; `ab`: only the write cost, `runs` times, alternately on `base` and `server`.
   */
  readonly mode: "all" | "webhooks" | "ab";
  /** main.js of the server the webhook scenarios start; undefined: this workspace's. */
  readonly server: string | undefined;
  /** main.js of the server to compare with (`--webhook-ab` only). */
  readonly base: string | undefined;
  readonly runs: number;
  /** Writes per second in the latency scenario. */
  readonly rate: number;
  readonly latencySeconds: number;
  /** Events in the backlog the drain scenario sends. */
  readonly drainEvents: number;
  /** Users created before each webhook server's scenarios (PATCH picks from them). */
  readonly users: number;
}

/** The `--help` lines of these flags. */
export const WEBHOOK_USAGE = `  --webhooks            run only the webhook scenarios (latency, drain, write cost)
  --webhook-ab          run only the webhook write cost (POST and PATCH with one endpoint),
                        --runs times; with --base, alternately on the base server and this one
  --server PATH         the server main.js the webhook scenarios start (default: this workspace's)
  --base PATH           with --webhook-ab: the server main.js to compare with
  --runs 3              with --webhook-ab: runs per server (medians are compared)
  --webhook-rate 100    writes per second in the delivery latency scenario
  --drain-events 10000  events in the backlog of the drain scenario`;

/** Flags without a value, and flags with one. */
export const WEBHOOK_BOOLEAN_FLAGS = ["--webhooks", "--webhook-ab"] as const;
export const WEBHOOK_VALUED_FLAGS = [
  "--server",
  "--base",
  "--runs",
  "--webhook-rate",
  "--drain-events",
] as const;

type ReadNumber = (flag: string, fallback: number, integer: boolean) => number;

const FULL = { runs: 3, rate: 100, latencySeconds: 20, drainEvents: 10_000, users: 1000 };
const SMOKE = { runs: 1, rate: 20, latencySeconds: 2, drainEvents: 200, users: 200 };

function serverMain(flag: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const path = resolve(raw);
  if (!existsSync(path)) throw new Error(`${flag}: no such file ${path} (build that server first)`);
  return path;
}

function modeOf(flags: ReadonlyMap<string, string | undefined>): WebhookArgs["mode"] {
  const webhooks = flags.has("--webhooks");
  const ab = flags.has("--webhook-ab");
  if (webhooks && ab) throw new Error("--webhooks and --webhook-ab exclude each other");
  if (flags.has("--cpu-prof") && (webhooks || ab))
    throw new Error("--cpu-prof profiles a SCIM scenario, not a webhook one");
  if (!ab && (flags.has("--base") || flags.has("--runs")))
    throw new Error("--base and --runs go with --webhook-ab");
  // The SCIM scenarios always run on this workspace's server (run-bench.ts).
  if (flags.has("--server") && !webhooks && !ab)
    throw new Error("--server goes with --webhooks or --webhook-ab");
  return ab ? "ab" : webhooks ? "webhooks" : "all";
}

/** The webhook flags of `flags`; throws with a message naming the bad one. */
export function parseWebhookArgs(
  flags: ReadonlyMap<string, string | undefined>,
  smoke: boolean,
  number: ReadNumber,
): WebhookArgs {
  const defaults = smoke ? SMOKE : FULL;
  return {
    mode: modeOf(flags),
    server: serverMain("--server", flags.get("--server")),
    base: serverMain("--base", flags.get("--base")),
    runs: number("--runs", defaults.runs, true),
    rate: number("--webhook-rate", defaults.rate, false),
    latencySeconds: defaults.latencySeconds,
    drainEvents: number("--drain-events", defaults.drainEvents, true),
    users: defaults.users,
  };
}
