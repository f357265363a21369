import { type ChildProcess, spawn } from "node:child_process";
import { type ExitStatus, freePort, sleep, track, waitForExit } from "./processes.js";

/** Options for one run of the reference server (apps/server/dist/main.js). */
export interface ServerOptions {
  readonly mainJs: string;
  /** Absolute path of the SQLite file; a fresh one creates tenant `default` and prints its tokens. */
  readonly databaseFile: string;
  /** Extra node flags, e.g. `--cpu-prof --cpu-prof-dir=…`. */
  readonly nodeFlags?: readonly string[];
  /** Whether the database is new, so the token block (SCIM and admin token) must appear on stderr. */
  readonly expectToken: boolean;
}

/** A running reference server. */
export interface ServerProcess {
  readonly pid: number;
  readonly origin: string;
  /** The tokens printed on first start; `undefined` when the database already had a tenant. */
  readonly tokens: ServerTokens | undefined;
  /** Sends SIGTERM, waits for the exit and returns how it ended; later calls return the same. */
  stop(): Promise<ExitStatus>;
}

/** The tokens of tenant `default`, as the server prints them once on a new database (src/main.ts). */
export interface ServerTokens {
  /** The SCIM token (`Bearer token:`), for `/scim/v2`. */
  readonly scim: string;
  /** The admin token (`Admin token:`), for the admin console's `/api`. */
  readonly admin: string;
}

const TOKEN_LINES = { scim: /^\s*Bearer token:\s+(\S+)/m, admin: /^\s*Admin token:\s+(\S+)/m } as const;
const START_TIMEOUT_MS = 60_000;

async function waitForHealth(origin: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited while starting (code ${child.exitCode}):\n${stderr()}`);
    }
    try {
      const response = await fetch(`${origin}/readyz`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`the server did not answer /readyz within ${START_TIMEOUT_MS / 1000} s:\n${stderr()}`);
}

/** Server settings that must keep their defaults here (MAX_RESULTS bounds the id pages, say). */
const DEFAULTED = ["MAX_RESULTS", "BODY_LIMIT_BYTES", "PUBLIC_URL", "MIGRATE_ON_START", "DB_POOL_SIZE"];

function serverEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of DEFAULTED) delete env[name];
  return env;
}

/**
 * The node flags `pnpm start` runs the server with (package.json): V8's young generation capped at
 * 2 MiB per semi-space, which keeps the server's memory bounded under load (docs/performance.md).
 */
const SERVER_NODE_FLAGS = ["--max-semi-space-size=2"];

function spawnServer(options: ServerOptions, port: number): { child: ChildProcess; stderr: () => string } {
  const child = track(
    spawn(process.execPath, [...SERVER_NODE_FLAGS, ...(options.nodeFlags ?? []), options.mainJs], {
      env: {
        ...serverEnvironment(),
        DATABASE_URL: `sqlite:${options.databaseFile}`,
        HOST: "127.0.0.1",
        PORT: String(port),
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "ignore", "pipe"],
    }),
  );
  // Keep the start of stderr (the token block, a crash message); drain the rest so it never blocks.
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    if (stderr.length < 64 * 1024) stderr += chunk;
  });
  return { child, stderr: () => stderr };
}

/** Waits for the token block on a new database; it is written before the server listens, but may reach us after /readyz. */
async function waitForTokens(stderr: () => string): Promise<ServerTokens> {
  const printed = () => Object.values(TOKEN_LINES).every((line) => line.test(stderr()));
  for (let i = 0; !printed() && i < 50; i++) await sleep(100);
  const scim = TOKEN_LINES.scim.exec(stderr())?.[1];
  const admin = TOKEN_LINES.admin.exec(stderr())?.[1];
  if (scim === undefined || admin === undefined) {
    throw new Error(
      `the server printed no "Bearer token:" and "Admin token:" lines on a new database:\n${stderr()}`,
    );
  }
  return { scim, admin };
}

/**
 * Starts the reference server on 127.0.0.1 and a free port, with its logs (LOG_LEVEL=info) sent
 * to /dev/null, and waits until `/readyz` answers 200.
 */
export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const { child, stderr } = spawnServer(options, port);
  let tokens: ServerTokens | undefined;
  try {
    await waitForHealth(origin, child, stderr);
    if (options.expectToken) tokens = await waitForTokens(stderr);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error("the server has no pid");
  let stopped: Promise<ExitStatus> | undefined;
  return {
    pid,
    origin,
    tokens,
    stop() {
      if (stopped === undefined) {
        child.kill("SIGTERM");
        // The server finishes in-flight requests and gives itself 10 s; allow a little more.
        stopped = waitForExit(child, 15_000);
      }
      return stopped;
    },
  };
}
