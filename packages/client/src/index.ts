/**
 * @scimkit/client — a typed SCIM 2.0 client (RFC 7644) over openapi-fetch and the scimkit contract,
 * with retry of 429/503, injection-proof filter and PATCH builders, pagination and lookups, the
 * verification of provisioning-event webhooks (Standard Webhooks) and the events pull API.
 */
export { createScimClient, type ScimClient, type ScimClientOptions } from "./client.js";
export { type EventsOptions, type EventsSource, events } from "./events.js";
export { filter, type ScimFilter, type ScimFilterValue, type ScimOrderedValue } from "./filter.js";
export {
  findGroupByDisplayName,
  findUserByExternalId,
  findUserByUserName,
  type LookupOptions,
} from "./lookups.js";
export {
  listAll,
  type PaginateOptions,
  paginate,
  type ScimListPath,
  type ScimResourceOf,
} from "./paginate.js";
export { type PatchOpBuilder, patchOp, patchPath } from "./patch-op.js";
export { isProvisioningEventType, provisioningEventTypes } from "./provisioning-event-types.js";
export { type RetryEvent, type RetryOptions, type ScimFetch, withRetry } from "./retry.js";
export { dataOrThrow, type FetchResult, ScimClientError } from "./scim-client-error.js";
export {
  verifyWebhook,
  type WebhookBody,
  type WebhookHeaders,
  WebhookVerificationError,
  type WebhookVerificationReason,
  webhookVerificationReasons,
} from "./webhook-verify.js";
