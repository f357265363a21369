import { formatContractViolation } from "../contract-violation.js";
import type { CaseResult, ConformanceReport } from "../suite-types.js";

/** Options of {@link formatReport}. */
export interface FormatReportOptions {
  /** Suite name → title, for the suite headings (`users — Users (RFC 7644 §3.3)`). */
  readonly titles?: ReadonlyMap<string, string>;
}

const MARKS: Readonly<Record<CaseResult["status"], string>> = { passed: "✓", failed: "✗", skipped: "-" };

/** One line, whatever the reason holds (server details may carry newlines). */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/** Violations the reason does not already list (a case that failed its own check may also have some). */
function extraViolations(result: CaseResult): string {
  if (result.violations.length === 0 || result.reason?.startsWith("response does not conform")) return "";
  return `; also not per spec: ${result.violations.map(formatContractViolation).join("; ")}`;
}

/**
 * One case as one line: `✓ name (12 ms)`, `✗ name (12 ms): reason`, `- name (skipped: reason)`.
 */
export function formatCaseLine(result: CaseResult): string {
  const mark = MARKS[result.status];
  if (result.status === "skipped") {
    return `${mark} ${result.name} (skipped: ${oneLine(result.reason ?? "no reason given")})`;
  }
  const line = `${mark} ${result.name} (${result.durationMs} ms)`;
  if (result.status === "passed") return line;
  return `${line}: ${oneLine(`${result.reason ?? "no reason given"}${extraViolations(result)}`)}`;
}

/**
 * The last line of a report, which CI parses: `N passed, M failed`, with `, K skipped` when K > 0.
 */
export function formatSummary(report: Pick<ConformanceReport, "passed" | "failed" | "skipped">): string {
  const counts = `${report.passed} passed, ${report.failed} failed`;
  return report.skipped > 0 ? `${counts}, ${report.skipped} skipped` : counts;
}

/** Results in suite order, each suite once (runSuites already reports them suite by suite). */
function groupBySuite(results: readonly CaseResult[]): Map<string, CaseResult[]> {
  const groups = new Map<string, CaseResult[]>();
  for (const result of results) {
    const group = groups.get(result.suite);
    if (group === undefined) groups.set(result.suite, [result]);
    else group.push(result);
  }
  return groups;
}

/**
 * A conformance report as text for a terminal or a CI log: a heading per suite with its duration,
 * one line per case (see {@link formatCaseLine}), a blank line, and {@link formatSummary} as the
 * last line. Ends without a newline.
 */
export function formatReport(report: ConformanceReport, options: FormatReportOptions = {}): string {
  const lines: string[] = [];
  for (const [suite, results] of groupBySuite(report.results)) {
    const title = options.titles?.get(suite);
    const durationMs = results.reduce((sum, result) => sum + result.durationMs, 0);
    lines.push(`${title === undefined ? suite : `${suite} — ${title}`} (${durationMs} ms)`);
    for (const result of results) lines.push(`  ${formatCaseLine(result)}`);
    lines.push("");
  }
  lines.push(formatSummary(report));
  return lines.join("\n");
}
