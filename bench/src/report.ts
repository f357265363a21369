import type { BaselineRun, BenchResult, ScenarioResult, StageResult } from "./bench-result.js";
import { grouped } from "./progress.js";
import { table, targetTable } from "./text-table.js";
import { webhookLines } from "./webhook-report.js";

// The human report: plain text tables for stdout. `--json` prints the BenchResult instead.

const ms = (value: number) => value.toFixed(2);
const mib = (value: number | null) => (value === null ? "n/a" : value.toFixed(1));
const percent = (change: number) => `${change >= 0 ? "+" : ""}${(change * 100).toFixed(1)} %`;

function baselineLine(name: string, run: BaselineRun): string {
  return `  ${name.padEnd(5)} ${grouped(run.requestsPerSecond).padStart(8)} req/s  p50 ${ms(run.p50Ms)} ms  p99 ${ms(run.p99Ms)} ms  failures ${run.failures}`;
}

function scenarioRow(s: ScenarioResult): string[] {
  const failures = s.failures > 0 ? `${s.failures} !!!` : "0";
  return [
    s.label,
    grouped(s.requestsPerSecond),
    ms(s.p50Ms),
    ms(s.p99Ms),
    s.ratio.toFixed(3),
    mib(s.peakRssMiB),
    `${grouped(s.responses)}${s.poolExhausted ? " (pool used up)" : ""}`,
    failures,
  ];
}

function stageLines(stage: StageResult): string[] {
  return [
    "",
    `Scenarios at ${grouped(stage.users)} users (ids from a sample of ${grouped(stage.sampleSize)}):`,
    ...table(
      ["scenario", "req/s", "p50 ms", "p99 ms", "ratio", "RSS MiB", "responses", "failures"],
      stage.scenarios.map(scenarioRow),
    ),
  ];
}

function headerLines({ machine, settings, baseline }: BenchResult): string[] {
  const drift =
    (baseline.end.requestsPerSecond - baseline.start.requestsPerSecond) / baseline.start.requestsPerSecond;
  return [
    `scimkit bench: node ${machine.node}, ${machine.cpuModel}, ${machine.cores} cores, ${machine.platform}`,
    `Server: ${machine.sqlite}. Logs: ${machine.serverLogs}.`,
    `Load: autocannon in its own process, ${settings.connections} connections, ` +
      `${settings.warmupSeconds} s warm-up (discarded), ${settings.durationSeconds} s measured per scenario` +
      `${settings.smoke ? " (SMOKE: tiny sizes, figures mean nothing)" : ""}.`,
    "",
    `Bare Koa baseline (${baseline.bodyBytes}-byte SCIM User, ${baseline.contentType}); ratios divide by the mean:`,
    baselineLine("start", baseline.start),
    baselineLine("end", baseline.end),
    `  mean  ${grouped(baseline.meanRequestsPerSecond).padStart(8)} req/s  (drift start → end ${percent(drift)})`,
  ];
}

function growthLines({ settings, growth, group }: BenchResult): string[] {
  const lines = [
    "",
    `Growth through POST /Users (autocannon, ${settings.connections} connections, a new user per request):`,
    ...table(
      ["users", "POST/s", "seconds", "p50 ms", "p99 ms", "failures"],
      growth.map((g) => [
        `${grouped(g.from)} → ${grouped(g.to)}`,
        grouped(g.requestsPerSecond),
        g.seconds.toFixed(1),
        ms(g.p50Ms),
        ms(g.p99Ms),
        g.failures > 0 ? `${g.failures} !!!` : "0",
      ]),
    ),
  ];
  if (group !== null) {
    const seconds = group.fillSeconds.toFixed(1);
    lines.push(
      "",
      `Group: ${grouped(group.members)} members added by PATCH, 1,000 per request, in ${seconds} s.`,
    );
  }
  return lines;
}

function verdictLines({ flatness, stages, targets, webhooks }: BenchResult): string[] {
  const lines: string[] = [];
  if (flatness.length > 0) lines.push("", "Flatness (req/s from the first to the last stage):");
  for (const f of flatness) {
    const from = `${grouped(f.fromRequestsPerSecond)} at ${grouped(f.fromUsers)}`;
    const to = `${grouped(f.toRequestsPerSecond)} at ${grouped(f.toUsers)} users`;
    lines.push(`  ${f.scenario.padEnd(18)} ${from} → ${to}  (${percent(f.change)})`);
  }
  const last = stages.at(-1);
  const users = last === undefined ? "n/a" : grouped(last.users);
  const then = webhooks === undefined ? "" : ", then webhook delivery";
  lines.push("", `Targets of bench/src/targets.ts, SCIM API then admin console (at ${users} users)${then}:`);
  lines.push(...targetTable(targets));
  return lines;
}

function footerLines({ server, cpuProfile, problems }: BenchResult): string[] {
  const exits = server.exits.map((e) => `code ${e.code}${e.signal ? ` signal ${e.signal}` : ""}`).join(", ");
  const lines = [
    "",
    `Server peak RSS (VmHWM): ${mib(server.peakRssMiB)} MiB; server exit: ${exits || "n/a"}.`,
  ];
  if (cpuProfile !== null) {
    lines.push("", `CPU profile of ${cpuProfile.scenario}: ${cpuProfile.file}`, "Top 25 by self time:");
    const rows = cpuProfile.top.map((t) => [t.location, t.selfMs.toFixed(1), t.percent.toFixed(1)]);
    lines.push(...table(["function location", "self ms", "%"], rows));
  }
  if (problems.length > 0) {
    lines.push("", `!!! ${problems.length} PROBLEM(S): requests failed; the figures above are suspect:`);
    for (const text of problems) lines.push(`!!! ${text}`);
  }
  return lines;
}

/** The whole report, as text for stdout. */
export function formatReport(result: BenchResult): string {
  const lines = [
    ...headerLines(result),
    ...growthLines(result),
    ...result.stages.flatMap(stageLines),
    ...(result.webhooks === undefined ? [] : webhookLines(result.webhooks)),
    ...verdictLines(result),
    ...footerLines(result),
  ];
  return `${lines.join("\n")}\n`;
}
