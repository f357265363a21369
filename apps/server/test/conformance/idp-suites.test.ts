/**
 * The kit's IdP emulation suites and the scimkit lifecycle-policy suite, run over HTTP against the
 * reference server: with `--profile scimkit` every case passes (none skipped, Group is announced);
 * with `--profile rfc` the policy cases are reported skipped for the profile, not failed.
 */
import { idpSuites, policySuites } from "@scimkit/conformance";
import { describe, expect, it } from "vitest";
import { failuresOf, runKitAgainstReferenceServer } from "./run-kit.js";

describe("IdP emulation and lifecycle-policy suites against the reference server", () => {
  it("pass every case with --profile scimkit, skipping none", async () => {
    const report = await runKitAgainstReferenceServer([...idpSuites, ...policySuites], {
      profile: "scimkit",
    });
    expect(failuresOf(report)).toEqual([]);
    expect(report.results.filter((r) => r.status === "skipped").map((r) => `${r.suite} › ${r.name}`)).toEqual(
      [],
    );
    expect(report.passed).toBe(
      [...idpSuites, ...policySuites].reduce((sum, suite) => sum + suite.cases.length, 0),
    );
  }, 60_000);

  it("report the policy cases as skipped for the profile, not failed, with --profile rfc", async () => {
    const report = await runKitAgainstReferenceServer([...idpSuites, ...policySuites], { profile: "rfc" });
    expect(failuresOf(report)).toEqual([]);
    const policyNames = new Set(policySuites.map((suite) => suite.name));
    const policyResults = report.results.filter((r) => policyNames.has(r.suite));
    expect(policyResults).toHaveLength(policySuites.reduce((sum, suite) => sum + suite.cases.length, 0));
    for (const result of policyResults) {
      expect(result).toMatchObject({ status: "skipped", reason: expect.stringMatching(/profile/) });
    }
    const notPassed = report.results.filter((r) => !policyNames.has(r.suite) && r.status !== "passed");
    expect(notPassed.map((r) => `${r.suite} › ${r.name}: ${r.status}`)).toEqual([]);
  }, 60_000);
});
