import type { IncomingMessage } from "node:http";
import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { type CannedReply, withCannedServer } from "../../test/canned-server.js";
import { scimReply, serviceProviderConfig, user } from "../../test/scim-bodies.js";
import type { ConformanceSuite } from "../suite-types.js";
import { checkStatus } from "../suites/checks.js";
import { type CliStream, runCli } from "./run-cli.js";

const TOKEN = "tok-5f2c9a7e-never-print-me";

/** A fake SCIM server: discovery, one user, a 404 whose detail echoes the Authorization header. */
function fakeScim(request: IncomingMessage): CannedReply {
  const path = new URL(request.url ?? "/", "http://x").pathname.replace("/scim/v2", "");
  if (request.headers.authorization !== `Bearer ${TOKEN}`) {
    return scimReply(401, { schemas: [ScimUrn.Error], status: "401", detail: "bad token" });
  }
  if (path === "/ServiceProviderConfig") return scimReply(200, serviceProviderConfig);
  if (request.method === "POST" && path === "/Users") return scimReply(201, user);
  if (path === `/Users/${user.id}`) return scimReply(200, user);
  const detail = `no user at ${path} for ${request.headers.authorization}`;
  return scimReply(404, { schemas: [ScimUrn.Error], status: "404", detail });
}

const readsUser = {
  name: "reads a user",
  creates: false,
  run: async (ctx) => checkStatus(await ctx.raw("GET", `/Users/${user.id}`), 200, "GET /Users/{id}"),
} satisfies ConformanceSuite["cases"][number];

const createsUser = {
  name: "creates a user",
  creates: true,
  run: async (ctx) =>
    checkStatus(
      await ctx.raw("POST", "/Users", { body: JSON.stringify({ schemas: [ScimUrn.User], userName: "a" }) }),
      201,
      "POST /Users",
    ),
} satisfies ConformanceSuite["cases"][number];

/** Fails, and the server's error detail quotes the token back. */
const readsMissingUser = {
  name: "reads a missing user",
  creates: false,
  run: async (ctx) => checkStatus(await ctx.raw("GET", "/Users/missing"), 200, "GET /Users/missing"),
} satisfies ConformanceSuite["cases"][number];

const suites: readonly ConformanceSuite[] = [
  { name: "basic", title: "Basic reads and writes", cases: [readsUser, createsUser] },
  { name: "echo", title: "A server that echoes the token", cases: [readsMissingUser] },
  { name: "policy", title: "Only under --profile scimkit", profile: "scimkit", cases: [readsUser] },
];

function memoryStream(isTTY = false): CliStream & { text: () => string } {
  const chunks: string[] = [];
  return { isTTY, columns: 60, write: (chunk: string) => chunks.push(chunk), text: () => chunks.join("") };
}

/** Runs the CLI against the fake server (`{base}` in argv is replaced by its SCIM URL). */
async function cli(argv: readonly string[], options: { env?: Record<string, string>; tty?: boolean } = {}) {
  return withCannedServer(fakeScim, async (origin) => {
    const stdout = memoryStream(options.tty);
    const stderr = memoryStream(options.tty);
    const args = argv.map((arg) => arg.replace("{base}", `${origin}/scim/v2`));
    const code = await runCli(args, options.env ?? {}, { stdout, stderr }, suites);
    const lines = stdout.text().trimEnd().split("\n");
    return { code, stdout: stdout.text(), stderr: stderr.text(), last: lines.at(-1) };
  });
}

const base = ["--base", "{base}", "--token", TOKEN];

