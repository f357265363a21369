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
  /** Webhook deliveries and the events they come from (WEBHOOK_*, EVENT_RETENTION_DAYS). */
  readonly webhooks: WebhookConfig;
}

/** How the delivery worker runs. */
export interface WebhookConfig {
  /**
   * The base64 of the 32-byte key that seals endpoint secrets (WEBHOOK_SECRET_KEY); absent, a key
   * generated at the first start and kept in the database.
   */
  readonly secretKey: string | undefined;
  /**
   * How long an instance holds a delivery it works on before another may take it over: longer than
   * one attempt may take (10 s), so a slow receiver is never sent one delivery twice at once.
   */
  readonly leaseMs: number;
  /** An endpoint whose every attempt failed for this long is disabled (`failing`). */
  readonly disableAfterMs: number;
  /** Refuse to deliver to loopback, private and link-local addresses (SSRF). */
  readonly blockPrivate: boolean;
  /** How long events and finished deliveries are kept. */
  readonly retentionDays: number;
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

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** A duration as `24h`, `90m`, `3600s`, `500ms`, `7d` or a whole number of milliseconds. */
function duration(env: Env, name: string, fallbackMs: number, minMs: number, maxMs: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallbackMs;
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(raw.toLowerCase());
  const value =
    match === null ? Number.NaN : Number(match[1]) * (DURATION_UNITS[match[2] ?? "ms"] ?? Number.NaN);
  if (!Number.isSafeInteger(value) || value < minMs || value > maxMs) {
    throw new Error(
      `${name} must be a duration from ${minMs / 1000} s to ${maxMs / 86_400_000} days (e.g. 24h, 90m, 3600s, or milliseconds), got ${JSON.stringify(env[name])}`,
    );
  }
  return value;
}

/** The webhook key as given: the base64 of 32 bytes (RFC 4648 §4), e.g. from `openssl rand -base64 32`. */
function webhookSecretKey(env: Env): string | undefined {
  const raw = env.WEBHOOK_SECRET_KEY?.trim();
  if (raw === undefined || raw === "") return undefined;
  if (!/^[A-Za-z0-9+/]{43}=$/.test(raw) || Buffer.from(raw, "base64").length !== 32)
    throw new Error("WEBHOOK_SECRET_KEY must be the base64 of 32 random bytes (openssl rand -base64 32)");
  return raw;
}

function webhookConfig(env: Env): WebhookConfig {
  return {
    secretKey: webhookSecretKey(env),
    leaseMs: integer(env, "WEBHOOK_LEASE_MS", 30_000, 15_000, 600_000),
    disableAfterMs: duration(env, "WEBHOOK_DISABLE_AFTER", 86_400_000, 60_000, 90 * 86_400_000),
    blockPrivate: flag(env, "WEBHOOK_BLOCK_PRIVATE", false),
    retentionDays: integer(env, "EVENT_RETENTION_DAYS", 30, 1, 3650),
  };
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
    webhooks: webhookConfig(env),
  };
}
