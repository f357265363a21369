import type { ProvisioningEventType } from "@scimkit/types";

/*
 * The webhooks port, beside the others in store-ports.ts (whose contract it keeps too: tenant
 * scoping, busy is 503) and part of every `UnitOfWork`. It stores a tenant's endpoints, the
 * deliveries owed to them (one row per endpoint and event, made by the fan-out from the events
 * feed) and the cursors of in-process consumers (a host's `onEvent`). The delivery worker
 * (delivery/) is its one writer besides the endpoint administration.
 */

/** A webhook signing secret, encrypted at rest (delivery/secret-box.ts); never logged. */
export interface EndpointSecret {
  /** The `whsec_…` secret sealed under the server's key. */
  readonly sealed: string;
  readonly createdAt: string;
  /** When a rotated-out secret stops signing (a rotation's overlap); null for the current one. */
  readonly expiresAt: string | null;
}

/** Why an endpoint is not sent to. */
export type EndpointDisabledReason = "manual" | "failing";

/** A tenant's webhook endpoint. */
export interface WebhookEndpoint {
  readonly id: string;
  readonly tenantId: string;
  readonly url: string;
  readonly description: string | null;
  /** The event types sent to it; null sends every type. */
  readonly eventTypes: readonly ProvisioningEventType[] | null;
  /** The current secret first, then rotated-out ones until they expire. */
  readonly secrets: readonly EndpointSecret[];
  readonly enabled: boolean;
  readonly disabledReason: EndpointDisabledReason | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /**
   * The tenant's events feed cursor the fan-out has reached for this endpoint: set to the feed's
   * head when the endpoint is added (it receives what commits after), advanced as deliveries are made.
   */
  readonly cursor: string;
  /** Since when every attempt has failed; null after a success. */
  readonly failingSince: string | null;
}

/** The endpoint attributes an administration write may change. */
export type EndpointChanges = Partial<
  Pick<
    WebhookEndpoint,
    "url" | "description" | "eventTypes" | "secrets" | "enabled" | "disabledReason" | "failingSince"
  >
> & { readonly updatedAt: string };

/** Where one delivery stands. `failed`: given up (a 4xx other than 408/429 after a few attempts). */
export type DeliveryState = "pending" | "delivered" | "failed";

/** One event owed to one endpoint, and the outcome of its last attempt. */
export interface WebhookDelivery {
  readonly id: string;
  readonly tenantId: string;
  readonly endpointId: string;
  /** The event's feed position (events-port.ts), its id, type, resource and sequence. */
  readonly eventPosition: string;
  readonly eventId: string;
  readonly eventType: ProvisioningEventType;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly sequence: number;
  readonly state: DeliveryState;
  /** Attempts made so far. */
  readonly attempts: number;
  /** When the next attempt is due (pending only). */
  readonly nextAttemptAt: string | null;
  readonly createdAt: string;
  readonly lastAttemptAt: string | null;
  /** The last attempt's HTTP status; null for no response (timeout, connection error). */
  readonly lastStatus: number | null;
  readonly lastLatencyMs: number | null;
  /** The last attempt's error, in words (never a secret or the response body). */
  readonly lastError: string | null;
  readonly deliveredAt: string | null;
}

/** A delivery as the worker claims it: with the event's stored body and its endpoint. */
export interface ClaimedDelivery {
  readonly delivery: WebhookDelivery;
  /** The stored event, byte for byte (`StoredEvent.body`). */
  readonly body: string;
  readonly endpoint: WebhookEndpoint;
}

/** The outcome of one attempt, as the worker records it. */
export type AttemptOutcome =
  | { readonly kind: "delivered"; readonly at: string; readonly status: number; readonly latencyMs: number }
  | {
      readonly kind: "retry" | "failed";
      readonly at: string;
      /** When to try again (`retry` only). */
      readonly nextAttemptAt: string | null;
      readonly status: number | null;
      readonly latencyMs: number | null;
      readonly error: string;
    };

/** A page query over a tenant's deliveries, newest first. */
export interface DeliveryQuery {
  readonly endpointId?: string;
  readonly state?: DeliveryState;
  readonly startIndex: number;
  readonly count: number;
}

/** An in-process consumer of every tenant's events (a host's `onEvent`) and how far it got. */
export interface EventConsumer {
  readonly name: string;
  /** The cross-tenant feed cursor (`EventsPort.feed`) of the last event handled. */
  readonly cursor: string;
}

