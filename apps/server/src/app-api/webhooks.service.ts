import { ScimError } from "@scimkit/core";
import {
  type Clock,
  type EndpointChanges,
  type EventActor,
  type Ids,
  newWebhookSecret,
  type SecretBox,
  type Store,
  type WebhookEndpoint as StoredEndpoint,
  type UnitOfWork,
} from "@scimkit/router";
import type { components } from "@scimkit/types";
import type { EndpointInput, EndpointInputChanges } from "./webhooks.input.js";
import { liveSecrets, toDeliveryView, toEndpointView } from "./webhooks.view.js";

type WebhookEndpoint = components["schemas"]["WebhookEndpoint"];
type NewWebhookEndpoint = components["schemas"]["NewWebhookEndpoint"];
type WebhookDeliveryPage = components["schemas"]["WebhookDeliveryPage"];
type DeliveryState = components["schemas"]["WebhookDeliveryState"];

/** What the administration of webhook endpoints runs on; `secretBox` seals each new secret. */
export interface WebhooksServiceDeps extends Clock, Ids {
  readonly store: Store;
  readonly secretBox: () => Promise<SecretBox>;
  /** The most deliveries one page lists. */
  readonly maxResults: number;
}

/** The message of a `webhook.test` event. */
export const TEST_EVENT_MESSAGE = "A test event from scimkit.";

/**
 * The store's changes for an admin's: `enabled` false disables it by hand; true enables a
 * disabled endpoint with a clean failure record (one enabled already keeps its own). Secrets
 * whose overlap has ended are dropped on every write.
 */
function storedChanges(
  endpoint: StoredEndpoint,
  changes: EndpointInputChanges,
  now: string,
): EndpointChanges {
  const { url, eventTypes, description, enabled } = changes;
  const secrets = liveSecrets(endpoint.secrets, now);
  const toggled =
    enabled === undefined || enabled === endpoint.enabled
      ? {}
      : enabled
        ? { enabled: true, disabledReason: null, failingSince: null }
        : { enabled: false, disabledReason: "manual" as const };
  return {
    ...(url === undefined ? {} : { url }),
    ...(eventTypes === undefined ? {} : { eventTypes }),
    ...(description === undefined ? {} : { description }),
    ...(secrets.length === endpoint.secrets.length ? {} : { secrets }),
    ...toggled,
    updatedAt: now,
  };
}

/**
 * A tenant's webhook endpoints, as `/api/webhooks` and `pnpm scimkit webhook` administer them.
 * Every read and write names the tenant, so another tenant's endpoint id is 404. The delivery
 * worker reads endpoints from the store on every poll, so each change reaches every instance
 * without anything cached here.
 */
