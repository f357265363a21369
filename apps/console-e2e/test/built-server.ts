import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const serverDist = fileURLToPath(new URL("../../server/dist/", import.meta.url));

/** The built reference server, started as `pnpm start` starts it, on a fresh SQLite file. */
export interface BuiltServer {
  readonly origin: string;
  readonly tenantId: string;
  readonly scimUrl: string;
  readonly adminToken: string;
  /** Everything the server wrote to stdout and stderr (its structured log). */
  readonly output: () => string;
  readonly stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject()));
    });
  });
}

async function waitForReady(origin: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${origin}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the server did not become ready within 20 s");
}

/** Creates a tenant with the CLI (as an operator would), then starts the server on it. */
export async function startBuiltServer(): Promise<BuiltServer> {
  const dir = mkdtempSync(join(tmpdir(), "scimkit-console-e2e-"));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:${join(dir, "scimkit.db")}`,
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: origin,
    LOG_LEVEL: "info",
  };
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(serverDist, "cli.js"), "tenant", "create", "--name", "Acme Analytics", "--json"],
    { env },
  );
  const tenant = JSON.parse(stdout) as { id: string; scimUrl: string; adminToken: string };
  const child = spawn(process.execPath, [join(serverDist, "main.js")], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await waitForReady(origin, child);
  return {
    origin,
    tenantId: tenant.id,
    scimUrl: tenant.scimUrl,
    adminToken: tenant.adminToken,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
