import type { ProvisioningEventType } from "@scimkit/types";
import type { ScimLogger } from "../http/route-types.js";
import type { StoredEvent } from "../ports/records.js";
import type { Store } from "../ports/store-ports.js";
import type { WebhookDelivery, WebhookEndpoint } from "../ports/webhooks-port.js";

/*
 * The fan-out: the events each endpoint is owed become delivery rows, one per endpoint and event.
 * Each endpoint's tenant feed is read from the endpoint's cursor outside any transaction (a feed
 * read holds back events of transactions still open, events-port.ts), then the rows and the new
 * cursor are stored together under the endpoint's fan-out lease.
 */

/** Endpoints claimed per fan-out round, and events read per endpoint. */
export const FAN_OUT_ENDPOINTS = 50;
export const FAN_OUT_PAGE = 100;

const TEST_EVENT: ProvisioningEventType = "webhook.test";

/**
 * The event types to read for an endpoint: all (undefined), or its own and `webhook.test`, which an
 * admin sends to test the endpoint whatever types it subscribes to.
 */
export function eventTypesFor(endpoint: WebhookEndpoint): readonly ProvisioningEventType[] | undefined {
  const { eventTypes } = endpoint;
  if (eventTypes === null) return undefined;
  return eventTypes.includes(TEST_EVENT) ? eventTypes : [...eventTypes, TEST_EVENT];
}

/** The event's id from its stored body (the `webhook-id` of every attempt). */
function eventIdOf(event: StoredEvent): string {
  const id = (JSON.parse(event.body) as { id?: unknown }).id;
  if (typeof id !== "string") throw new Error(`The stored event at ${event.position} has no id.`);
  return id;
}

/**
 * The deliveries an endpoint is owed for these events: pending and due at `at`. A `webhook.test`
 * event goes only to the endpoint it tests (its resource is that endpoint).
 */
export function deliveriesFor(
  endpoint: WebhookEndpoint,
  events: readonly StoredEvent[],
  at: string,
  newId: () => string,
): WebhookDelivery[] {
  return events
    .filter((event) => event.type !== TEST_EVENT || event.resourceId === endpoint.id)
    .map((event) => pendingDelivery(newId(), endpoint, event, at));
}

/** The delivery `id` of `event` to `endpoint`: pending, no attempt yet, due (and made) at `at`. */
export function pendingDelivery(
  id: string,
  endpoint: Pick<WebhookEndpoint, "id" | "tenantId">,
  event: StoredEvent,
  at: string,
): WebhookDelivery {
  return {
    id,
    tenantId: endpoint.tenantId,
    endpointId: endpoint.id,
    eventPosition: event.position,
    eventId: eventIdOf(event),
    eventType: event.type,
    resourceType: event.resourceType,
    resourceId: event.resourceId,
    sequence: event.sequence,
    state: "pending",
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
    lastAttemptAt: null,
    lastStatus: null,
    lastLatencyMs: null,
    lastError: null,
    deliveredAt: null,
  };
}

export interface FanOutDeps {
  readonly store: Store;
  readonly owner: string;
  readonly leaseMs: number;
  readonly logger: ScimLogger;
  readonly now: () => Date;
  readonly newId: () => string;
}

/** What a fan-out round did: deliveries made, and whether more is owed now (a full page or claim). */
export interface FanOutRound {
  readonly made: number;
  readonly more: boolean;
}

/** One endpoint's page: its deliveries stored and its cursor moved; how many were made, and if the page was full. */
async function fanOutEndpoint(deps: FanOutDeps, endpoint: WebhookEndpoint, at: string) {
  const { store, owner, newId } = deps;
  const types = eventTypesFor(endpoint);
  // With a type filter, the feed's head read first: when no event of the types follows the cursor,
  // every event up to the head was not the endpoint's, and the cursor moves past them too, so a
  // filter widened later sends only what commits after the change, not events already passed over.
  const head = types === undefined ? undefined : await store.read.events.head(endpoint.tenantId);
  const page = await store.read.events.page(endpoint.tenantId, {
    after: endpoint.cursor,
    ...(types === undefined ? {} : { types }),
    limit: FAN_OUT_PAGE,
  });
  const cursor = page.items.length === 0 && head !== undefined ? head : page.cursor;
  const deliveries = deliveriesFor(endpoint, page.items, at, newId);
  const kept = await store.read.webhooks.addDeliveries(endpoint.id, owner, cursor, deliveries);
  if (!kept) {
    deps.logger.warn({ endpointId: endpoint.id }, "webhook fan-out lease lost; another instance goes on");
    return { made: 0, full: false };
  }
  return { made: deliveries.length, full: page.items.length >= FAN_OUT_PAGE };
}

/**
 * One fan-out round: claims endpoints whose fan-out lease is free and gives each one page of its
 * feed. An endpoint that fails is logged and left to its lease's expiry; the others go on.
 */
export async function fanOut(deps: FanOutDeps): Promise<FanOutRound> {
  const now = deps.now();
  const at = now.toISOString();
  const leaseUntil = new Date(now.getTime() + deps.leaseMs).toISOString();
  const endpoints = await deps.store.read.webhooks.claimFanOut(deps.owner, at, leaseUntil, FAN_OUT_ENDPOINTS);
  let made = 0;
  let more = endpoints.length >= FAN_OUT_ENDPOINTS;
  for (const endpoint of endpoints) {
    try {
      const round = await fanOutEndpoint(deps, endpoint, at);
      made += round.made;
      more ||= round.full;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      deps.logger.error(
        { endpointId: endpoint.id, tenantId: endpoint.tenantId, error: reason },
        "webhook fan-out failed",
      );
    }
  }
  return { made, more };
}
