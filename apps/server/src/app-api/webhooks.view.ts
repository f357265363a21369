import type {
  EndpointSecret,
  WebhookDelivery as StoredDelivery,
  WebhookEndpoint as StoredEndpoint,
} from "@scimkit/router";
import type { components } from "@scimkit/types";

/* Endpoints and deliveries as `/api/webhooks` shows them: never a secret, sealed or not. */

type WebhookEndpoint = components["schemas"]["WebhookEndpoint"];
type WebhookDelivery = components["schemas"]["WebhookDelivery"];

/** The secrets still signing at `now`: the current one and rotated-out ones whose overlap has not ended. */
export function liveSecrets(secrets: readonly EndpointSecret[], now: string): EndpointSecret[] {
  return secrets.filter((secret) => secret.expiresAt === null || secret.expiresAt > now);
}

/** An endpoint as an admin sees it (spec `WebhookEndpoint`): never a secret. */
export function toEndpointView(endpoint: StoredEndpoint, now: string): WebhookEndpoint {
  const overlaps = liveSecrets(endpoint.secrets, now).flatMap((secret) =>
    secret.expiresAt === null ? [] : [secret.expiresAt],
  );
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    events: endpoint.eventTypes === null ? null : [...endpoint.eventTypes],
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason,
    failingSince: endpoint.failingSince,
    previousSecretExpiresAt: overlaps.length === 0 ? null : (overlaps.sort().at(-1) ?? null),
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
  };
}

/** A delivery as an admin sees it (spec `WebhookDelivery`): its outcome, never the body. */
export function toDeliveryView(delivery: StoredDelivery): WebhookDelivery {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    resourceType: delivery.resourceType,
    resourceId: delivery.resourceId,
    sequence: delivery.sequence,
    state: delivery.state,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt,
    lastStatus: delivery.lastStatus,
    lastLatencyMs: delivery.lastLatencyMs,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt,
    lastAttemptAt: delivery.lastAttemptAt,
    deliveredAt: delivery.deliveredAt,
  };
}
