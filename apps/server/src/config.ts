/** The server's settings, all from the environment (listed in the README). */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string;
  readonly publicUrl: string;
  readonly logLevel: string;
  readonly migrateOnStart: boolean;
  readonly bodyLimitBytes: number;
  readonly maxResults: number;
  readonly poolSize: number;
  /** SQLite's durability: `normal` survives a process crash, `full` also a power loss (SQLITE_SYNCHRONOUS). */
  readonly sqliteSynchronous: "normal" | "full";
  /** Requests per second one token may sustain (0: no limit), and the burst on top (RATE_LIMIT_*). */
  readonly rateLimit: { readonly perSecond: number; readonly burst: number };
  /** The longest a client may take to send one whole request (REQUEST_TIMEOUT_MS): slow senders get 408. */
  readonly requestTimeoutMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (raw === "true" || raw === "1") return true;
  if (raw === "false" || raw === "0") return false;
  throw new Error(`${name} must be true or false, got ${JSON.stringify(env[name])}`);
}

function synchronousMode(env: Env): "normal" | "full" {
  const raw = (env.SQLITE_SYNCHRONOUS || "normal").toLowerCase();
  if (raw === "normal" || raw === "full") return raw;
  throw new Error(`SQLITE_SYNCHRONOUS must be normal or full, got ${JSON.stringify(env.SQLITE_SYNCHRONOUS)}`);
}

/** Reads the configuration; a malformed value stops the server with a message naming the variable. */
export function loadConfig(env: Env): Config {
  const host = env.HOST || "127.0.0.1";
  const port = integer(env, "PORT", 8080, 0, 65535);
  return {
    host,
    port,
    databaseUrl: env.DATABASE_URL || "sqlite:./data/scimkit.db",
    publicUrl: (env.PUBLIC_URL || `http://${host.includes(":") ? `[${host}]` : host}:${port}`).replace(
      /\/+$/,
      "",
    ),
    logLevel: env.LOG_LEVEL || "info",
    migrateOnStart: flag(env, "MIGRATE_ON_START", true),
    bodyLimitBytes: integer(env, "BODY_LIMIT_BYTES", 1024 * 1024, 1024, 64 * 1024 * 1024),
    maxResults: integer(env, "MAX_RESULTS", 1000, 1, 10_000),
    poolSize: integer(env, "DB_POOL_SIZE", 10, 1, 1000),
    sqliteSynchronous: synchronousMode(env),
    rateLimit: {
      perSecond: integer(env, "RATE_LIMIT_PER_SECOND", 10_000, 0, 1_000_000),
      burst: integer(env, "RATE_LIMIT_BURST", 20_000, 1, 10_000_000),
    },
    requestTimeoutMs: integer(env, "REQUEST_TIMEOUT_MS", 30_000, 1_000, 3_600_000),
  };
}
