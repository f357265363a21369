import { allSuites, runSuites } from "@scimkit/conformance";
import { describe, expect, it } from "vitest";
import { startTestServer } from "../helpers/test-server.js";

/**
 * The same server on PostgreSQL: the whole conformance kit (every RFC, IdP and policy case) on a
 * fresh schema. Runs when TEST_POSTGRES_URL is set (.ci/run starts a throwaway cluster and sets
 * it); without it the suite is reported as skipped.
 */
const url = process.env.TEST_POSTGRES_URL;

describe.skipIf(url === undefined || url === "")("PostgreSQL (TEST_POSTGRES_URL)", () => {
  it("passes every conformance suite under --profile scimkit, skipping nothing", async () => {
    const server = await startTestServer({ postgresUrl: url });
    try {
      const report = await runSuites(allSuites, {
        baseUrl: server.scimUrl,
        token: server.token,
        profile: "scimkit",
      });
      // A failure shows the server's own error lines too (a 500 is logged with its cause).
      const errors = server.logs.filter((line) => line.includes('"level":50'));
      expect(
        report.results.filter((r) => r.status !== "passed").map((r) => `${r.suite} › ${r.name}: ${r.reason}`),
        errors.join("\n"),
      ).toEqual([]);
      expect(report.passed).toBeGreaterThan(150);
    } finally {
      await server.close();
    }
  }, 120_000);
});
