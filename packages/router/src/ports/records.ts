import type { UserStatus } from "@scimkit/core";
import type { components } from "@scimkit/types";

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
