import { pendingDelivery } from "../delivery/fan-out.js";
import type { EventResource, StoredEvent } from "../ports/records.js";
import type { Store } from "../ports/store-ports.js";
import type { WebhookDelivery, WebhookEndpoint } from "../ports/webhooks-port.js";
import { at, eventFixture, TENANT } from "./contract-fixtures.js";

/*
 * What the webhooks contract cases store: endpoints, the deliveries of stored events, and the
 * owners and instants of leases (`at(seconds)`, so every store compares the same instants).
 */

/** What an endpoint fixture may vary; the rest is filled in. */
export interface EndpointSeed {
  readonly tenantId?: string;
  /** Seconds after `at(0)`: the endpoint's `createdAt`. */
  readonly created?: number;
  readonly enabled?: boolean;
}

/** An endpoint with a current and a rotated-out secret, receiving two event types. */
export function endpointFixture(id: string, cursor: string, seed: EndpointSeed = {}): WebhookEndpoint {
  const createdAt = at(seed.created ?? 0);
  const enabled = seed.enabled ?? true;
  return {
    id,
    tenantId: seed.tenantId ?? TENANT,
    url: `https://hooks.example.com/${id}`,
    description: `Endpoint ${id}`,
    eventTypes: ["user.updated", "group.member_added"],
    secrets: [
      { sealed: `sealed-${id}-2`, createdAt, expiresAt: null },
      { sealed: `sealed-${id}-1`, createdAt, expiresAt: at(86_400) },
    ],
    enabled,
    disabledReason: enabled ? null : "manual",
    createdAt,
    updatedAt: createdAt,
    cursor,
    failingSince: null,
  };
}

/** The delivery of `event` to `endpoint`, pending and due at its creation, `created` seconds after `at(0)`. */
export function deliveryFixture(
  id: string,
  endpoint: WebhookEndpoint,
  event: StoredEvent,
  created = 0,
): WebhookDelivery {
  return pendingDelivery(id, endpoint, event, at(created));
}

/** Appends one event per id about `resource` at `at(seconds)`, each on its own; the stored events. */
export async function appendEach(
  store: Store,
  resource: EventResource,
  ids: readonly string[],
  seconds = 0,
  tenantId = TENANT,
): Promise<StoredEvent[]> {
  const stored: StoredEvent[] = [];
  for (const id of ids)
    stored.push(
      ...(await store.read.events.append(tenantId, resource, [eventFixture(id, resource, seconds)])),
    );
  return stored;
}

/** The fan-out owner of the cases, and the instants its leases run: it claims at 0, until 1. */
export const FAN_OUT = "fan-out";

/**
 * Fans `deliveries` out to `endpoint` (enabled) as a worker does: leases every free endpoint,
 * stores the deliveries and moves the endpoint's cursor to the last delivery's event.
 */
export async function fanOut(
  store: Store,
  endpoint: WebhookEndpoint,
  deliveries: readonly WebhookDelivery[],
  cursor = deliveries.at(-1)?.eventPosition ?? endpoint.cursor,
): Promise<void> {
  await store.read.webhooks.claimFanOut(FAN_OUT, at(0), at(1), 1000);
  const added = await store.read.webhooks.addDeliveries(endpoint.id, FAN_OUT, cursor, deliveries);
  if (!added) throw new Error(`The fan-out lease of ${endpoint.id} was not held.`);
}

/** The ids of deliveries, claimed or not, in order. */
export const deliveryIds = (
  items: readonly ({ readonly id: string } | { readonly delivery: { readonly id: string } })[],
) => items.map((item) => ("delivery" in item ? item.delivery.id : item.id));
