import type { TargetOutcome } from "./bench-result.js";

// Plain text tables for the human reports (report.ts, webhook-report.ts).

/** Rows under a header, columns padded; the first `leftColumns` left-aligned, the rest right-aligned. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  leftColumns = 1,
): string[] {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (row: readonly string[]) =>
    `  ${row.map((cell, i) => (i < leftColumns ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ")}`.trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The targets as a table: met, MISSED or n/a, what, and the figure. */
export function targetTable(targets: readonly TargetOutcome[]): string[] {
  const verdict = (met: boolean | null) => (met === null ? "n/a" : met ? "met" : "MISSED");
  return table(
    ["", "target", "measured"],
    targets.map((t) => [verdict(t.met), t.description, t.measured]),
    2,
  );
}
