import { describe, expect, it } from "vitest";
import { parseArgs } from "./args.js";

describe("parseArgs", () => {
  it.each([
    [
      "full defaults",
      { given: [], want: { users: [10_000, 100_000], connections: 32, groupMembers: 50_000 } },
    ],
    ["smoke sizes", { given: ["--smoke"], want: { users: [300, 2000], connections: 8, groupMembers: 200 } }],
    [
      "the -- pnpm hands on",
      { given: ["--", "--users", "1000,5000"], want: { users: [1000, 5000], groupMembers: 2500 } },
    ],
    [
      "inline values",
      { given: ["--duration=3", "--warmup=0"], want: { durationSeconds: 3, warmupSeconds: 0 } },
    ],
    [
      "a scenario to profile",
      { given: ["--cpu-prof", "filter-emails"], want: { cpuProfile: "filter-emails" } },
    ],
  ] as const)("reads %s", (_name, { given, want }) => {
    expect(parseArgs(given)).toMatchObject(want);
  });

  it.each([
    ["an unknown flag", ["--fast"]],
    ["descending sizes", ["--users", "1000,500"]],
    ["a population too small", ["--users", "100"]],
    ["a group as large as the population", ["--users", "1000", "--group-members", "1000"]],
    ["an unknown scenario", ["--cpu-prof", "get-everything"]],
    ["a negative duration", ["--duration", "-1"]],
  ] as const)("rejects %s", (_name, given) => {
    expect(() => parseArgs(given)).toThrow();
  });
});
