import type {
  DeliveryState,
  EndpointChanges,
  EndpointDisabledReason,
  EndpointSecret,
  WebhookDelivery,
  WebhookEndpoint,
} from "@scimkit/router";
import type { ProvisioningEventType } from "@scimkit/types";
import type {
  WebhookDeliveriesTable,
  WebhookDeliveryRow,
  WebhookEndpointRow,
  WebhookEndpointsTable,
} from "./tables/webhooks.table.js";

/* One mapping pair per record: endpoints and deliveries between the port's records and their rows. */

export function endpointRowToRecord(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types === null ? null : (JSON.parse(row.event_types) as ProvisioningEventType[]),
    secrets: JSON.parse(row.secrets) as EndpointSecret[],
    enabled: Number(row.enabled) === 1,
    disabledReason: row.disabled_reason as EndpointDisabledReason | null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    cursor: row.cursor,
    failingSince: row.failing_since,
  };
}

/** The columns of the attributes `changes` names (an endpoint's, all of them). */
export function endpointColumns(
  changes: EndpointChanges | WebhookEndpoint,
): Partial<Omit<WebhookEndpointsTable, "fan_out_owner" | "fan_out_until">> {
  const columns: Partial<WebhookEndpointsTable> = { updated_at: changes.updatedAt };
  if (changes.url !== undefined) columns.url = changes.url;
  if (changes.description !== undefined) columns.description = changes.description;
  if (changes.eventTypes !== undefined)
    columns.event_types = changes.eventTypes === null ? null : JSON.stringify(changes.eventTypes);
  if (changes.secrets !== undefined) columns.secrets = JSON.stringify(changes.secrets);
  if (changes.enabled !== undefined) columns.enabled = changes.enabled ? 1 : 0;
  if (changes.disabledReason !== undefined) columns.disabled_reason = changes.disabledReason;
  if (changes.failingSince !== undefined) columns.failing_since = changes.failingSince;
  return columns;
}

export function deliveryRowToRecord(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    endpointId: row.endpoint_id,
    eventPosition: row.event_position,
    eventId: row.event_id,
    eventType: row.event_type as ProvisioningEventType,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    sequence: Number(row.sequence),
    state: row.state as DeliveryState,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    lastAttemptAt: row.last_attempt_at,
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastLatencyMs: row.last_latency_ms === null ? null : Number(row.last_latency_ms),
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
  };
}

/** A delivery's row, of the endpoint's tenant, `eventRow` its event's `events.position`; no lease. */
export function deliveryRecordToRow(
  delivery: WebhookDelivery,
  tenantId: string,
  eventRow: number,
): WebhookDeliveriesTable {
  return {
    id: delivery.id,
    tenant_id: tenantId,
    endpoint_id: delivery.endpointId,
    event_position: delivery.eventPosition,
    event_row: eventRow,
    event_id: delivery.eventId,
    event_type: delivery.eventType,
    resource_type: delivery.resourceType,
    resource_id: delivery.resourceId,
    sequence: delivery.sequence,
    state: delivery.state,
    attempts: delivery.attempts,
    next_attempt_at: delivery.nextAttemptAt,
    created_at: delivery.createdAt,
    last_attempt_at: delivery.lastAttemptAt,
    last_status: delivery.lastStatus,
    last_latency_ms: delivery.lastLatencyMs,
    last_error: delivery.lastError,
    delivered_at: delivery.deliveredAt,
    lease_owner: null,
    lease_until: null,
  };
}
