import { randomUUID } from "node:crypto";
import type { LifecyclePolicy } from "@scimkit/core";
import { type OperationId, operations } from "@scimkit/types";
import { bearerAuthenticator } from "../auth/bearer-authenticator.js";
import type { Principal, TenantSettingsView } from "../auth/principal.js";
import { startEventConsumer } from "../delivery/event-consumer.js";
import { discoveryHandlers } from "../discovery/discovery.routes.js";
import { currentCapabilities } from "../discovery/discovery.service.js";
import { eventNotifyingStore } from "../events/event-notifying-store.js";
import { groupsHandlers } from "../groups/groups.routes.js";
import { groupsService } from "../groups/groups.service.js";
import type { OperationDeps, ScimRequestHead } from "../http/operation-call.js";
import { type RateLimit, tokenBuckets } from "../http/rate-limit.js";
import type { ScimHandlers, ScimLogger, ScimOperationId } from "../http/route-types.js";
import type { Store } from "../ports/store-ports.js";
import { usersHandlers } from "../users/users.routes.js";
import { usersService } from "../users/users.service.js";
import { hookedStore, type ScimHooks } from "./hooked-store.js";

/** The SCIM base path when the host names none (the path IdPs are usually given). */
export const DEFAULT_SCIM_BASE_PATH = "/scim/v2";

/** The default `filter.maxResults`: the most resources one page holds. */
export const DEFAULT_MAX_RESULTS = 1000;

/** The name the `onEvent` hook's consumer keeps its place in the outbox under, unless the host names one. */
export const DEFAULT_EVENT_CONSUMER = "scimkit-hooks";

/** The default largest request body: 1 MiB. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/** What mounting scimkit's SCIM routes takes; only `store` is required. */
export interface ScimOptions {
  /** The store every read and write runs on: the Kysely stores, the in-memory store, or the host's own. */
  readonly store: Store;
  /** Where the routes live, e.g. `/scim/v2` (the default) or `/api/scim/v2`. */
  readonly basePath?: string;
  /**
   * The public origin (e.g. `https://app.example.com`) for `meta.location` (RFC 7643 §3.1); the
   * request's own origin when absent (set it behind a proxy that rewrites the host).
   */
  readonly publicUrl?: string;
  /**
   * Resolves a request to its tenant, actor and settings, or throws a 401/403 ScimError. Default:
   * `Authorization: Bearer` tokens of the `scim` scope through the store's tokens port (hashed,
   * compared in constant time; 403 while the tenant's provisioning is off).
   */
  readonly authenticate?: (request: ScimRequestHead) => Promise<Principal>;
  /** The lifecycle policy of a tenant, asked per request. Default: scimkit's rules with the tenant's JIT and delete settings. */
  readonly policy?: (settings: TenantSettingsView) => LifecyclePolicy;
  /** Code the host runs in each write's unit of work (`beforeCommit`) and for each event once committed (`onEvent`). */
  readonly hooks?: ScimHooks;
  /**
   * Stops the background work the mounting started (the `onEvent` consumer) when aborted, e.g. at
   * the host's shutdown; the loop's timers never keep a process alive by themselves.
   */
  readonly signal?: AbortSignal;
  /** Structured log for failures (a 500's cause, an `onEvent` that threw); silent when absent. */
  readonly logger?: ScimLogger;
  readonly bodyLimitBytes?: number;
  /** The most results one list page may hold (`filter.maxResults`). */
  readonly maxResults?: number;
  /** A per-actor request budget (429 with Retry-After beyond it); no limit when absent. */
  readonly rateLimit?: RateLimit;
  /** Clock and ids; tests pass their own. */
  readonly now?: () => Date;
  readonly newId?: () => string;
}

const silent: ScimLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** The SCIM operations of the spec (tagged Users, Groups or Discovery), as a list. */
export const scimOperationIds = (Object.keys(operations) as OperationId[]).filter(
  (id): id is ScimOperationId => ["Users", "Groups", "Discovery"].includes(operations[id].tag ?? ""),
);

/** Everything a mounting needs, built once from the options. */
export interface ScimMount {
  readonly basePath: string;
  readonly publicUrl: string | undefined;
  readonly handlers: ScimHandlers;
  readonly deps: OperationDeps;
  readonly logger: ScimLogger;
}

/** Builds the services and handlers of the SCIM routes from the host's options. */
export function scimMount(options: ScimOptions): ScimMount {
  const logger = options.logger ?? silent;
  const now = options.now ?? (() => new Date());
  const hooks = options.hooks ?? {};
  let store = hookedStore(options.store, hooks);
  if (hooks.onEvent !== undefined && options.signal?.aborted !== true) {
    const consumer = startEventConsumer({
      store: options.store,
      name: hooks.consumer ?? DEFAULT_EVENT_CONSUMER,
      onEvent: hooks.onEvent,
      logger,
    });
    options.signal?.addEventListener("abort", () => void consumer.stop(), { once: true });
    // A commit with events wakes the consumer, so `onEvent` runs right after the write, not at a poll.
    store = eventNotifyingStore(store, () => consumer.wake());
  }
  const services = {
    store,
    now,
    newId: options.newId ?? randomUUID,
    maxResults: options.maxResults ?? DEFAULT_MAX_RESULTS,
    ...(options.policy === undefined ? {} : { policy: options.policy }),
  };
  const hostAuthenticate = options.authenticate;
  const authenticate: OperationDeps["authenticate"] =
    hostAuthenticate === undefined
      ? bearerAuthenticator(options.store, {
          now,
          onError: (error) => logger.warn({ err: error }, "could not record a token's last use"),
        })
      : (request) => hostAuthenticate(request);
  const handlers: ScimHandlers = {
    ...discoveryHandlers({ ...currentCapabilities, maxResults: services.maxResults }),
    ...usersHandlers(usersService(services)),
    ...groupsHandlers(groupsService(services)),
  };
  return {
    basePath: (options.basePath ?? DEFAULT_SCIM_BASE_PATH).replace(/\/+$/, ""),
    publicUrl: options.publicUrl?.replace(/\/+$/, ""),
    handlers,
    deps: {
      authenticate,
      bodyLimitBytes: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
      ...(options.rateLimit === undefined ? {} : { rateLimit: tokenBuckets(options.rateLimit) }),
    },
    logger,
  };
}