/**
 * Webhook endpoints, deliveries and consumer cursors.
 * - Administration (`createEndpoint` … `removeEndpoint`, `deliveries`, `resend`) is tenant scoped
 *   like every port; removing an endpoint removes its deliveries.
 * - The worker side (`claimDeliveries`, `recordAttempt`, leases) spans tenants. A lease is held by
 *   an `owner` (one per running worker) until `leaseUntil`; an expired lease (`leaseUntil` ≤ `now`)
 *   is free again, so a dead instance's work is taken over. Claims never hand one row to two live
 *   owners. A lease is lost only to another owner's claim: `owner` still holds an expired lease
 *   nobody claimed since.
 */
export interface WebhooksPort {
  createEndpoint(endpoint: WebhookEndpoint): Promise<void>;
  getEndpoint(tenantId: string, id: string): Promise<WebhookEndpoint | undefined>;
  /** The tenant's endpoints, oldest first. */
  listEndpoints(tenantId: string): Promise<readonly WebhookEndpoint[]>;
  /**
   * Changes the named attributes; the endpoint as it is then, or undefined when there is none.
   * Enabling a disabled endpoint makes its pending deliveries due at their creation, so what it
   * missed resumes oldest first, ahead of retries scheduled later.
   */
  updateEndpoint(
    tenantId: string,
    id: string,
    changes: EndpointChanges,
  ): Promise<WebhookEndpoint | undefined>;
  /** Removes the endpoint and its deliveries; false when there was none. */
  removeEndpoint(tenantId: string, id: string): Promise<boolean>;

  /**
   * Enabled endpoints of every tenant whose fan-out lease is free at `now`, at most `limit`,
   * leased to `owner` until `leaseUntil` (PostgreSQL: `FOR UPDATE SKIP LOCKED`).
   */
  claimFanOut(
    owner: string,
    now: string,
    leaseUntil: string,
    limit: number,
  ): Promise<readonly WebhookEndpoint[]>;
  /**
   * Stores deliveries (one per endpoint and event; a pair stored already is kept as it is) and moves
   * the endpoint's cursor to `cursor`, releasing its fan-out lease; false (nothing written) when
   * `owner` no longer holds the lease.
   */
  addDeliveries(
    endpointId: string,
    owner: string,
    cursor: string,
    deliveries: readonly WebhookDelivery[],
  ): Promise<boolean>;
  /**
   * Due pending deliveries (`nextAttemptAt` ≤ `now`, lease free) of enabled endpoints, each the
   * lowest pending sequence of its endpoint and resource (a failing event holds back only the
   * later events of its resource to its endpoint), soonest due first (then in feed order), at most
   * `limit`, leased to `owner` until `leaseUntil`. A store answers it from an index in that order,
   * so a claim costs what it returns, not the size of the backlog.
   */
  claimDeliveries(
    owner: string,
    now: string,
    leaseUntil: string,
    limit: number,
  ): Promise<readonly ClaimedDelivery[]>;
  /** Records an attempt of a delivery `owner` holds and releases it; false when the lease was lost. */
  recordAttempt(deliveryId: string, owner: string, outcome: AttemptOutcome): Promise<boolean>;
  /** Frees every lease (a single-instance store starting up: what was in flight is re-sent now). */
  releaseLeases(): Promise<void>;

  /** A page of a tenant's deliveries, newest first, and the total. */
  deliveries(
    tenantId: string,
    query: DeliveryQuery,
  ): Promise<{ total: number; items: readonly WebhookDelivery[] }>;
  /**
   * Makes these deliveries of the endpoint pending and due at `at` (a re-send: the same event id);
   * how many. Deliveries of other endpoints or tenants are untouched, and so are those whose event
   * `prune` deleted (there is nothing left to send).
   */
  resend(tenantId: string, endpointId: string, deliveryIds: readonly string[], at: string): Promise<number>;

  /**
   * The consumer, created at `start` when new, if its lease is free at `now`: leased to `owner`
   * until `leaseUntil`. Undefined when another owner holds it.
   */
  claimConsumer(
    name: string,
    start: string,
    owner: string,
    now: string,
    leaseUntil: string,
  ): Promise<EventConsumer | undefined>;
  /** Moves the consumer's cursor (keeping the lease); false when `owner` no longer holds it. */
  advanceConsumer(name: string, owner: string, cursor: string, leaseUntil: string): Promise<boolean>;

  /**
   * Deletes delivered and failed deliveries created before `before`, and events created before
   * `before` that no endpoint (enabled or not) or consumer still owes: behind the cursor of every
   * endpoint of the event's tenant and of every consumer, and without a pending delivery. How many
   * events went. An event's creation is its `timestamp`, as appended.
   */
  prune(before: string): Promise<number>;

  /**
   * The server key named `name`: the stored one, or `generate()`'s value stored now when there is
   * none (instances racing on a first start all get the one stored first).
   */
  serverKey(name: string, generate: () => string): Promise<string>;
}