describe("runCli argument errors", () => {
  it.each<[string, { given: string[]; want: RegExp }]>([
    ["no --base", { given: ["--token", TOKEN], want: /missing --base/ }],
    ["no token", { given: ["--base", "{base}"], want: /missing --token \(or set SCIM_TOKEN\)/ }],
    [
      "a base that is not a URL",
      { given: ["--base", "example.com", "--token", TOKEN], want: /--base must be/ },
    ],
    [
      "an unknown profile",
      { given: [...base, "--profile", "okta"], want: /--profile must be one of rfc, scimkit/ },
    ],
    ["a timeout that is not a number", { given: [...base, "--timeout", "5s"], want: /--timeout must be/ }],
    ["a zero timeout", { given: [...base, "--timeout", "0"], want: /--timeout must be/ }],
    ["an unknown option", { given: [...base, "--verbose"], want: /Unknown option '--verbose'/ }],
    ["a stray argument", { given: [...base, "users"], want: /Unexpected argument 'users'/ }],
    ["an empty --only", { given: [...base, "--only", " , "], want: /--only needs at least one suite/ }],
    [
      "an unknown suite",
      {
        given: [...base, "--only", "basic,nope"],
        want: /unknown suite nope; known suites: basic, echo, policy/,
      },
    ],
  ])("exits 2 on %s, with the error on stderr only", async (_name, { given, want }) => {
    const result = await cli(given);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toMatch(want);
    expect(result.stderr).not.toContain(TOKEN);
  });

  it("never echoes a token given to a misspelt option", async () => {
    const result = await cli(["--base", "{base}", "--token", TOKEN, TOKEN]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unexpected argument '[redacted]'");
    expect(result.stderr).not.toContain(TOKEN);
  });

  it("prints the usage and the known suites with --help", async () => {
    const result = await cli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: scimkit-conformance --base URL --token TOKEN/);
    expect(result.stdout).toMatch(/policy\s+Only under --profile scimkit \[--profile scimkit\]/);
  });

  it("exits 2 when the server cannot be reached", async () => {
    const closed = await withCannedServer(fakeScim, async (origin) => origin);
    const stderr = memoryStream();
    const argv = ["--base", `${closed}/scim/v2`, "--token", TOKEN];
    const code = await runCli(argv, {}, { stdout: memoryStream(), stderr }, suites);
    expect(code).toBe(2);
    expect(stderr.text()).toBe(
      `scimkit-conformance: cannot reach ${closed}/scim/v2: fetch failed (ECONNREFUSED)\n`,
    );
  });

  it("exits 2 when the server refuses the token", async () => {
    const result = await cli(["--base", "{base}", "--token", "wrong-token"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the server refused the token: HTTP 401/);
    expect(result.stderr).not.toContain("wrong-token");
  });
});

describe("runCli runs", () => {
  it("exits 0 and ends with the counts when every case passes", async () => {
    const result = await cli(["--", ...base, "--only", "basic"]);
    expect(result).toMatchObject({ code: 0, stderr: "", last: "2 passed, 0 failed" });
    expect(result.stdout).toContain("basic — Basic reads and writes");
    expect(result.stdout).toMatch(/ {2}✓ creates a user \(\d+ ms\)/);
  });

  it("exits 1 when a case fails, naming the failure and the skipped cases", async () => {
    const result = await cli(base);
    expect(result).toMatchObject({ code: 1, last: "2 passed, 1 failed, 1 skipped" });
    expect(result.stdout).toMatch(
      / {2}✗ reads a missing user \(\d+ ms\): GET \/Users\/missing: expected HTTP 200, got 404/,
    );
    expect(result.stdout).toContain("  - reads a user (skipped: needs --profile scimkit)");
  });

  it("takes the token from SCIM_TOKEN", async () => {
    const result = await cli(["--base", "{base}", "--only", "basic"], { env: { SCIM_TOKEN: TOKEN } });
    expect(result).toMatchObject({ code: 0, last: "2 passed, 0 failed" });
  });

  it("skips the cases that create data with --read-only", async () => {
    const result = await cli([...base, "--only", "basic", "--read-only"]);
    expect(result).toMatchObject({ code: 0, last: "1 passed, 0 failed, 1 skipped" });
    expect(result.stdout).toContain("- creates a user (skipped: creates data (--read-only))");
  });

  it("prints the report and the options, without the token, as JSON", async () => {
    const result = await cli([...base, "--json", "--profile", "scimkit", "--timeout", "5000"]);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(["options", "passed", "failed", "skipped", "results"]);
    expect(json).toMatchObject({
      options: { profile: "scimkit", readOnly: false, only: null, timeoutMs: 5000 },
      passed: 3,
      failed: 1,
      skipped: 0,
    });
    expect(Object.keys(json.options)).toEqual(["baseUrl", "profile", "readOnly", "only", "timeoutMs"]);
    expect(json.results[0]).toEqual({
      suite: "basic",
      name: "reads a user",
      status: "passed",
      durationMs: expect.any(Number),
      violations: [],
    });
  });

  it("writes progress to stderr only when on a terminal, keeping the JSON clean", async () => {
    const result = await cli([...base, "--json", "--only", "basic"], { tty: true });
    expect(JSON.parse(result.stdout)).toMatchObject({ passed: 2, failed: 0 });
    expect(result.stderr).toContain("\r\x1b[2K[1/2] ✓ basic › reads a user");
    expect(result.stderr.endsWith("\r\x1b[2K")).toBe(true);
    expect((await cli([...base, "--only", "basic"])).stderr).toBe("");
  });

  it.each<[string, string[]]>([
    ["the text report", base],
    ["the JSON report and the progress line", [...base, "--json"]],
    ["a --token= argument", ["--base", "{base}", `--token=${TOKEN}`]],
  ])("never prints the token, even when the server echoes it (%s)", async (_name, argv) => {
    const result = await cli(argv, { tty: true });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("[redacted]");
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });
});
