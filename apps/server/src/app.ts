import { randomUUID } from "node:crypto";
import Router from "@koa/router";
import {
  bearerAuthenticator,
  createScimRouter,
  DEFAULT_MAX_RESULTS,
  DEFAULT_SCIM_BASE_PATH,
  type HandlerMap,
  mountOperations,
  type RateLimit,
  type Store,
  tokenBuckets,
} from "@scimkit/router";
import type { OperationIdTagged } from "@scimkit/types";
import Koa from "koa";
import type { Logger } from "pino";
import { adminHandlers } from "./app-api/admin.routes.js";
import { adminService } from "./app-api/admin.service.js";
import { appApiHandlers } from "./app-api/app-api.routes.js";
import { appApiService } from "./app-api/app-api.service.js";
import { auditLog } from "./app-api/audit-log.js";
import { healthHandlers } from "./health/health.routes.js";
import { type ConsoleAssets, consoleMiddleware } from "./http/console-assets.js";
import { errorMiddleware } from "./http/error-middleware.js";
import { requestLog } from "./http/request-log.js";

/** Everything the app needs from outside; `main.ts` builds it from the environment, tests build their own. */
export interface AppDeps {
  /** The store every service runs on: SQL (`createSqlStore`), in memory, or an app's own. */
  readonly store: Store;
  readonly logger: Logger;
  /** The public origin, e.g. `https://scim.example.com`, used for `meta.location` (RFC 7643 §3.1). */
  readonly publicUrl: string;
  readonly bodyLimitBytes: number;
  /** The most results one list page may hold (`filter.maxResults`). */
  readonly maxResults?: number;
  /** Clock and ids; tests pass their own. */
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** The per-token request budget (429 with Retry-After beyond it); no limit when absent. */
  readonly rateLimit?: RateLimit;
  /** True once shutdown began: /readyz answers 503 so load balancers stop sending traffic. */
  readonly isShuttingDown?: () => boolean;
  /** The built admin console, served at /admin/; no console when absent. */
  readonly consoleAssets?: ConsoleAssets;
}

/** The SCIM base path; the token identifies the tenant, so it is the same for every tenant. */
export const SCIM_BASE_PATH = DEFAULT_SCIM_BASE_PATH;

/** The reference server's own operations: the spec's App (`/api`) and Operations (health) tags. */
export type AppOperationId = OperationIdTagged<"App" | "Operations">;

/** One handler per operation of the reference server's own API; the SCIM ones come from @scimkit/router. */
export type AppHandlers = HandlerMap<AppOperationId>;

/**
 * Builds the Koa app: request log, error middleware, the console, scimkit's SCIM routes (the
 * library's Koa router, the same one an app mounts), then the reference server's own API (one
 * route per App and Operations operation of the spec). Never listens.
 */
export function createApp(deps: AppDeps): Koa {
  const publicUrl = deps.publicUrl.replace(/\/+$/, "");
  const services = {
    store: deps.store,
    now: deps.now ?? (() => new Date()),
    newId: deps.newId ?? randomUUID,
    maxResults: deps.maxResults ?? DEFAULT_MAX_RESULTS,
  };
  const scim = createScimRouter({
    store: deps.store,
    basePath: SCIM_BASE_PATH,
    publicUrl,
    logger: deps.logger,
    bodyLimitBytes: deps.bodyLimitBytes,
    maxResults: services.maxResults,
    now: services.now,
    newId: services.newId,
    ...(deps.rateLimit === undefined ? {} : { rateLimit: deps.rateLimit }),
  });
  const handlers: AppHandlers = {
    ...appApiHandlers(appApiService(services), auditLog(services)),
    ...adminHandlers(adminService(services)),
    ...healthHandlers(deps.store, deps.isShuttingDown ?? (() => false)),
  };
  const router = new Router();
  mountOperations(router, handlers, {
    authenticate: bearerAuthenticator(deps.store, {
      now: services.now,
      onError: (error) => deps.logger.warn({ err: error }, "could not record a token's last use"),
    }),
    bodyLimitBytes: deps.bodyLimitBytes,
    scimBaseUrl: () => publicUrl + SCIM_BASE_PATH,
    logger: deps.logger,
    answerErrors: false,
    ...(deps.rateLimit === undefined ? {} : { rateLimit: tokenBuckets(deps.rateLimit) }),
  });
  const app = new Koa({ proxy: false });
  app.silent = true;
  app.use(requestLog(deps.logger));
  app.use(errorMiddleware(deps.logger));
  if (deps.consoleAssets !== undefined) app.use(consoleMiddleware(deps.consoleAssets));
  app.use(scim.routes());
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: true }));
  return app;
}
