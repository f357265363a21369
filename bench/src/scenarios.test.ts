import { describe, expect, it } from "vitest";
import type { SampledUser } from "./load-protocol.js";
import { requestSource } from "./request-plans.js";
import { SCENARIOS, type ScenarioContext, type ScenarioName, searchPrefixes } from "./scenarios.js";

const user: SampledUser = {
  id: "0b6f5c1e-2f4a-4c1d-9a43-3c1f5f2d7e10",
  userName: "bench-12345@example.com",
  externalId: "ext-12345",
  workEmail: "bench-12345@example.com",
};
const context: ScenarioContext = { users: 100_000, sample: [user], nextNumber: 100_001 };

/** The path of the first request the worker would send for `name`, with `basePath` in front. */
function firstPath(name: ScenarioName, basePath: string): string | undefined {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (scenario === undefined) throw new Error(`no scenario ${name}`);
  const setup = requestSource(scenario.plan(context), basePath).request.setupRequest;
  if (typeof setup !== "function") throw new Error(`${name} has no setupRequest function`);
  return setup({}, {}).path;
}

describe("searchPrefixes", () => {
  const name = (n: number) => `bench-${n}@example.com`;
  it.each([
    ["five-digit users", { given: [name(12345), name(23456)], want: ["bench-1234", "bench-2345"] }],
    [
      "only the most common length",
      {
        given: [name(5), name(50), name(12345), name(23456), name(100000)],
        want: ["bench-1234", "bench-2345"],
      },
    ],
    ["a userName without @", { given: ["alice"], want: ["alic"] }],
    ["a one-letter userName", { given: ["a"], want: ["a"] }],
    ["no userName", { given: [], want: [] }],
  ] as const)("cuts %s", (_name, { given, want }) => {
    expect(searchPrefixes(given)).toEqual(want);
  });
});

describe("scenario requests", () => {
  it.each([
    ["filter-userName", "/scim/v2", "/scim/v2/Users?filter=userName%20eq%20%22bench-12345%40example.com%22"],
    ["team-first", "", "/api/team?status=all&count=50"],
    ["team-deep", "", "/api/team?status=all&count=50&startIndex=99951"],
    ["team-pending", "", "/api/team?status=pending&count=50"],
    ["team-search", "", "/api/team?status=all&count=50&search=bench-1234"],
    ["audit-user", "", `/api/audit?count=50&user=${user.id}`],
  ] as const)("builds the %s request path", (name, basePath, want) => {
    expect(firstPath(name, basePath)).toBe(want);
  });

  it("calls the console's /api with the console scenarios only", () => {
    const console = SCENARIOS.filter((s) => s.api === "console").map((s) => s.name);
    expect(console).toEqual(["team-first", "team-deep", "team-pending", "team-search", "audit-user"]);
  });
});
