import { ScimError } from "@scimkit/core";
import type { EventPage, EventQuery, EventsPort } from "../ports/events-port.js";
import { type EventResource, type StoredEvent, sequencedEvents } from "../ports/records.js";
import { ALL, type MemoryView } from "./memory-state.js";

/** Where a resource's last sequence number is kept in `eventSequences`. */
const resourceKey = (resource: EventResource) => `${resource.type}\u0000${resource.id}`;

/**
 * A cursor as a position number: 0 for the start; 400 for text this store never handed out. A
 * tenant's feed and the feed of every tenant share the positions, so one parse serves both.
 */
export function positionAfter(after: string | undefined): number {
  if (after === undefined) return 0;
  if (!/^(0|[1-9]\d{0,14})$/.test(after)) throw ScimError.invalidValue("The events cursor is not valid.");
  return Number(after);
}

/** The page of `events` (in feed order) after the query's cursor, of its types, at most its limit. */
function pageOf(events: Iterable<StoredEvent>, query: EventQuery): EventPage {
  const after = positionAfter(query.after);
  const types = query.types === undefined ? undefined : new Set<string>(query.types);
  const items: StoredEvent[] = [];
  for (const event of events) {
    if (items.length >= query.limit) break;
    if (Number(event.position) <= after) continue;
    if (types === undefined || types.has(event.type)) items.push({ ...event });
  }
  return { items, cursor: items.at(-1)?.position ?? String(after) };
}

/**
 * The events port over one view. A position is the store's counter, taken at append: the store runs
 * its transactions one at a time (memory-store.ts), so append order across transactions is commit
 * order, and a running transaction's events stay in its view until it commits.
 */
export function memoryEvents(view: MemoryView): EventsPort {
  /** Every tenant's events in position order (`feed` rows come in the order they were appended). */
  function* everyTenant(): Generator<StoredEvent> {
    for (const [position, { tenantId }] of view.feed.entries(ALL)) {
      const event = view.events.get(tenantId, position);
      if (event !== undefined) yield event;
    }
  }

  return {
    async append(tenantId, resource, events) {
      const key = resourceKey(resource);
      const last = view.eventSequences.get(tenantId, key) ?? 0;
      const stored: StoredEvent[] = sequencedEvents(tenantId, resource, events, last).map((event) => {
        view.committed.position += 1;
        return { position: String(view.committed.position), ...event };
      });
      stored.forEach((event, index) => {
        view.events.set(tenantId, event.position, event);
        view.feed.set(ALL, event.position, { tenantId, createdAt: events[index]?.timestamp ?? "" });
      });
      if (stored.length > 0) view.eventSequences.set(tenantId, key, last + stored.length);
      return stored.map((event) => ({ ...event }));
    },

    async page(tenantId, query) {
      // A tenant's rows come in position order: committed ones in the order their transactions
      // appended and committed them, then this view's own (memory-table.ts `entries`).
      return pageOf(view.events.values(tenantId), query);
    },

    async head(tenantId) {
      let last = 0;
      const events = tenantId === undefined ? everyTenant() : view.events.values(tenantId);
      for (const event of events) last = Math.max(last, Number(event.position));
      return String(last);
    },

    async feed(query) {
      return pageOf(everyTenant(), query);
    },
  };
}
