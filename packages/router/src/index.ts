/**
 * @scimkit/router — scimkit's SCIM 2.0 routes for an app to mount over its own storage:
 * `createScimRouter` (Koa) and `createScimHandler` (a fetch handler, with `toNodeListener` for
 * Express, Fastify and node:http), the services that carry scimkit's lifecycle rules, the store
 * ports every store implements, the in-memory store, and the port contract that proves a store
 * keeps them. Also the operation layer the reference server builds its own API with.
 */

export { bearerAuthenticator, USE_RESOLUTION_MS } from "./auth/bearer-authenticator.js";
export { type CreatedToken, createToken } from "./auth/create-token.js";
export type { EventActor, Principal, TenantSettingsView } from "./auth/principal.js";
export { hashToken, newTokenSecret, sameHash, TOKEN_PREFIX } from "./auth/token-secret.js";
export type { ContractCase, OpenStore, StoreFixture } from "./contract/contract-case.js";
export { storePortContract } from "./contract/store-port-contract.js";
export type { BackgroundLoop } from "./delivery/background-loop.js";
export { type DeliveryWorkerOptions, startDeliveryWorker } from "./delivery/delivery-worker.js";
export { type EventConsumerOptions, startEventConsumer } from "./delivery/event-consumer.js";
export { pendingDelivery } from "./delivery/fan-out.js";
export { isPrivateAddress } from "./delivery/private-address.js";
export {
  defaultRetrySchedule,
  isRetryable,
  parseRetryAfter,
  type RetrySchedule,
  retryDelayMs,
} from "./delivery/retry-schedule.js";
export {
  createSecretBox,
  newWebhookSecret,
  resolveSecretKey,
  type SecretBox,
  WEBHOOK_SECRET_KEY_NAME,
} from "./delivery/secret-box.js";
export {
  type SendOptions,
  type SendResult,
  sendWebhook,
  type WebhookMessage,
  webhookSignature,
} from "./delivery/webhook-sender.js";
export { type Capabilities, currentCapabilities } from "./discovery/discovery.service.js";
export { eventNotifyingStore } from "./events/event-notifying-store.js";
export {
  appendAudit,
  appendRecord,
  type ChangeFrame,
  eventActor,
  groupSnapshot,
  memberRefs,
  recordChange,
  userSnapshot,
} from "./events/record-change.js";
export { groupToScim } from "./groups/group-resource.js";
export { errorOutput, scimErrorOutput, toScimError } from "./http/error-output.js";
export { etagMatches, requireIfMatch } from "./http/etag.js";
export { type BodySource, readJsonObject } from "./http/json-body.js";
export { type ListRequest, toListQuery } from "./http/list-query.js";
export { isAcceptedRequestMediaType, SCIM_CONTENT_TYPE } from "./http/media-type.js";
export { containsNul } from "./http/nul-character.js";
export type {
  Authenticate,
  OperationDeps,
  OperationInput,
  OperationOutput,
  ScimRequestHead,
} from "./http/operation-call.js";
export { type RateDecision, type RateLimit, tokenBuckets } from "./http/rate-limit.js";
export { requestIdFrom } from "./http/request-id.js";
export type {
  Handler,
  HandlerGroup,
  HandlerMap,
  HandlerRequest,
  HandlerResult,
  JsonObject,
  RequestContext,
  ScimHandlers,
  ScimLogger,
  ScimOperationId,
} from "./http/route-types.js";
export { createMemoryStore } from "./memory/memory-store.js";
export { createScimHandler, type ScimFetchHandler } from "./mount/fetch-handler.js";
export type { ScimChange, ScimHooks } from "./mount/hooked-store.js";
export { type KoaOperationDeps, mountOperations, requestIdOf } from "./mount/koa-operations.js";
export { toNodeListener } from "./mount/node-listener.js";
export {
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_EVENT_CONSUMER,
  DEFAULT_MAX_RESULTS,
  DEFAULT_SCIM_BASE_PATH,
  type ScimOptions,
  scimOperationIds,
} from "./mount/scim-options.js";
export { createScimRouter } from "./mount/scim-router.js";
export type { EventPage, EventQuery, EventsPort } from "./ports/events-port.js";
export {
  type AuditEvent,
  type DeleteMode,
  defaultTenantSettings,
  deleteModes,
  type EventResource,
  type EventResourceType,
  eventResourceTypes,
  type GroupRead,
  type GroupRef,
  isOneOf,
  type MemberRef,
  type NewEvent,
  type ScimResource,
  type StoredEvent,
  type StoredGroup,
  type StoredToken,
  type StoredUser,
  sequencedEvents,
  type Tenant,
  type TenantSettings,
  type TokenGrant,
  type TokenScope,
  tokenScopes,
  type UserRead,
  type UserSource,
  userSources,
} from "./ports/records.js";
export {
  type AuditPort,
  type AuditQuery,
  type Clock,
  type GroupsPort,
  type Ids,
  type KeysetPosition,
  type ListQuery,
  type Page,
  type PageRequest,
  type ReadOptions,
  type SortKey,
  type Store,
  type TenantsPort,
  type TokensPort,
  type UnitOfWork,
  USER_SEARCH_LIMIT,
  type UserListQuery,
  type UsersPort,
} from "./ports/store-ports.js";
export type {
  AttemptOutcome,
  ClaimedDelivery,
  DeliveryQuery,
  DeliveryState,
  EndpointChanges,
  EndpointDisabledReason,
  EndpointSecret,
  EventConsumer,
  WebhookDelivery,
  WebhookEndpoint,
  WebhooksPort,
} from "./ports/webhooks-port.js";
export { firstMeta, nextMeta, storedVersion } from "./resources/resource-version.js";
export type { ServiceDeps } from "./resources/service-deps.js";
export { versionedWrite } from "./resources/versioned-write.js";
export { userToScim } from "./users/user-resource.js";
export { defaultPolicyFor, userSortAttributes } from "./users/users.service.js";
