import { eventActor, type HandlerGroup } from "@scimkit/router";
import {
  parseEndpointChanges,
  parseEndpointRequest,
  parseResendIds,
  parseRotation,
} from "./webhooks.input.js";
import type { WebhooksService } from "./webhooks.service.js";

type WebhooksOperation =
  | "listWebhookEndpoints"
  | "createWebhookEndpoint"
  | "getWebhookEndpoint"
  | "updateWebhookEndpoint"
  | "deleteWebhookEndpoint"
  | "testWebhookEndpoint"
  | "rotateWebhookSecret"
  | "listWebhookDeliveries"
  | "resendWebhookDeliveries";

const DEFAULT_PAGE = 100;

/** `/api/webhooks` (admin-scoped token): the tenant's endpoints, their secrets and deliveries. */
export function webhooksHandlers(service: WebhooksService): HandlerGroup<WebhooksOperation> {
  return {
    listWebhookEndpoints: async (_request, { principal }) => ({
      status: 200,
      body: { items: await service.list(principal.tenantId) },
    }),
    createWebhookEndpoint: async ({ body }, { principal }) => ({
      status: 201,
      body: await service.create(principal.tenantId, parseEndpointRequest(body)),
    }),
    getWebhookEndpoint: async ({ path }, { principal }) => ({
      status: 200,
      body: await service.get(principal.tenantId, path.id),
    }),
    updateWebhookEndpoint: async ({ path, body }, { principal }) => ({
      status: 200,
      body: await service.update(principal.tenantId, path.id, parseEndpointChanges(body)),
    }),
    deleteWebhookEndpoint: async ({ path }, { principal }) => {
      await service.remove(principal.tenantId, path.id);
      return { status: 204 };
    },
    testWebhookEndpoint: async ({ path }, { principal }) => ({
      status: 202,
      body: await service.sendTest(principal.tenantId, path.id, eventActor(principal)),
    }),
    rotateWebhookSecret: async ({ path, body }, { principal }) => ({
      status: 200,
      body: await service.rotate(principal.tenantId, path.id, parseRotation(body)),
    }),
    listWebhookDeliveries: async ({ path, query }, { principal }) => ({
      status: 200,
      body: await service.deliveries(principal.tenantId, path.id, {
        ...(query.state === undefined ? {} : { state: query.state }),
        startIndex: query.startIndex ?? 1,
        count: query.count ?? DEFAULT_PAGE,
      }),
    }),
    resendWebhookDeliveries: async ({ path, body }, { principal }) => ({
      status: 200,
      body: { resent: await service.resend(principal.tenantId, path.id, parseResendIds(body)) },
    }),
  };
}
