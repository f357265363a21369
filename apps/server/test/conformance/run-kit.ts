import {
  type ConformanceProfile,
  type ConformanceReport,
  type ConformanceSuite,
  runSuites,
} from "@scimkit/conformance";
import { startTestServer } from "../helpers/test-server.js";

/** Runs conformance suites against a fresh reference server (fresh `:memory:` database). */
export async function runKitAgainstReferenceServer(
  suites: readonly ConformanceSuite[],
  options: { profile?: ConformanceProfile; readOnly?: boolean; fetch?: typeof fetch } = {},
): Promise<ConformanceReport> {
  const server = await startTestServer();
  try {
    return await runSuites(suites, {
      baseUrl: server.scimUrl,
      token: server.token,
      profile: options.profile ?? "scimkit",
      readOnly: options.readOnly ?? false,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
  } finally {
    await server.close();
  }
}

/** The failed cases of a report as readable lines, for `expect(...).toEqual([])`. */
export function failuresOf(report: ConformanceReport): string[] {
  return report.results
    .filter((r) => r.status === "failed")
    .map((r) => `${r.suite} › ${r.name}: ${r.reason ?? ""}`);
}
