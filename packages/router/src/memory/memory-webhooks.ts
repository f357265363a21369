import type {
  AttemptOutcome,
  ClaimedDelivery,
  WebhookDelivery,
  WebhookEndpoint,
  WebhooksPort,
} from "../ports/webhooks-port.js";
import { positionAfter } from "./memory-events.js";
import { pruneEvents } from "./memory-prune.js";
import { compareText, copyOf } from "./memory-records.js";
import { ALL, type DeliveryRow, type Lease, type MemoryView } from "./memory-state.js";

const NO_LEASE: Lease = { owner: null, until: null };

/** Whether nobody holds the lease at `now`: never taken, released, or run out. */
const isFree = (lease: Lease, now: string) => lease.owner === null || (lease.until ?? "") <= now;

/** The delivery after an attempt with this outcome. */
function attempted(delivery: WebhookDelivery, outcome: AttemptOutcome): WebhookDelivery {
  const common = {
    ...delivery,
    attempts: delivery.attempts + 1,
    lastAttemptAt: outcome.at,
    lastStatus: outcome.status,
    lastLatencyMs: outcome.latencyMs,
  };
  if (outcome.kind === "delivered")
    return { ...common, state: "delivered", nextAttemptAt: null, lastError: null, deliveredAt: outcome.at };
  return {
    ...common,
    state: outcome.kind === "retry" ? "pending" : "failed",
    nextAttemptAt: outcome.kind === "retry" ? outcome.nextAttemptAt : null,
    lastError: outcome.error,
  };
}

/** Claim order, oldest first: by creation, then the event's place in the feed, then id. */
function olderFirst(a: WebhookDelivery, b: WebhookDelivery): number {
  return (
    compareText(a.createdAt, b.createdAt) ||
    positionAfter(a.eventPosition) - positionAfter(b.eventPosition) ||
    compareText(a.id, b.id)
  );
}

/** Claim order, soonest due first: by when the next attempt is due, then the event's place in the feed, then id. */
function dueFirst(a: WebhookDelivery, b: WebhookDelivery): number {
  return (
    compareText(a.nextAttemptAt ?? "", b.nextAttemptAt ?? "") ||
    positionAfter(a.eventPosition) - positionAfter(b.eventPosition) ||
    compareText(a.id, b.id)
  );
}

/**
 * The webhooks port over one view. Every row is in one partition (claims span tenants); the
 * pending deliveries are indexed apart, so a claim reads only them. Leases compare ISO 8601
 * instants as text, as the SQL stores do.
 */
