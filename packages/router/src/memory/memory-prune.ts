import { positionAfter } from "./memory-events.js";
import { ALL, type MemoryView } from "./memory-state.js";

/** The lowest of the positions, or undefined for none. */
function lowest(positions: Iterable<number>): number | undefined {
  let low: number | undefined;
  for (const position of positions) low = low === undefined ? position : Math.min(low, position);
  return low;
}

/**
 * Deletes the events created before `before` that nobody owes any more (`WebhooksPort.prune`):
 * at or behind the cursor of every endpoint of their tenant (enabled or not) and of every
 * consumer, and without a pending delivery. Positions are one counter across tenants, so an
 * endpoint's cursor and a consumer's compare with an event's position alike. How many went.
 */
export function pruneEvents(view: MemoryView, before: string): number {
  const endpointsAt = new Map<string, number>();
  for (const { endpoint } of view.endpoints.values(ALL)) {
    const at = positionAfter(endpoint.cursor);
    endpointsAt.set(endpoint.tenantId, Math.min(at, endpointsAt.get(endpoint.tenantId) ?? at));
  }
  const consumersAt = lowest([...view.consumers.values(ALL)].map((row) => positionAfter(row.cursor)));
  const pending = new Set<string>();
  for (const [id] of view.pendingDeliveries.entries(ALL)) {
    const delivery = view.deliveries.get(ALL, id)?.delivery;
    if (delivery !== undefined) pending.add(delivery.eventPosition);
  }
  let pruned = 0;
  for (const [position, { tenantId, createdAt }] of [...view.feed.entries(ALL)]) {
    if (createdAt >= before || pending.has(position)) continue;
    const at = Number(position);
    const endpointAt = endpointsAt.get(tenantId);
    if ((consumersAt !== undefined && at > consumersAt) || (endpointAt !== undefined && at > endpointAt))
      continue;
    view.events.delete(tenantId, position);
    view.feed.delete(ALL, position);
    pruned += 1;
  }
  return pruned;
}
