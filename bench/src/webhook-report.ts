import type { LatencySummary } from "./latency-summary.js";
import { grouped } from "./progress.js";
import { table, targetTable } from "./text-table.js";
import type {
  DeliveryLatencyResult,
  DrainResult,
  WebhookBenchResult,
  WebhookResult,
  WriteCostResult,
} from "./webhook-result.js";

// The webhook scenarios in the human report: after the SCIM scenarios in a full run, or alone with
// `--webhooks` and `--webhook-ab`.

const ms = (value: number) => (value >= 100 ? grouped(value) : value.toFixed(1));

function spread(latency: LatencySummary): string {
  return `p50 ${ms(latency.p50Ms)} ms  p95 ${ms(latency.p95Ms)} ms  p99 ${ms(latency.p99Ms)} ms  max ${ms(latency.maxMs)} ms`;
}

function latencyLines(latency: DeliveryLatencyResult): string[] {
  const failed = latency.writeFailures > 0 ? ` (${latency.writeFailures} FAILED)` : "";
  return [
    "",
    `Commit → first attempt, ${latency.rate} writes/s for ${latency.seconds} s (POST /Users and PATCH /Users/{id} alternately):`,
    `  writes: ${grouped(latency.writes)}${failed}, answered in ${spread(latency.writeResponse)}`,
    `  events: ${grouped(latency.delivered)} delivered, ${latency.duplicates} repeated`,
    `  latency (arrival at the receiver − the event's timestamp): ${spread(latency.latency)}`,
  ];
}

function drainLines(drain: DrainResult): string[] {
  return [
    "",
    `Backlog drain: ${grouped(drain.events)} events made with the endpoint disabled ` +
      `(POST /Users, ${grouped(drain.createPerSecond)}/s for ${drain.createSeconds.toFixed(1)} s), then enabled:`,
    `  ${grouped(drain.delivered)} delivered ${drain.seconds.toFixed(1)} s after the enabling PATCH: ` +
      `${grouped(drain.eventsPerSecond)} events/s`,
    `  first arrival after ${grouped(drain.firstDeliveryMs)} ms; ${grouped(drain.steadyEventsPerSecond)} events/s ` +
      `from the first arrival to the last; ${drain.duplicates} repeated`,
  ];
}

function writeCostLines(cost: WriteCostResult): string[] {
  const numbers = { current: 0, base: 0 };
  const rows = cost.runs.flatMap((run) => {
    numbers[run.server] += 1;
    const name = `${run.server} ${numbers[run.server]}`;
    return run.scenarios.map((s) => [
      name,
      s.result.label,
      grouped(s.result.requestsPerSecond),
      s.result.p50Ms.toFixed(2),
      s.result.p99Ms.toFixed(2),
      s.result.failures > 0 ? `${s.result.failures} !!!` : "0",
      s.backlog === null
        ? "no webhooks"
        : `${grouped(s.backlog.deliveredAtEnd)} / ${grouped(s.backlog.delivered)}`,
      s.backlog === null ? "" : s.backlog.catchUpSeconds.toFixed(1),
      s.backlog === null ? "" : ms(s.backlog.latency.p99Ms),
    ]);
  });
  const lines = [
    "",
    `Write cost with the outbox and the endpoint receiving (${grouped(cost.users)} users, each run a fresh server):`,
    ...table(
      [
        "run",
        "scenario",
        "req/s",
        "p50 ms",
        "p99 ms",
        "failures",
        "delivered at end / all",
        "catch-up s",
        "delivery p99 ms",
      ],
      rows,
      2,
    ),
  ];
  if (cost.comparison !== null) {
    lines.push(
      "",
      "Compared with the base server (median req/s of each server's runs):",
      ...table(
        ["scenario", "base runs", "current runs", "base", "current", "current ÷ base"],
        cost.comparison.map((c) => [
          c.label,
          c.baseRuns.map(grouped).join(" / "),
          c.currentRuns.map(grouped).join(" / "),
          grouped(c.baseMedian),
          grouped(c.currentMedian),
          c.ratio.toFixed(3),
        ]),
      ),
    );
  }
  return lines;
}

/** The webhook scenarios' section of the report. */
export function webhookLines(result: WebhookResult): string[] {
  const base = result.baseServer === null ? "" : `; base ${result.baseServer}`;
  return [
    "",
    `Webhook delivery: server ${result.server}${base}; one endpoint, a receiver process on 127.0.0.1 answering 204:`,
    ...(result.latency === null ? [] : latencyLines(result.latency)),
    ...(result.drain === null ? [] : drainLines(result.drain)),
    ...(result.writeCost === null ? [] : writeCostLines(result.writeCost)),
  ];
}

/** The whole report of a `--webhooks` or `--webhook-ab` run. */
export function formatWebhookReport(result: WebhookBenchResult): string {
  const { machine, settings } = result;
  const lines = [
    `scimkit bench (webhooks): node ${machine.node}, ${machine.cpuModel}, ${machine.cores} cores, ${machine.platform}`,
    `Server: ${machine.sqlite}. Logs: ${machine.serverLogs}.`,
    `Write load: autocannon in its own process, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up ` +
      `(discarded), ${settings.durationSeconds} s measured${settings.smoke ? " (SMOKE: tiny sizes, figures mean nothing)" : ""}.`,
    ...webhookLines(result.webhooks),
    "",
    "Targets of bench/src/targets.ts, webhook delivery:",
    ...targetTable(result.targets),
  ];
  if (result.problems.length > 0) {
    lines.push("", `!!! ${result.problems.length} PROBLEM(S): the figures above are suspect:`);
    for (const text of result.problems) lines.push(`!!! ${text}`);
  }
  return `${lines.join("\n")}\n`;
}
