import type { Generated, Insertable, Selectable } from "kysely";

/**
 * The provisioning event outbox (migration 0009): each event as JSON text written once, in the
 * tenant's feed order. `position` is the order of appending (SQLite's AUTOINCREMENT, PostgreSQL's
 * identity: never reused). On PostgreSQL `transaction_id` is the appending transaction's id
 * (`pg_current_xact_id()`), which orders the feed before `position` (events-store.ts); SQLite has
 * no such column.
 */
export interface EventsTable {
  /** A number; PostgreSQL's driver reads its bigint as text. */
  position: Generated<number | string>;
  /** PostgreSQL only: an xid8, read as text. */
  transaction_id: Generated<string>;
  tenant_id: string;
  resource_type: string;
  resource_id: string;
  sequence: number;
  type: string;
  body: string;
  /** The event's `timestamp` (migration 0010; '' for events appended before it): what pruning compares. */
  created_at: string;
}

export type EventRow = Selectable<EventsTable>;
export type NewEventRow = Insertable<EventsTable>;

/**
 * The last sequence number each resource's events took. An append raises it in the appending
 * transaction, which holds the row until it ends, so concurrent appends for one resource queue and
 * a rollback gives the numbers back.
 */
export interface EventSequencesTable {
  tenant_id: string;
  resource_type: string;
  resource_id: string;
  last_sequence: number;
}
