import type { Selectable } from "kysely";

/**
 * A tenant's webhook endpoints (migration 0010). `event_types` and `secrets` are JSON arrays
 * (`event_types` null: every type); `enabled` is 0 or 1. `fan_out_owner` holds the fan-out lease
 * until `fan_out_until`; releasing it clears the owner and keeps the instant, so the endpoint
 * leased longest ago is claimed first.
 */
export interface WebhookEndpointsTable {
  id: string;
  tenant_id: string;
  url: string;
  description: string | null;
  event_types: string | null;
  secrets: string;
  enabled: number;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
  cursor: string;
  failing_since: string | null;
  fan_out_owner: string | null;
  fan_out_until: string | null;
}

export type WebhookEndpointRow = Selectable<WebhookEndpointsTable>;

/**
 * One event owed to one endpoint (migration 0010): `event_position` is the event's place in its
 * tenant's feed as the port hands it out, `event_row` its `events.position` (a number; PostgreSQL's
 * driver reads the bigint as text), which the claim joins on. `lease_owner` holds it until
 * `lease_until`.
 */
export interface WebhookDeliveriesTable {
  id: string;
  tenant_id: string;
  endpoint_id: string;
  event_position: string;
  event_row: number | string;
  event_id: string;
  event_type: string;
  resource_type: string;
  resource_id: string;
  sequence: number;
  state: string;
  attempts: number;
  next_attempt_at: string | null;
  created_at: string;
  last_attempt_at: string | null;
  last_status: number | null;
  last_latency_ms: number | null;
  last_error: string | null;
  delivered_at: string | null;
  lease_owner: string | null;
  lease_until: string | null;
}

export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;

/** A host's in-process consumer of every tenant's events: its feed cursor and lease (migration 0010). */
export interface EventConsumersTable {
  name: string;
  cursor: string;
  lease_owner: string | null;
  lease_until: string | null;
}

/** Keys a server generates once and every instance shares (migration 0010). */
export interface ServerKeysTable {
  name: string;
  value: string;
}
