import type { UserStatus } from "@scimkit/core";
import { ScimUrn } from "@scimkit/types";
import {
  type AuditEvent,
  defaultTenantSettings,
  type EventResource,
  type NewEvent,
  type StoredGroup,
  type StoredToken,
  type StoredUser,
  type Tenant,
} from "../ports/records.js";
import type { Store, UnitOfWork } from "../ports/store-ports.js";

/*
 * What the contract cases store: small, fully populated records whose ids, names and instants
 * sort the same way in code-unit order and in a database collation (lower-case letters and
 * fixed-width digits), so an order asserted here is the order every store owes.
 */

/** The tenant most cases work in, and one whose data must stay out of sight. */
export const TENANT = "tenant-a";
export const OTHER_TENANT = "tenant-b";

/** An instant `seconds` after a fixed start, as ISO 8601 text (RFC 7643 §2.3.5). */
export function at(seconds: number): string {
  return new Date(Date.UTC(2030, 0, 1) + seconds * 1000).toISOString();
}

export function tenantFixture(id: string, createdAt = at(0)): Tenant {
  return { id, name: `Tenant ${id}`, createdAt, settings: defaultTenantSettings };
}

/** What a user fixture may vary; the rest is filled in. */
export interface UserSeed {
  readonly id: string;
  readonly userName: string;
  readonly displayName?: string;
  readonly externalId?: string;
  readonly active?: boolean;
  readonly status?: UserStatus;
  /** Seconds after `at(0)`: the user's `meta.created`. */
  readonly created?: number;
}

/** A stored user (RFC 7643 §4.1) at version `W/"1"`, its userName also its primary email. */
export function userFixture(seed: UserSeed): StoredUser {
  const created = at(seed.created ?? 0);
  return {
    resource: {
      schemas: [ScimUrn.User],
      id: seed.id,
      userName: seed.userName,
      ...(seed.displayName === undefined ? {} : { displayName: seed.displayName }),
      ...(seed.externalId === undefined ? {} : { externalId: seed.externalId }),
      emails: [{ value: seed.userName, primary: true }],
      active: seed.active ?? true,
      meta: { created, lastModified: created, version: 'W/"1"' },
    },
    status: seed.status ?? "active",
    source: "scim",
    joinedAt: null,
  };
}

/** A stored group (RFC 7643 §4.2) at version `W/"1"`, without members. */
export function groupFixture(id: string, displayName: string, created = 0): StoredGroup {
  const instant = at(created);
  return {
    resource: {
      schemas: [ScimUrn.Group],
      id,
      displayName,
      meta: { created: instant, lastModified: instant, version: 'W/"1"' },
    },
  };
}

export function tokenFixture(id: string, tenantId: string, created: number): StoredToken {
  return {
    id,
    tenantId,
    scope: "scim",
    name: `token ${id}`,
    hash: `${id.padEnd(8, "0")}${"0".repeat(56)}`,
    createdAt: at(created),
    lastUsedAt: null,
    revokedAt: null,
  };
}

export function auditFixture(
  id: string,
  seconds: number,
  resourceId: string,
  operation = "patch",
  tenantId = TENANT,
): AuditEvent {
  return {
    id,
    tenantId,
    at: at(seconds),
    tokenId: null,
    operation,
    resourceType: "User",
    resourceId,
    changed: ["displayName"],
  };
}

/** A user and a group whose events the cases append. */
export const USER_U1: EventResource = { type: "User", id: "u1" };
export const GROUP_G1: EventResource = { type: "Group", id: "g1" };

/**
 * A provisioning event (spec/openapi.yaml `ProvisioningEvent`) about `resource` at `at(seconds)`,
 * without tenantId and sequence: `user.updated` for a user, `group.member_added` for a group,
 * `tenant.settings_updated` otherwise. Its text holds what JSON writes escaped or as several bytes
 * (a non-ASCII letter, an emoji, U+2028, a NUL), so a store that rewrites a body shows.
 */
export function eventFixture(id: string, resource: EventResource, seconds = 0): NewEvent {
  const base = { id, timestamp: at(seconds), actor: { kind: "token", id: "k1", name: "Okta" } } as const;
  const displayName = "Zoë 🎉 \u2028 \u0000";
  if (resource.type === "User")
    return {
      ...base,
      type: "user.updated",
      data: {
        user: { schemas: [ScimUrn.User], id: resource.id, userName: `${resource.id}@x.io`, displayName },
        status: "active",
        source: "scim",
        changed: ["displayName"],
      },
    };
  if (resource.type === "Group")
    return {
      ...base,
      type: "group.member_added",
      data: {
        group: { schemas: [ScimUrn.Group], id: resource.id, displayName },
        member: { value: "u1", display: "u1@x.io", type: "User" },
      },
    };
  return {
    ...base,
    type: "tenant.settings_updated",
    data: { settings: defaultTenantSettings, changed: ["jit"] },
  };
}

/** The version after `version`: `W/"n"` → `W/"n+1"`. */
export function nextVersion(version: unknown): string {
  const n = Number(/^W\/"(\d+)"$/.exec(String(version))?.[1]);
  if (!Number.isInteger(n)) throw new Error(`Not a fixture version: ${String(version)}`);
  return `W/"${n + 1}"`;
}

const metaOf = (resource: Readonly<Record<string, unknown>>) => resource.meta as Record<string, unknown>;

/** The resource as its next version: `changes` merged in, `meta.version` bumped. */
export function revised<T extends { readonly resource: Readonly<Record<string, unknown>> }>(
  record: T,
  changes: Readonly<Record<string, unknown>>,
): T {
  const meta = metaOf(record.resource);
  return {
    ...record,
    resource: { ...record.resource, ...changes, meta: { ...meta, version: nextVersion(meta.version) } },
  };
}

/** The stored version of a read resource. */
export function versionOf(record: { readonly resource: Readonly<Record<string, unknown>> }): string {
  return String(metaOf(record.resource).version);
}

/** A store with the two contract tenants. */
export async function withTenants(store: Store): Promise<Store> {
  await store.read.tenants.create(tenantFixture(TENANT, at(0)));
  await store.read.tenants.create(tenantFixture(OTHER_TENANT, at(1)));
  return store;
}

/** Inserts the users (in one transaction) into the tenant. */
export async function insertUsers(
  store: Store,
  users: readonly StoredUser[],
  tenantId = TENANT,
): Promise<void> {
  await store.transaction(async (unit: UnitOfWork) => {
    for (const user of users) await unit.users.insert(tenantId, user);
  });
}

/** The ids of a page's items, in order. */
export const idsOf = (items: readonly { readonly resource: Readonly<Record<string, unknown>> }[]): string[] =>
  items.map((item) => String(item.resource.id));
