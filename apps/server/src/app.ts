import { randomUUID } from "node:crypto";
import Router from "@koa/router";
import type { Store } from "@scimkit/router";
import Koa from "koa";
import type { Logger } from "pino";
import { adminHandlers } from "./app-api/admin.routes.js";
import { adminService } from "./app-api/admin.service.js";
import { appApiHandlers } from "./app-api/app-api.routes.js";
import { appApiService } from "./app-api/app-api.service.js";
import { auditLog } from "./app-api/audit-log.js";
import { bearerAuthenticator } from "./auth/authenticate.js";
import { discoveryHandlers } from "./discovery/discovery.routes.js";
import { currentCapabilities } from "./discovery/discovery.service.js";
import { groupsHandlers } from "./groups/groups.routes.js";
import { groupsService } from "./groups/groups.service.js";
import { healthHandlers } from "./health/health.routes.js";
import { type ConsoleAssets, consoleMiddleware } from "./http/console-assets.js";
import { errorMiddleware } from "./http/error-middleware.js";
import { mountOperations } from "./http/operations.js";
import { type RateLimit, tokenBuckets } from "./http/rate-limit.js";
import { requestLog } from "./http/request-log.js";
import type { Handlers } from "./http/route-types.js";
import { usersHandlers } from "./users/users.routes.js";
import { usersService } from "./users/users.service.js";

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

/** The default `filter.maxResults`: the most resources one page holds. */
export const DEFAULT_MAX_RESULTS = 1000;

/** The SCIM base path; the token identifies the tenant, so it is the same for every tenant. */
export const SCIM_BASE_PATH = "/scim/v2";

/** Builds the Koa app: request log, SCIM errors, then one route per operation of the spec. Never listens. */
export function createApp(deps: AppDeps): Koa {
  const scimBaseUrl = deps.publicUrl.replace(/\/+$/, "") + SCIM_BASE_PATH;
  const services = {
    store: deps.store,
    now: deps.now ?? (() => new Date()),
    newId: deps.newId ?? randomUUID,
    maxResults: deps.maxResults ?? DEFAULT_MAX_RESULTS,
  };
  const capabilities = { ...currentCapabilities, maxResults: services.maxResults };
  const handlers: Handlers = {
    ...discoveryHandlers(capabilities, scimBaseUrl),
    ...usersHandlers(usersService(services)),
    ...groupsHandlers(groupsService(services)),
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
    scimBaseUrl,
    ...(deps.rateLimit === undefined ? {} : { rateLimit: tokenBuckets(deps.rateLimit) }),
  });
  const app = new Koa({ proxy: false });
  app.silent = true;
  app.use(requestLog(deps.logger));
  app.use(errorMiddleware(deps.logger));
  if (deps.consoleAssets !== undefined) app.use(consoleMiddleware(deps.consoleAssets));
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: true }));
  return app;
}
