import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { SCIM_MEDIA_TYPE, ScimUrn } from "@scimkit/types";
import { afterEach, describe, expect, it } from "vitest";

/*
 * The command outside tools start (`pnpm -s example:existing-app` runs the built dist/main.js;
 * here src/main.ts runs through tsx, reading workspace packages from source): one JSON line on
 * stdout once it listens, a token that works, SIGTERM ends it with exit 0.
 */

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Started {
  readonly child: ChildProcess;
  readonly line: { scimUrl: string; token: string };
  /** Every stdout line the process wrote, until now. */
  readonly stdout: string[];
  readonly exited: Promise<number | null>;
}

async function start(...args: string[]): Promise<Started> {
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", "src/main.ts", ...args], {
    cwd: join(import.meta.dirname, ".."),
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stdout: string[] = [];
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const first = await new Promise<string>((resolve, reject) => {
    lines.on("line", (line) => {
      stdout.push(line);
      if (stdout.length === 1) resolve(line);
    });
    void exited.then((code) => reject(new Error(`exited with ${code} before listening: ${stderr}`)));
  });
  return { child, line: JSON.parse(first) as Started["line"], stdout, exited };
}

const authorized = (token: string) => ({ Authorization: `Bearer ${token}` });

describe("pnpm -s example:existing-app", () => {
  it.each(["koa", "hono", "express"])(
    "prints one JSON line with a working token on --framework %s, and stops on SIGTERM with 0",
    {
      timeout: 60_000,
    },
    async (framework) => {
      const started = await start("--port", "0", "--framework", framework);
      expect(Object.keys(started.line).sort()).toEqual(["scimUrl", "token"]);
      expect(started.line.scimUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
      const config = await fetch(`${started.line.scimUrl}/ServiceProviderConfig`, {
        headers: authorized(started.line.token),
      });
      expect(config.status).toBe(200);
      expect((await fetch(`${started.line.scimUrl}/Users`)).status).toBe(401);
      started.child.kill("SIGTERM");
      expect(await started.exited).toBe(0);
      expect(started.stdout).toHaveLength(1);
    },
  );

  it("keeps its data with --db and gives a new working token on every start", {
    timeout: 60_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "scimkit-example-cli-"));
    dirs.push(dir);
    const db = join(dir, "app.db");
    const first = await start("--port", "0", "--db", db);
    const created = await fetch(`${first.line.scimUrl}/Users`, {
      method: "POST",
      headers: { ...authorized(first.line.token), "Content-Type": SCIM_MEDIA_TYPE },
      body: JSON.stringify({
        schemas: [ScimUrn.User],
        userName: "ann@example.com",
        emails: [{ value: "ann@example.com", primary: true }],
      }),
    });
    expect(created.status).toBe(201);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);

    const second = await start("--port", "0", "--db", db);
    expect(second.line.token).not.toBe(first.line.token);
    const found = await fetch(
      `${second.line.scimUrl}/Users?filter=${encodeURIComponent('userName eq "ann@example.com"')}`,
      {
        headers: authorized(second.line.token),
      },
    );
    expect(((await found.json()) as { totalResults: number }).totalResults).toBe(1);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });

  it("refuses an unknown framework with exit 2 and nothing on stdout", { timeout: 60_000 }, async () => {
    await expect(start("--framework", "rails")).rejects.toThrow(
      /exited with 2 .*--framework must be one of/s,
    );
  });
});
