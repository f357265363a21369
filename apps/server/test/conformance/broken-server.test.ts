import { allSuites, type ConformanceReport, runSuites } from "@scimkit/conformance";
import { describe, expect, it } from "vitest";
import { startTestServer } from "../helpers/test-server.js";
import { type Fault, faultyFetch } from "./fault-fetch.js";
import { failuresOf } from "./run-kit.js";

/** Runs the named suites (profile scimkit) against a fresh reference server, optionally made faulty. */
async function runAgainst(fault: Fault | undefined, only: readonly string[]): Promise<ConformanceReport> {
  const server = await startTestServer();
  try {
    return await runSuites(allSuites, {
      baseUrl: server.scimUrl,
      token: server.token,
      profile: "scimkit",
      only,
      ...(fault === undefined ? {} : { fetch: faultyFetch(fault) }),
    });
  } finally {
    await server.close();
  }
}

/** What must show when a fault is caught: a failed case of `suite` (named like `name`) whose reason matches `reason`. */
interface Symptom {
  readonly suite: string;
  readonly name?: RegExp;
  readonly reason: RegExp;
}

/** Whether the report has a failed case showing the symptom. */
function shows(report: ConformanceReport, symptom: Symptom): boolean {
  return report.results.some(
    (r) =>
      r.suite === symptom.suite &&
      r.status === "failed" &&
      (symptom.name?.test(r.name) ?? true) &&
      symptom.reason.test(r.reason ?? ""),
  );
}

const faults: [Fault, Symptom][] = [
  ["create-answers-200", { suite: "users", reason: /^POST \/Users .*expected HTTP 201, got 200/ }],
  ["drops-schemas", { suite: "users", reason: /must have required property 'schemas'/ }],
  ["ignores-filter", { suite: "filters", reason: /^GET \/Users\?filter=.*: expected \[.*\], got \[/ }],
  [
    "accepts-username-change",
    { suite: "lifecycle-policy", name: /^userName: a PATCH/, reason: /^PATCH .*expected HTTP 400, got 200/ },
  ],
  ["total-results-off-by-one", { suite: "pagination", reason: /totalResults/ }],
];

describe("the conformance kit against a broken server", () => {
  it("passes the unbroken reference server on every suite the faults break", async () => {
    const report = await runAgainst(undefined, [...new Set(faults.map(([, { suite }]) => suite))]);
    expect(failuresOf(report)).toEqual([]);
    for (const [, { suite }] of faults) {
      expect(report.results.filter((r) => r.suite === suite && r.status === "passed").length).toBeGreaterThan(
        0,
      );
    }
  }, 60_000);

  it.each(faults)(
    "fails a server with the fault %s in the suite that checks it",
    async (fault, symptom) => {
      const report = await runAgainst(fault, [symptom.suite]);
      expect(report.failed).toBeGreaterThan(0);
      const failed = report.results.filter((r) => r.status === "failed").map((r) => `${r.name}: ${r.reason}`);
      expect(shows(report, symptom), `no failure shows the symptom; failures:\n${failed.join("\n")}`).toBe(
        true,
      );
    },
    60_000,
  );
});
