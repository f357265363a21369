import type { ProvisioningEventType } from "@scimkit/types";
import type { EventResource, NewEvent, StoredEvent } from "./records.js";

/*
 * The events port, beside the others in store-ports.ts (whose contract it keeps too: tenant
 * scoping, busy is 503) and part of every `UnitOfWork`.
 */

/** A page query over a tenant's events, in feed order (see {@link EventsPort}). */
export interface EventQuery {
  /**
   * A `cursor` a page returned, or an event's `position`: the page starts after it. Absent, the
   * page starts at the beginning of the feed. Text the store did not hand out is 400 invalidValue.
   */
  readonly after?: string;
  /** Only events of these types; every type when absent. */
  readonly types?: readonly ProvisioningEventType[];
  /** At most this many events. */
  readonly limit: number;
}

/** A page of events and where the next page starts. */
export interface EventPage {
  readonly items: readonly StoredEvent[];
  /** The last item's position, or the query's `after` (the start, when absent) when there is none. */
  readonly cursor: string;
}

/**
 * The transactional outbox of provisioning events (spec/openapi.yaml `ProvisioningEvent`): a
 * write appends its events in its own unit of work, so they commit or roll back with the change;
 * webhook deliveries and the pull API read each tenant's feed page by page.
 *
 * - Sequence numbers: `append` numbers a resource's events 1, 2, 3… per tenant and resource,
 *   after the last one any committed transaction took. Concurrent transactions appending for one
 *   resource queue on it (or one fails busy, 503), so the committed history of a resource has
 *   every number once, in commit order; a rolled-back append consumes none.
 * - Feed order: a transaction's events are consecutive, in the order appended, and after the
 *   events of every transaction that committed before it first wrote. (On SQLite and the in-memory
 *   store this is commit order; on PostgreSQL, that of the transactions' ids, so a transaction that
 *   wrote first but appended for a resource after another committed stands before it in the feed
 *   with the higher sequence number, and a receiver tells the other is late by its lower number,
 *   as the spec's `EventEnvelope` says.)
 * - Paging: `page` returns an event only once every event before it in the feed has committed or
 *   rolled back, so a reader that follows cursors sees each committed event exactly once and never
 *   skips one whose transaction commits late; events wait (never are lost) while an older
 *   transaction is open. `page` is for readers outside a write transaction: inside one, whether it
 *   sees that transaction's own events is the store's choice.
 */
export interface EventsPort {
  /**
   * Stores the events of one resource, numbered after its last sequence, each with its body
   * serialised once (`sequencedEvents`, records.ts); returns them as stored.
   */
  append(
    tenantId: string,
    resource: EventResource,
    events: readonly NewEvent[],
  ): Promise<readonly StoredEvent[]>;
  /** The tenant's events after `query.after`, in feed order, of `query.types`, at most `query.limit`. */
  page(tenantId: string, query: EventQuery): Promise<EventPage>;
  /**
   * The cursor of the tenant's feed (of `feed`, every tenant's, when `tenantId` is absent) as a
   * reader sees it now: a page after it returns only events that are not visible yet (a new webhook
   * endpoint, and a new `onEvent` consumer, start here).
   */
  head(tenantId?: string): Promise<string>;
  /**
   * Every tenant's events after `query.after`, in one feed with the same order and visibility
   * rules as `page` (a host's `onEvent` consumer reads it). Its cursors are its own: not a tenant
   * page's.
   */
  feed(query: EventQuery): Promise<EventPage>;
}
