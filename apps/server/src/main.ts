import { randomUUID } from "node:crypto";
import { consoleAssetsDir } from "@scimkit/console";
import { createSecretBox, eventNotifyingStore, resolveSecretKey, startDeliveryWorker } from "@scimkit/router";
import { isUniqueViolation, parseDatabaseUrl } from "@scimkit/store-kysely";
import { pino } from "pino";
import { createApp, SCIM_BASE_PATH } from "./app.js";
import { loadConfig } from "./config.js";
import { CONSOLE_PATH, loadConsoleAssets } from "./http/console-assets.js";
import { createHttpServer } from "./http/http-server.js";
import { openStore } from "./open-store.js";
import { createTenantWithToken } from "./tenants/tenants.service.js";

// The only module with side effects: read the environment, open and migrate the database, listen.
const config = loadConfig(process.env);
const logger = pino({
  level: config.logLevel,
  redact: ["req.headers.authorization", "*.password", "*.token", "*.secret"],
});
const location = parseDatabaseUrl(
  config.databaseUrl,
  process.cwd(),
  config.poolSize,
  config.sqliteSynchronous,
);
const { store } = await openStore(location, { migrate: config.migrateOnStart });

if (!(await store.read.tenants.any())) {
  try {
    const deps = { now: () => new Date(), newId: randomUUID };
    const created = await createTenantWithToken(store, deps, "default", "scim", true);
    // Printed once to the terminal, not logged: logs never carry tokens.
    process.stderr.write(
      [
        "",
        "Created tenant 'default'. Paste these into your identity provider:",
        `  SCIM endpoint: ${config.publicUrl}${SCIM_BASE_PATH}`,
        `  Bearer token:  ${created.token}`,
        "Sign in to the admin console with this admin token:",
        `  Admin console: ${config.publicUrl}${CONSOLE_PATH}/`,
        `  Admin token:   ${created.adminToken}`,
        "The tokens are shown only now; they are stored hashed.",
        "",
      ].join("\n"),
    );
  } catch (error) {
    // Another instance started on the same empty database at the same moment and created it first.
    if (!isUniqueViolation(error)) throw error;
  }
}

const consoleAssets = loadConsoleAssets(consoleAssetsDir);
if (consoleAssets === undefined)
  logger.warn({ dir: consoleAssetsDir }, "the admin console is not built; /admin/ is not served");

// One key seals endpoint secrets for the API and opens them for the worker: the configured one, or
// the one kept in the database (generated now on a first start).
const secretBox = createSecretBox(await resolveSecretKey(store, config.webhooks.secretKey));
// The request rate over the last quarter second. Above BUSY_RATE the server is near what it can
// answer, and the delivery worker yields to the requests (one attempt at a time) until the load
// eases: SCIM requests first, deliveries catch up after. An IdP's steady pace stays far below it.
const BUSY_RATE = 400;
const rate = { since: performance.now(), count: 0, busy: false };
function busyServing(): boolean {
  const elapsed = performance.now() - rate.since;
  if (elapsed >= 250) {
    rate.busy = (rate.count * 1000) / elapsed >= BUSY_RATE;
    rate.since += elapsed;
    rate.count = 0;
  }
  return rate.busy;
}
const worker = startDeliveryWorker({
  yieldTo: busyServing,
  store,
  secretBox,
  leaseMs: config.webhooks.leaseMs,
  disableAfterMs: config.webhooks.disableAfterMs,
  blockPrivate: config.webhooks.blockPrivate,
  retentionMs: config.webhooks.retentionDays * 86_400_000,
  // SQLite and the in-memory store serve one process: a lease left by a crash is this instance's own.
  singleInstance: location.kind !== "postgres",
  logger: logger.child({ component: "webhooks" }),
});

// A commit that appended events wakes the worker: it sends them now rather than at its next poll.
const waking = eventNotifyingStore(store, () => worker.wake());

let shuttingDown = false;
const app = createApp({
  store: waking,
  logger,
  publicUrl: config.publicUrl,
  bodyLimitBytes: config.bodyLimitBytes,
  maxResults: config.maxResults,
  rateLimit: config.rateLimit,
  isShuttingDown: () => shuttingDown,
  secretBox,
  ...(consoleAssets === undefined ? {} : { consoleAssets }),
});
const server = createHttpServer(app, { requestTimeoutMs: config.requestTimeoutMs });
server.on("request", () => {
  rate.count += 1;
});
server.listen(config.port, config.host, () => {
  logger.info(
    {
      url: `${config.publicUrl}${SCIM_BASE_PATH}`,
      console: consoleAssets === undefined ? undefined : `${config.publicUrl}${CONSOLE_PATH}/`,
      database: config.databaseUrl.split(":")[0],
    },
    "scimkit server listening",
  );
});

function shutdown(signal: string): void {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, "shutting down: finishing in-flight requests and deliveries");
  // The worker stops taking work at once and finishes what it holds while requests drain.
  const workerStopped = worker.stop();
  server.close(() => {
    void workerStopped
      .then(() => store.close())
      .then(() => {
        logger.info("stopped");
        process.exit(0);
      });
  });
  server.closeIdleConnections();
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
