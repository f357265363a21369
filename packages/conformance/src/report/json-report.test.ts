import { describe, expect, it } from "vitest";
import type { RunOptions } from "../run-suites.js";
import type { ConformanceReport } from "../suite-types.js";
import { toJsonReport } from "./json-report.js";

const report: ConformanceReport = {
  results: [{ suite: "users", name: "creates a user", status: "passed", durationMs: 4, violations: [] }],
  passed: 1,
  failed: 0,
  skipped: 0,
};

describe("toJsonReport", () => {
  it("records the options with defaults filled in, and never the token, fetch or callbacks", () => {
    const options: RunOptions = {
      baseUrl: "https://app.example.com/scim/v2",
      token: "secret-token-value",
      fetch: globalThis.fetch,
      onResult: () => undefined,
    };
    const json = toJsonReport(report, options);
    expect(json).toEqual({
      options: {
        baseUrl: "https://app.example.com/scim/v2",
        profile: "rfc",
        readOnly: false,
        only: null,
        timeoutMs: 10_000,
      },
      ...report,
    });
    expect(JSON.stringify(json)).not.toContain("secret-token-value");
  });

  it("keeps the options given", () => {
    const json = toJsonReport(report, {
      baseUrl: "http://127.0.0.1:8080/scim/v2",
      profile: "scimkit",
      readOnly: true,
      only: ["users", "filters"],
      timeoutMs: 2_000,
    });
    expect(json.options).toEqual({
      baseUrl: "http://127.0.0.1:8080/scim/v2",
      profile: "scimkit",
      readOnly: true,
      only: ["users", "filters"],
      timeoutMs: 2_000,
    });
  });
});
