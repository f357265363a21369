import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { ScimLogger } from "@scimkit/router";
import { openExistingApp } from "./existing-app.js";
import { type Framework, frameworks, listenApp, SCIM_BASE_PATH } from "./http-apps.js";

/*
 * `pnpm -s example:existing-app [--port N] [--framework koa|hono|express] [--db FILE]`: the
 * example app, listening, with a fresh SCIM token. Its one line on stdout is the contract for
 * outside tools: {"scimUrl":"http://127.0.0.1:PORT/scim/v2","token":"…"}. Everything else
 * (logs, errors) goes to stderr. SIGTERM or SIGINT stops it with exit 0.
 */

/** Structured log lines on stderr; never a token (the token is printed once, on stdout). */
const stderrLogger: ScimLogger = {
  info: (fields, message) => writeLog(30, fields, message),
  warn: (fields, message) => writeLog(40, fields, message),
  error: (fields, message) => writeLog(50, fields, message),
};

function writeLog(level: number, fields: object, message?: string): void {
  const err = (fields as { err?: unknown }).err;
  const plain =
    err instanceof Error ? { ...fields, err: { message: err.message, stack: err.stack } } : fields;
  process.stderr.write(`${JSON.stringify({ level, time: Date.now(), ...plain, msg: message })}\n`);
}

function fail(message: string): never {
  process.stderr.write(`example:existing-app: ${message}\n`);
  process.exit(2);
}

function readOptions(): { port: number; framework: Framework; db: string | undefined } {
  let values: { port?: string; framework?: string; db?: string };
  try {
    ({ values } = parseArgs({
      options: { port: { type: "string" }, framework: { type: "string" }, db: { type: "string" } },
      strict: true,
    }));
  } catch (error) {
    fail(
      `${(error as Error).message}\nusage: example:existing-app [--port N] [--framework koa|hono|express] [--db FILE]`,
    );
  }
  const port = Number(values.port ?? "0");
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be 0 to 65535 (got ${values.port})`);
  const framework = values.framework ?? "koa";
  if (!(frameworks as readonly string[]).includes(framework))
    fail(`--framework must be one of ${frameworks.join(", ")} (got ${framework})`);
  return { port, framework: framework as Framework, db: values.db };
}

async function main(): Promise<void> {
  const options = readOptions();
  // A fresh SQLite file in a temporary directory unless --db names one to keep.
  const scratch = options.db === undefined ? mkdtempSync(join(tmpdir(), "scimkit-existing-app-")) : undefined;
  const file = options.db === undefined ? join(scratch ?? "", "app.db") : resolve(options.db);
  const app = await openExistingApp({ file });
  const token = await app.createScimToken(app.organizationId, "example:existing-app");
  const running = await listenApp(app, {
    framework: options.framework,
    port: options.port,
    logger: stderrLogger,
  });
  stderrLogger.info({ framework: options.framework, database: file }, "existing-app listening");
  process.stdout.write(
    `${JSON.stringify({ scimUrl: running.origin + SCIM_BASE_PATH, token: token.secret })}\n`,
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await running.close();
      await app.close();
    } finally {
      if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
    }
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((error: unknown) => {
  stderrLogger.error({ err: error }, "existing-app failed to start");
  process.exit(1);
});
