import { type ConformanceReport, rfcSuites } from "@scimkit/conformance";
import { describe, expect, it } from "vitest";
import { failuresOf, runKitAgainstReferenceServer } from "./run-kit.js";

const key = (suite: string, name: string) => `${suite} › ${name}`;

function passedCases(report: ConformanceReport): string[] {
  return report.results
    .filter((r) => r.status === "passed")
    .map((r) => key(r.suite, r.name))
    .sort();
}

describe("the RFC 7643/7644 suites against the reference server", () => {
  it("pass every case under the rfc profile", { timeout: 60_000 }, async () => {
    const report = await runKitAgainstReferenceServer(rfcSuites, { profile: "rfc" });
    expect(failuresOf(report)).toEqual([]);
    expect(report.skipped).toBe(0);
    expect(report.passed).toBeGreaterThanOrEqual(40);
  });

  it("run only the cases that create nothing with readOnly, and pass them", { timeout: 60_000 }, async () => {
    const report = await runKitAgainstReferenceServer(rfcSuites, { profile: "rfc", readOnly: true });
    expect(failuresOf(report)).toEqual([]);
    const readOnlyCases = rfcSuites.flatMap((suite) =>
      suite.cases.filter((c) => !c.creates).map((c) => key(suite.name, c.name)),
    );
    expect(readOnlyCases.length).toBeGreaterThanOrEqual(10);
    expect(passedCases(report)).toEqual(readOnlyCases.sort());
    const skipped = report.results.filter((r) => r.status === "skipped");
    expect(skipped).toHaveLength(report.results.length - readOnlyCases.length);
    expect(new Set(skipped.map((r) => r.reason))).toEqual(new Set(["creates data (--read-only)"]));
  });
});
