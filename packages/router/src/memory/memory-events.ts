import { ScimError } from "@scimkit/core";
import type { EventsPort } from "../ports/events-port.js";
import { type EventResource, type StoredEvent, sequencedEvents } from "../ports/records.js";
import type { MemoryView } from "./memory-state.js";

/** Where a resource's last sequence number is kept in `eventSequences`. */
const resourceKey = (resource: EventResource) => `${resource.type}\u0000${resource.id}`;

/** A cursor as a position number: 0 for the start; 400 for text this store never handed out. */
function positionAfter(after: string | undefined): number {
  if (after === undefined) return 0;
  if (!/^(0|[1-9]\d{0,14})$/.test(after)) throw ScimError.invalidValue("The events cursor is not valid.");
  return Number(after);
}

/**
 * The events port over one view. A position is the store's counter, taken at append: the store runs
 * its transactions one at a time (memory-store.ts), so append order across transactions is commit
 * order, and a running transaction's events stay in its view until it commits.
 */
export function memoryEvents(view: MemoryView): EventsPort {
  return {
    async append(tenantId, resource, events) {
      const key = resourceKey(resource);
      const last = view.eventSequences.get(tenantId, key) ?? 0;
      const stored: StoredEvent[] = sequencedEvents(tenantId, resource, events, last).map((event) => {
        view.committed.position += 1;
        return { position: String(view.committed.position), ...event };
      });
      for (const event of stored) view.events.set(tenantId, event.position, event);
      if (stored.length > 0) view.eventSequences.set(tenantId, key, last + stored.length);
      return stored.map((event) => ({ ...event }));
    },

    async page(tenantId, query) {
      const after = positionAfter(query.after);
      const types = query.types === undefined ? undefined : new Set<string>(query.types);
      const items: StoredEvent[] = [];
      // A tenant's rows come in position order: committed ones in the order their transactions
      // appended and committed them, then this view's own (memory-table.ts `entries`).
      for (const event of view.events.values(tenantId)) {
        if (items.length >= query.limit) break;
        if (Number(event.position) <= after) continue;
        if (types === undefined || types.has(event.type)) items.push({ ...event });
      }
      return { items, cursor: items.at(-1)?.position ?? String(after) };
    },
  };
}
