import { describe, expect, it } from "vitest";
import type { CaseResult, ConformanceReport } from "../suite-types.js";
import { formatCaseLine, formatReport, formatSummary } from "./format-report.js";

function result(overrides: Partial<CaseResult> & Pick<CaseResult, "status">): CaseResult {
  return { suite: "users", name: "creates a user", durationMs: 12, violations: [], ...overrides };
}

const violation = {
  kind: "undeclared-status",
  operationId: "createUser",
  status: 200,
  messages: ["status 200 is not declared (201, 400)"],
  method: "POST",
  url: "http://127.0.0.1:1234/scim/v2/Users",
} as const;

describe("formatSummary", () => {
  it.each<[string, { given: Pick<ConformanceReport, "passed" | "failed" | "skipped">; want: string }]>([
    ["all passed", { given: { passed: 3, failed: 0, skipped: 0 }, want: "3 passed, 0 failed" }],
    ["failures", { given: { passed: 1, failed: 2, skipped: 0 }, want: "1 passed, 2 failed" }],
    ["skips", { given: { passed: 1, failed: 0, skipped: 4 }, want: "1 passed, 0 failed, 4 skipped" }],
    ["nothing ran", { given: { passed: 0, failed: 0, skipped: 0 }, want: "0 passed, 0 failed" }],
  ])("counts %s", (_name, { given, want }) => {
    expect(formatSummary(given)).toBe(want);
    expect(want).toMatch(/^\d+ passed, \d+ failed(, \d+ skipped)?$/);
  });
});

describe("formatCaseLine", () => {
  it.each<[string, { given: CaseResult; want: string }]>([
    ["a pass with its duration", { given: result({ status: "passed" }), want: "✓ creates a user (12 ms)" }],
    [
      "a failure with its reason",
      {
        given: result({ status: "failed", reason: "POST /Users: expected HTTP 201, got 200" }),
        want: "✗ creates a user (12 ms): POST /Users: expected HTTP 201, got 200",
      },
    ],
    [
      "a skip with its reason and no duration",
      {
        given: result({ status: "skipped", reason: "needs --profile scimkit", durationMs: 0 }),
        want: "- creates a user (skipped: needs --profile scimkit)",
      },
    ],
    [
      "a reason with newlines on one line",
      {
        given: result({ status: "failed", reason: "first\n  second\r\nthird" }),
        want: "✗ creates a user (12 ms): first second third",
      },
    ],
    [
      "violations the reason does not list",
      {
        given: result({ status: "failed", reason: "userName: expected a, got b", violations: [violation] }),
        want:
          "✗ creates a user (12 ms): userName: expected a, got b; also not per spec: POST " +
          "http://127.0.0.1:1234/scim/v2/Users → 200 createUser undeclared-status: status 200 is not declared (201, 400)",
      },
    ],
    [
      "violations the reason already lists, once",
      {
        given: result({
          status: "failed",
          reason: "response does not conform to the spec: x",
          violations: [violation],
        }),
        want: "✗ creates a user (12 ms): response does not conform to the spec: x",
      },
    ],
  ])("shows %s", (_name, { given, want }) => {
    expect(formatCaseLine(given)).toBe(want);
  });
});

describe("formatReport", () => {
  const report: ConformanceReport = {
    results: [
      result({ status: "passed" }),
      result({
        status: "failed",
        name: "rejects a duplicate",
        reason: "expected HTTP 409, got 201",
        durationMs: 3,
      }),
      result({
        suite: "lifecycle",
        name: "keeps userName",
        status: "skipped",
        reason: "needs --profile scimkit",
      }),
    ],
    passed: 1,
    failed: 1,
    skipped: 1,
  };

  it("groups the cases by suite under the suite's title and ends with the counts", () => {
    const text = formatReport(report, { titles: new Map([["users", "Users (RFC 7644 §3.3)"]]) });
    expect(text.split("\n")).toEqual([
      "users — Users (RFC 7644 §3.3) (15 ms)",
      "  ✓ creates a user (12 ms)",
      "  ✗ rejects a duplicate (3 ms): expected HTTP 409, got 201",
      "",
      "lifecycle (12 ms)",
      "  - keeps userName (skipped: needs --profile scimkit)",
      "",
      "1 passed, 1 failed, 1 skipped",
    ]);
  });

  it("is only the counts when nothing ran", () => {
    expect(formatReport({ results: [], passed: 0, failed: 0, skipped: 0 })).toBe("0 passed, 0 failed");
  });
});
