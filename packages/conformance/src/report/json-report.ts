import type { RunOptions } from "../run-suites.js";
import type { CaseResult, ConformanceProfile, ConformanceReport } from "../suite-types.js";

/** The options of a run as the JSON report records them: everything but the token, defaults filled in. */
export interface JsonRunOptions {
  readonly baseUrl: string;
  readonly profile: ConformanceProfile;
  readonly readOnly: boolean;
  /** The suites asked for with `--only`, or null for all. */
  readonly only: readonly string[] | null;
  readonly timeoutMs: number;
}

/** What `scimkit-conformance --json` prints: the report's counts and results, and the run's options. */
export interface JsonReport {
  readonly options: JsonRunOptions;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly results: readonly CaseResult[];
}

/** The per-request timeout runSuites uses when none is given. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The JSON form of a report. Options are copied field by field (never spread), so the token — and
 * the fetch and callbacks — cannot reach the output.
 */
export function toJsonReport(
  report: ConformanceReport,
  options: Pick<RunOptions, "baseUrl" | "profile" | "readOnly" | "only" | "timeoutMs">,
): JsonReport {
  return {
    options: {
      baseUrl: options.baseUrl,
      profile: options.profile ?? "rfc",
      readOnly: options.readOnly ?? false,
      only: options.only ?? null,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    },
    passed: report.passed,
    failed: report.failed,
    skipped: report.skipped,
    results: report.results,
  };
}