export function memoryWebhooks(view: MemoryView): WebhooksPort {
  const endpointOf = (tenantId: string, id: string) => {
    const row = view.endpoints.get(ALL, id);
    return row?.endpoint.tenantId === tenantId ? row : undefined;
  };

  /** Stores the delivery row, keeping the pending index in step with its state. */
  function putDelivery(row: DeliveryRow): void {
    const { delivery } = row;
    view.deliveries.set(ALL, delivery.id, row);
    if (delivery.state === "pending") view.pendingDeliveries.set(ALL, delivery.id, delivery.endpointId);
    else view.pendingDeliveries.delete(ALL, delivery.id);
  }

  /** The pending deliveries each the lowest pending sequence of its endpoint and resource. */
  function lowestPending(): DeliveryRow[] {
    const lowest = new Map<string, DeliveryRow>();
    for (const [id] of view.pendingDeliveries.entries(ALL)) {
      const row = view.deliveries.get(ALL, id);
      if (row === undefined) continue;
      const { endpointId, resourceType, resourceId, sequence } = row.delivery;
      const key = `${endpointId}\u0000${resourceType}\u0000${resourceId}`;
      const known = lowest.get(key);
      if (known === undefined || sequence < known.delivery.sequence) lowest.set(key, row);
    }
    return [...lowest.values()];
  }

  return {
    async createEndpoint(endpoint) {
      if (view.endpoints.get(ALL, endpoint.id) !== undefined)
        throw new Error(`Endpoint ${endpoint.id} exists already.`);
      positionAfter(endpoint.cursor);
      view.endpoints.set(ALL, endpoint.id, { endpoint: copyOf(endpoint), fanOut: NO_LEASE });
    },

    async getEndpoint(tenantId, id) {
      const row = endpointOf(tenantId, id);
      return row === undefined ? undefined : copyOf(row.endpoint);
    },

    async listEndpoints(tenantId) {
      return [...view.endpoints.values(ALL)]
        .map((row) => row.endpoint)
        .filter((endpoint) => endpoint.tenantId === tenantId)
        .sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id))
        .map(copyOf);
    },

    async updateEndpoint(tenantId, id, changes) {
      const row = endpointOf(tenantId, id);
      if (row === undefined) return undefined;
      const defined = Object.entries(changes).filter(([, value]) => value !== undefined);
      const endpoint: WebhookEndpoint = { ...row.endpoint, ...copyOf(Object.fromEntries(defined)) };
      view.endpoints.set(ALL, id, { ...row, endpoint });
      if (changes.enabled === true && !row.endpoint.enabled) {
        // Enabled again: what it is owed is due now, in the order it was made.
        for (const [deliveryId, endpointId] of [...view.pendingDeliveries.entries(ALL)]) {
          const pending = endpointId === id ? view.deliveries.get(ALL, deliveryId) : undefined;
          if (pending !== undefined)
            putDelivery({
              ...pending,
              delivery: { ...pending.delivery, nextAttemptAt: pending.delivery.createdAt },
            });
        }
      }
      return copyOf(endpoint);
    },

    async removeEndpoint(tenantId, id) {
      if (endpointOf(tenantId, id) === undefined) return false;
      for (const [position, deliveryId] of [...view.deliveryKeys.entries(id)]) {
        view.deliveries.delete(ALL, deliveryId);
        view.pendingDeliveries.delete(ALL, deliveryId);
        view.deliveryKeys.delete(id, position);
      }
      return view.endpoints.delete(ALL, id);
    },

    async claimFanOut(owner, now, leaseUntil, limit) {
      // The endpoint leased longest ago first, so every endpoint gets its turn.
      const free = [...view.endpoints.values(ALL)]
        .filter((row) => row.endpoint.enabled && isFree(row.fanOut, now))
        .sort(
          (a, b) =>
            compareText(a.fanOut.until ?? "", b.fanOut.until ?? "") ||
            compareText(a.endpoint.createdAt, b.endpoint.createdAt) ||
            compareText(a.endpoint.id, b.endpoint.id),
        )
        .slice(0, Math.max(limit, 0));
      for (const row of free)
        view.endpoints.set(ALL, row.endpoint.id, { ...row, fanOut: { owner, until: leaseUntil } });
      return free.map((row) => copyOf(row.endpoint));
    },

    async addDeliveries(endpointId, owner, cursor, deliveries) {
      const row = view.endpoints.get(ALL, endpointId);
      if (row === undefined || row.fanOut.owner !== owner) return false;
      positionAfter(cursor);
      for (const delivery of deliveries) positionAfter(delivery.eventPosition);
      const { tenantId } = row.endpoint;
      for (const delivery of deliveries) {
        if (view.deliveryKeys.get(endpointId, delivery.eventPosition) !== undefined) continue;
        view.deliveryKeys.set(endpointId, delivery.eventPosition, delivery.id);
        putDelivery({ delivery: copyOf({ ...delivery, tenantId, endpointId }), lease: NO_LEASE });
      }
      const endpoint = { ...row.endpoint, cursor };
      view.endpoints.set(ALL, endpointId, { endpoint, fanOut: { ...row.fanOut, owner: null } });
      return true;
    },

    async claimDeliveries(owner, now, leaseUntil, limit) {
      const claimed: ClaimedDelivery[] = [];
      const due = lowestPending()
        .filter(({ delivery, lease }) => (delivery.nextAttemptAt ?? "") <= now && isFree(lease, now))
        .sort((a, b) => dueFirst(a.delivery, b.delivery));
      for (const row of due) {
        if (claimed.length >= limit) break;
        const { delivery } = row;
        const endpoint = view.endpoints.get(ALL, delivery.endpointId)?.endpoint;
        const event = view.events.get(delivery.tenantId, delivery.eventPosition);
        if (endpoint?.enabled !== true || event === undefined) continue;
        putDelivery({ delivery, lease: { owner, until: leaseUntil } });
        claimed.push({ delivery: copyOf(delivery), body: event.body, endpoint: copyOf(endpoint) });
      }
      return claimed;
    },

    async recordAttempt(deliveryId, owner, outcome) {
      const row = view.deliveries.get(ALL, deliveryId);
      if (row === undefined || row.lease.owner !== owner) return false;
      putDelivery({ delivery: attempted(row.delivery, outcome), lease: NO_LEASE });
      return true;
    },

    async releaseLeases() {
      for (const row of [...view.endpoints.values(ALL)])
        view.endpoints.set(ALL, row.endpoint.id, { ...row, fanOut: { ...row.fanOut, owner: null } });
      for (const row of [...view.deliveries.values(ALL)])
        if (row.lease.owner !== null) view.deliveries.set(ALL, row.delivery.id, { ...row, lease: NO_LEASE });
      for (const [name, row] of [...view.consumers.entries(ALL)])
        view.consumers.set(ALL, name, { ...row, lease: NO_LEASE });
    },

    async deliveries(tenantId, query) {
      const matches = [...view.deliveries.values(ALL)]
        .map((row) => row.delivery)
        .filter((delivery) => delivery.tenantId === tenantId)
        .filter((delivery) => query.endpointId === undefined || delivery.endpointId === query.endpointId)
        .filter((delivery) => query.state === undefined || delivery.state === query.state)
        .sort((a, b) => olderFirst(b, a));
      const start = Math.max(query.startIndex, 1) - 1;
      const items = matches.slice(start, start + Math.max(query.count, 0)).map(copyOf);
      return { total: matches.length, items };
    },

    async resend(tenantId, endpointId, deliveryIds, at) {
      let count = 0;
      for (const id of new Set(deliveryIds)) {
        const row = view.deliveries.get(ALL, id);
        if (row === undefined) continue;
        const { delivery } = row;
        if (delivery.tenantId !== tenantId || delivery.endpointId !== endpointId) continue;
        if (view.events.get(tenantId, delivery.eventPosition) === undefined) continue;
        putDelivery({ ...row, delivery: { ...delivery, state: "pending", nextAttemptAt: at } });
        count += 1;
      }
      return count;
    },

    async claimConsumer(name, start, owner, now, leaseUntil) {
      positionAfter(start);
      const row = view.consumers.get(ALL, name) ?? { cursor: start, lease: NO_LEASE };
      if (row.lease.owner !== owner && !isFree(row.lease, now)) return undefined;
      view.consumers.set(ALL, name, { cursor: row.cursor, lease: { owner, until: leaseUntil } });
      return { name, cursor: row.cursor };
    },

    async advanceConsumer(name, owner, cursor, leaseUntil) {
      const row = view.consumers.get(ALL, name);
      if (row === undefined || row.lease.owner !== owner) return false;
      positionAfter(cursor);
      view.consumers.set(ALL, name, { cursor, lease: { owner, until: leaseUntil } });
      return true;
    },

    async prune(before) {
      for (const [id, row] of [...view.deliveries.entries(ALL)]) {
        const { delivery } = row;
        if (delivery.state === "pending" || delivery.createdAt >= before) continue;
        view.deliveries.delete(ALL, id);
        view.deliveryKeys.delete(delivery.endpointId, delivery.eventPosition);
      }
      return pruneEvents(view, before);
    },

    async serverKey(name, generate) {
      const stored = view.serverKeys.get(ALL, name);
      if (stored !== undefined) return stored;
      const key = generate();
      view.serverKeys.set(ALL, name, key);
      return key;
    },
  };
}
