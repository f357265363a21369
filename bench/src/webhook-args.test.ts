import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseArgs } from "./args.js";

/** A file that exists, standing in for a built server's main.js. */
const SOME_FILE = fileURLToPath(import.meta.url);

describe("parseArgs, webhook flags", () => {
  it.each([
    [
      "full defaults: after the SCIM scenarios, at full sizes",
      { given: [], want: { mode: "all", runs: 3, rate: 100, drainEvents: 10_000, users: 1000 } },
    ],
    ["smoke sizes", { given: ["--smoke"], want: { mode: "all", runs: 1, drainEvents: 200 } }],
    [
      "the webhook scenarios alone",
      { given: ["--webhooks", "--drain-events", "500"], want: { mode: "webhooks", drainEvents: 500 } },
    ],
    [
      "an A/B against a base",
      {
        given: ["--webhook-ab", "--base", SOME_FILE, "--runs", "5"],
        want: { mode: "ab", base: SOME_FILE, runs: 5 },
      },
    ],
    ["another server", { given: ["--webhooks", `--server=${SOME_FILE}`], want: { server: SOME_FILE } }],
  ] as const)("reads %s", (_name, { given, want }) => {
    expect(parseArgs(given).webhooks).toMatchObject(want);
  });

  it.each([
    ["both webhook modes", ["--webhooks", "--webhook-ab"]],
    ["a base without --webhook-ab", ["--webhooks", "--base", SOME_FILE]],
    ["runs without --webhook-ab", ["--runs", "3"]],
    ["a server for the SCIM scenarios", ["--server", SOME_FILE]],
    ["a server file that is not there", ["--webhooks", "--server", "/nonexistent/main.js"]],
    ["a profile of a webhook run", ["--webhooks", "--cpu-prof", "get-user"]],
    ["no drain events", ["--webhooks", "--drain-events", "0"]],
  ] as const)("rejects %s", (_name, given) => {
    expect(() => parseArgs(given)).toThrow();
  });
});
