import type {
  AuditEvent,
  StoredEvent,
  StoredGroup,
  StoredToken,
  StoredUser,
  Tenant,
} from "../ports/records.js";
import type { WebhookDelivery, WebhookEndpoint } from "../ports/webhooks-port.js";
import { MemoryTable, TableDraft, type ViewSession } from "./memory-table.js";

/** A membership row: a user in a group since `addedAt`. */
export interface Membership {
  readonly groupId: string;
  readonly userId: string;
  readonly addedAt: string;
}

/** An audit event and its place in append order (the tiebreak among events at the same instant). */
export interface AuditRow {
  readonly event: AuditEvent;
  readonly seq: number;
}

/** An event's place in the feed of every tenant: whose it is, and when it was created (its `timestamp`). */
export interface FeedEntry {
  readonly tenantId: string;
  readonly createdAt: string;
}

/** A lease (webhooks-port.ts): free when nobody holds it or it ran out. */
export interface Lease {
  readonly owner: string | null;
  readonly until: string | null;
}

/** A webhook endpoint and its fan-out lease. */
export interface EndpointRow {
  readonly endpoint: WebhookEndpoint;
  readonly fanOut: Lease;
}

/** A delivery and its lease. */
export interface DeliveryRow {
  readonly delivery: WebhookDelivery;
  readonly lease: Lease;
}

/** An event consumer's cursor and its lease. */
export interface ConsumerRow {
  readonly cursor: string;
  readonly lease: Lease;
}

/**
 * The row type of each table, and how it is partitioned:
 * tenants and tokens in one partition (`ALL`) by id; users, groups and audit rows by tenant; the
 * unique-name indexes by tenant, then folded name (RFC 7643 §2.2 caseExact false), holding the
 * owner's id; memberships twice, by `tenant·group` then user id (`members`) and by `tenant·user`
 * then group id (`memberships`), so a group's members and a user's groups are read without a scan;
 * provisioning events by tenant, then position (`events`), every tenant's in one partition by
 * position (`feed`, for the cross-tenant feed and pruning), and each resource's last sequence
 * number by tenant, then `type·id` (`eventSequences`); webhook endpoints, deliveries, consumers
 * and server keys in one partition (the worker's claims span tenants), with the pending
 * deliveries' ids (`pendingDeliveries`, holding the endpoint's id) so a claim reads no finished
 * delivery, and each delivery's id by endpoint, then event position (`deliveryKeys`), so a
 * delivery is stored once per endpoint and event.
 */
interface Rows {
  readonly tenants: Tenant;
  readonly tokens: StoredToken;
  readonly users: StoredUser;
  readonly userNames: string;
  readonly groups: StoredGroup;
  readonly groupNames: string;
  readonly members: Membership;
  readonly memberships: Membership;
  readonly audit: AuditRow;
  readonly events: StoredEvent;
  readonly eventSequences: number;
  readonly feed: FeedEntry;
  readonly endpoints: EndpointRow;
  readonly deliveries: DeliveryRow;
  readonly pendingDeliveries: string;
  readonly deliveryKeys: string;
  readonly consumers: ConsumerRow;
  readonly serverKeys: string;
}
const tableNames = [
  "tenants",
  "tokens",
  "users",
  "userNames",
  "groups",
  "groupNames",
  "members",
  "memberships",
  "audit",
  "events",
  "eventSequences",
  "feed",
  "endpoints",
  "deliveries",
  "pendingDeliveries",
  "deliveryKeys",
  "consumers",
  "serverKeys",
] as const satisfies readonly (keyof Rows)[];

/** The partition of tables that are not split by tenant. */
export const ALL = "";

/** The partition of one group's members, or of one user's memberships. */
export const within = (tenantId: string, id: string): string => `${tenantId}\u0000${id}`;

/** The committed state of a store. */
export type MemoryState = { readonly [K in keyof Rows]: MemoryTable<Rows[K]> } & {
  /** The last audit sequence number handed out; never rolled back (gaps are harmless). */
  seq: number;
  /**
   * The last event position handed out. Transactions run one at a time, so positions taken in
   * append order are commit order. A rolled-back transaction's positions are not reused: a gap
   * is harmless, since positions only order the feed.
   */
  position: number;
};

/** One transaction's (or one read's) view of the state. */
export type MemoryView = { readonly [K in keyof Rows]: TableDraft<Rows[K]> } & {
  readonly committed: MemoryState;
  readonly session: ViewSession;
};

export function createMemoryState(): MemoryState {
  const state = { seq: 0, position: 0 } as Record<string, unknown>;
  for (const name of tableNames) state[name] = new MemoryTable();
  return state as MemoryState;
}

/** A view over the committed state that records its writes apart until `commitView`. */
export function openView(committed: MemoryState): MemoryView {
  const session: ViewSession = { open: true };
  const view = { committed, session } as Record<string, unknown>;
  for (const name of tableNames) view[name] = new TableDraft(committed[name] as MemoryTable<never>, session);
  return view as MemoryView;
}

/** Applies the view's writes to the committed state and ends the view. */
export function commitView(view: MemoryView): void {
  for (const name of tableNames) view[name].commit();
  view.session.open = false;
}

/** Ends the view without applying its writes (a rollback). */
export function closeView(view: MemoryView): void {
  view.session.open = false;
}