export function webhooksService(deps: WebhooksServiceDeps) {
  const { read } = deps.store;
  const now = () => deps.now().toISOString();

  async function endpointOf(unit: UnitOfWork, tenantId: string, id: string): Promise<StoredEndpoint> {
    const endpoint = await unit.webhooks.getEndpoint(tenantId, id);
    if (endpoint === undefined) throw ScimError.notFound("Webhook endpoint", id);
    return endpoint;
  }

  /**
   * Writes the changes `changesOf` makes of the endpoint as it is, in one transaction; a change of
   * nothing but `updatedAt` is no write, so an empty PATCH leaves the endpoint as it was.
   */
  function change(
    tenantId: string,
    id: string,
    changesOf: (endpoint: StoredEndpoint, at: string) => EndpointChanges,
  ): Promise<StoredEndpoint> {
    return deps.store.transaction(async (unit) => {
      const endpoint = await endpointOf(unit, tenantId, id);
      const changes = changesOf(endpoint, now());
      if (Object.keys(changes).length === 1) return endpoint;
      const updated = await unit.webhooks.updateEndpoint(tenantId, id, changes);
      if (updated === undefined) throw ScimError.notFound("Webhook endpoint", id);
      return updated;
    });
  }

  return {
    async list(tenantId: string): Promise<WebhookEndpoint[]> {
      const at = now();
      return (await read.webhooks.listEndpoints(tenantId)).map((endpoint) => toEndpointView(endpoint, at));
    },

    async get(tenantId: string, id: string): Promise<WebhookEndpoint> {
      return toEndpointView(await endpointOf(read, tenantId, id), now());
    },

    /** Adds an endpoint that receives what commits from now on; its secret is returned only here. */
    async create(tenantId: string, input: EndpointInput): Promise<NewWebhookEndpoint> {
      const box = await deps.secretBox();
      const at = now();
      const secret = newWebhookSecret();
      const endpoint: StoredEndpoint = {
        id: deps.newId(),
        tenantId,
        url: input.url,
        description: input.description,
        eventTypes: input.eventTypes,
        secrets: [{ sealed: box.seal(secret), createdAt: at, expiresAt: null }],
        enabled: true,
        disabledReason: null,
        createdAt: at,
        updatedAt: at,
        cursor: await read.events.head(tenantId),
        failingSince: null,
      };
      await read.webhooks.createEndpoint(endpoint);
      return { ...toEndpointView(endpoint, at), secret };
    },

    async update(tenantId: string, id: string, changes: EndpointInputChanges): Promise<WebhookEndpoint> {
      const updated = await change(tenantId, id, (endpoint, at) => storedChanges(endpoint, changes, at));
      return toEndpointView(updated, now());
    },

    async remove(tenantId: string, id: string): Promise<void> {
      if (!(await read.webhooks.removeEndpoint(tenantId, id)))
        throw ScimError.notFound("Webhook endpoint", id);
    },

    /**
     * A new current secret; the previous one keeps signing for `overlapSeconds` (none at 0), and
     * any older one until its own overlap ends. Returned only here.
     */
    async rotate(tenantId: string, id: string, overlapSeconds: number): Promise<NewWebhookEndpoint> {
      const secret = newWebhookSecret();
      const sealed = (await deps.secretBox()).seal(secret);
      const updated = await change(tenantId, id, (endpoint, at) => {
        const expiresAt = new Date(Date.parse(at) + overlapSeconds * 1000).toISOString();
        const kept = liveSecrets(endpoint.secrets, at).flatMap((old) =>
          old.expiresAt !== null ? [old] : overlapSeconds === 0 ? [] : [{ ...old, expiresAt }],
        );
        return { secrets: [{ sealed, createdAt: at, expiresAt: null }, ...kept], updatedAt: at };
      });
      return { ...toEndpointView(updated, now()), secret };
    },

    /** Appends a `webhook.test` event about the endpoint, which the worker sends to it alone. */
    async sendTest(tenantId: string, id: string, actor: EventActor): Promise<{ eventId: string }> {
      const eventId = deps.newId();
      await deps.store.transaction(async (unit) => {
        const endpoint = await endpointOf(unit, tenantId, id);
        if (!endpoint.enabled)
          throw ScimError.conflict("This endpoint is disabled; enable it before sending it a test event.");
        await unit.events.append(tenantId, { type: "Endpoint", id }, [
          {
            id: eventId,
            type: "webhook.test",
            timestamp: now(),
            actor,
            data: { endpointId: id, message: TEST_EVENT_MESSAGE },
          },
        ]);
      });
      return { eventId };
    },

    /** The endpoint's deliveries, newest first, optionally in one state. */
    async deliveries(
      tenantId: string,
      id: string,
      query: { readonly state?: DeliveryState; readonly startIndex: number; readonly count: number },
    ): Promise<WebhookDeliveryPage> {
      await endpointOf(read, tenantId, id);
      const page = await read.webhooks.deliveries(tenantId, {
        endpointId: id,
        ...(query.state === undefined ? {} : { state: query.state }),
        startIndex: query.startIndex,
        count: Math.min(query.count, deps.maxResults),
      });
      return {
        totalResults: page.total,
        startIndex: query.startIndex,
        items: page.items.map(toDeliveryView),
      };
    },

    /** Makes these deliveries of the endpoint due now; how many will be sent again. */
    async resend(tenantId: string, id: string, deliveryIds: readonly string[]): Promise<number> {
      await endpointOf(read, tenantId, id);
      return read.webhooks.resend(tenantId, id, deliveryIds, now());
    },
  };
}

export type WebhooksService = ReturnType<typeof webhooksService>;

/**
 * A secret box loaded on first use (the key kept in the store, when the host configured none), then
 * kept: the key never changes while the server runs. A failed load is not kept, so the next call tries again.
 */
export function lazySecretBox(load: () => Promise<SecretBox>): () => Promise<SecretBox> {
  let box: Promise<SecretBox> | undefined;
  return () => {
    box ??= load().catch((error: unknown) => {
      box = undefined;
      throw error;
    });
    return box;
  };
}
