import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** The built server (`pnpm test` builds it first: apps/server/turbo.json makes test depend on build). */
export const MAIN_JS = fileURLToPath(new URL("../../dist/main.js", import.meta.url));

/** The reference server as its own process, as `pnpm start` runs it. */
export interface ServerProcess {
  readonly origin: string;
  /** The first tenant's token, printed to stderr when the server created it (first start only). */
  readonly token: string | undefined;
  /** The first tenant's admin-scoped token (for `/api`), printed beside `token` (first start only). */
  readonly adminToken: string | undefined;
  /** Everything the process wrote to stdout (its JSON log lines) and stderr, so far. */
  readonly stdout: string[];
  readonly stderr: string[];
  /** Sends a signal and waits until the process is gone. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

const TOKEN_LINE = /^ {2}Bearer token: {2}(\S+)$/m;
const ADMIN_TOKEN_LINE = /^ {2}Admin token: {3}(\S+)$/m;

/** How {@link startServerProcess} starts the server besides its database and port. */
export interface ServerProcessOptions {
  /** More environment variables (e.g. `WEBHOOK_LEASE_MS`); they win over the test process's own. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Starts `node dist/main.js` on `databaseUrl` and resolves once it logs that it listens. */
export async function startServerProcess(
  databaseUrl: string,
  port: number,
  options: ServerProcessOptions = {},
): Promise<ServerProcess> {
  if (!existsSync(MAIN_JS)) {
    throw new Error(`${MAIN_JS} is missing: build the server first (pnpm test does; or pnpm build).`);
  }
  const child: ChildProcess = spawn(process.execPath, [MAIN_JS], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString("utf8")));
  await new Promise<void>((resolve, reject) => {
    const listening = () => {
      if (stdout.join("").includes('"msg":"scimkit server listening"')) resolve();
    };
    child.stdout?.on("data", listening);
    child.once("exit", (code) => reject(new Error(`the server exited (${code}): ${stderr.join("")}`)));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    token: TOKEN_LINE.exec(stderr.join(""))?.[1],
    adminToken: ADMIN_TOKEN_LINE.exec(stderr.join(""))?.[1],
    stdout,
    stderr,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A SCIM write to the server with a bearer token: `send(method, path, body)` posts the body as JSON. */
export function scimSender(scimUrl: string, token: string) {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/scim+json" };
  return (method: string, path: string, body: unknown) =>
    fetch(scimUrl + path, { method, headers, body: JSON.stringify(body) });
}
