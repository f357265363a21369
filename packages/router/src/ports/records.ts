import type { UserStatus } from "@scimkit/core";
import type { components, ProvisioningEvent, ProvisioningEventType } from "@scimkit/types";

type Schemas = components["schemas"];

/** A SCIM resource in canonical JSON form (RFC 7643 §2), with `id` and `meta` once stored. */
export type ScimResource = Readonly<Record<string, unknown>>;

/**
 * The values of a string union from the spec, as a list checked complete at compile time: a value
 * the spec adds and the list lacks is a type error, so the list and the spec cannot drift.
 */
function allOf<Union extends string>() {
  return <const Values extends readonly Union[]>(
    ...values: Values & ([Union] extends [Values[number]] ? unknown : never)
  ): Values => values;
}

/** How a user came to exist: provisioned by an IdP, created at first SSO login, or in the app. */
export type UserSource = Schemas["AppUser"]["source"];
export const userSources = allOf<UserSource>()("scim", "jit", "local");

/** What a SCIM DELETE does to a user: keep the account deactivated (`soft`) or remove it (`hard`). */
export type DeleteMode = NonNullable<Schemas["TenantSettings"]["deleteMode"]>;
export const deleteModes = allOf<DeleteMode>()("soft", "hard");

/** `scim` tokens call the SCIM API; `admin` tokens call the app-side `/api`. */
export type TokenScope = Schemas["TokenScope"];
export const tokenScopes = allOf<TokenScope>()("scim", "admin");

/** Whether `value` is one of `values` (narrows an unknown input to the union). */
export function isOneOf<Value extends string>(values: readonly Value[], value: unknown): value is Value {
  return typeof value === "string" && (values as readonly string[]).includes(value);
}

/**
 * A user as stored: the SCIM resource (with `id` and `meta`, whose `version` is the row's version)
 * plus the app's lifecycle columns (see @scimkit/core `nextUserState`).
 */
export interface StoredUser {
  readonly resource: ScimResource;
  readonly status: UserStatus;
  readonly source: UserSource;
  readonly joinedAt: string | null;
}

/** A group a user belongs to: the User `groups` attribute (RFC 7643 §4.1.2), derived from membership. */
export interface GroupRef {
  readonly id: string;
  readonly display: string;
}

/** A user as a read returns it: the stored user and the groups it is a direct member of. */
export interface UserRead extends StoredUser {
  /** Ordered by the groups' display names (case-folded), then id. */
  readonly groups: readonly GroupRef[];
}

/** A group as stored, without its members (they are rows of their own, read only when asked for). */
export interface StoredGroup {
  readonly resource: ScimResource;
}

/** A member as read back: the user's id and the name shown as `display` (displayName, else userName). */
export interface MemberRef {
  readonly memberId: string;
  readonly display: string;
}

/** A group as a read returns it: members only when the read asked for them (oldest membership first). */
export interface GroupRead extends StoredGroup {
  readonly members?: readonly MemberRef[];
}

/** A tenant's provisioning settings. */
export interface TenantSettings {
  /** SCIM calls are refused (403) while this is off. */
  readonly provisioning: boolean;
  /** A first SSO login of an unknown email creates the user (just in time). */
  readonly jit: boolean;
  /** The tenant's IdP may manage groups. */
  readonly groups: boolean;
  readonly deleteMode: DeleteMode;
}

/** A tenant: one customer of the app, with its own tokens and settings. */
export interface Tenant {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly settings: TenantSettings;
}

/** The settings a tenant starts with: provisioning and groups on, JIT off, soft delete. */
export const defaultTenantSettings: TenantSettings = {
  provisioning: true,
  jit: false,
  groups: true,
  deleteMode: "soft",
};

/** A token as stored: its SHA-256 hash only, never the secret. */
export interface StoredToken {
  readonly id: string;
  readonly tenantId: string;
  readonly scope: TokenScope;
  readonly name: string | null;
  /** Hex SHA-256 of the secret. */
  readonly hash: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** A token with its tenant's settings, as authentication reads it (one lookup per request). */
export interface TokenGrant {
  readonly token: StoredToken;
  readonly settings: TenantSettings;
}

/** One provisioning change: who (token), what (operation), which attribute names — never values. */
export interface AuditEvent {
  readonly id: string;
  readonly tenantId: string;
  readonly at: string;
  readonly tokenId: string | null;
  readonly operation: string;
  readonly resourceType: "User" | "Group";
  readonly resourceId: string;
  readonly changed: readonly string[];
}

/**
 * What a provisioning event is about: the resource whose sequence numbers it takes (a user, a
 * group, a tenant's settings, a webhook endpoint's test event).
 */
export const eventResourceTypes = ["User", "Group", "Tenant", "Endpoint"] as const;
export type EventResourceType = (typeof eventResourceTypes)[number];

/** The resource an append numbers its events for. */
export interface EventResource {
  readonly type: EventResourceType;
  readonly id: string;
}

/** `Omit` over each member of a union, so the event's type still picks its data. */
type OmitEach<Union, Key extends PropertyKey> = Union extends unknown ? Omit<Union, Key> : never;

/**
 * A provisioning event as a write hands it to the outbox (spec/openapi.yaml `ProvisioningEvent`):
 * the envelope without what the store assigns, `tenantId` (the append's) and `sequence`.
 */
export type NewEvent = OmitEach<ProvisioningEvent, "tenantId" | "sequence">;

/**
 * A provisioning event as the outbox keeps it: its place in the tenant's feed, the resource and
 * sequence number it took, and the whole event (spec/openapi.yaml `ProvisioningEvent`) as JSON
 * text written once when it was appended. Deliveries and the pull API send `body` as it is, so
 * every copy of an event is the same bytes (a webhook signature covers them).
 */
export interface StoredEvent {
  /** Where the event stands in its tenant's feed: opaque text, the `after` of a page that follows it. */
  readonly position: string;
  readonly tenantId: string;
  readonly resourceType: EventResourceType;
  readonly resourceId: string;
  /** 1, 2, 3… per tenant and resource, in the order the resource's changes committed. */
  readonly sequence: number;
  readonly type: ProvisioningEventType;
  readonly body: string;
}

/**
 * The events an append stores, numbered after the resource's `lastSequence`, without their feed
 * positions (the store's). Each body is the envelope in the spec's order (id, type, timestamp,
 * tenantId, sequence, actor, data): the one place an event becomes text, for every store.
 */
export function sequencedEvents(
  tenantId: string,
  resource: EventResource,
  events: readonly NewEvent[],
  lastSequence: number,
): Omit<StoredEvent, "position">[] {
  return events.map(({ id, type, timestamp, actor, data }, index) => {
    const sequence = lastSequence + index + 1;
    return {
      tenantId,
      resourceType: resource.type,
      resourceId: resource.id,
      sequence,
      type,
      body: JSON.stringify({ id, type, timestamp, tenantId, sequence, actor, data }),
    };
  });
}
