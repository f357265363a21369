import { allSuites } from "@scimkit/conformance";
import { describe, expect, it } from "vitest";
import { failuresOf, runKitAgainstReferenceServer } from "./run-kit.js";

describe("the conformance kit against the reference server", () => {
  it("passes every suite under --profile scimkit on a fresh database, skipping nothing", {
    timeout: 60_000,
  }, async () => {
    const report = await runKitAgainstReferenceServer(allSuites, { profile: "scimkit" });
    expect(failuresOf(report)).toEqual([]);
    expect(
      report.results
        .filter((result) => result.status === "skipped")
        .map((r) => `${r.suite} › ${r.name}: ${r.reason}`),
    ).toEqual([]);
    expect(report.passed).toBeGreaterThan(150);
  });
});
