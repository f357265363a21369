import { defaultLifecyclePolicy, nextUserState, parseScimFilter } from "@scimkit/core";
import type { StoredUser, UserRead } from "@scimkit/router";
import { ScimUrn } from "@scimkit/types";
import type { LogConfig } from "kysely";
import { type ExistingApp, openExistingApp } from "../src/index.js";

/*
 * What the tests do to users, as scimkit's services do it: through the ports, with the lifecycle
 * rule of @scimkit/core (`nextUserState`) deciding each state, in one transaction per change.
 */

export const ORG = "acme";
export const NOW = new Date("2030-01-01T09:00:00.000Z");

/** The app on a fresh `:memory:` database, its clock fixed at NOW. */
export function openApp(log?: LogConfig): Promise<ExistingApp> {
  return openExistingApp({ now: () => NOW, ...(log === undefined ? {} : { log }) });
}

/** What a provisioned user may vary. */
export interface Provisioned {
  readonly id: string;
  readonly email: string;
  readonly active?: boolean;
  readonly externalId?: string;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly displayName?: string;
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** A SCIM create (RFC 7644 §3.3): pending, or deactivated when sent inactive. */
export async function provision(app: ExistingApp, seed: Provisioned, orgId = ORG): Promise<StoredUser> {
  const active = seed.active ?? true;
  const outcome = nextUserState(undefined, { type: "provisioned", active }, NOW, defaultLifecyclePolicy);
  if (outcome.kind !== "state") throw new Error("not provisioned");
  const at = NOW.toISOString();
  const name =
    seed.givenName === undefined && seed.familyName === undefined
      ? {}
      : { name: { givenName: seed.givenName, familyName: seed.familyName } };
  const user: StoredUser = {
    resource: {
      schemas: [ScimUrn.User],
      id: seed.id,
      userName: seed.email,
      ...name,
      ...(seed.displayName === undefined ? {} : { displayName: seed.displayName }),
      ...(seed.externalId === undefined ? {} : { externalId: seed.externalId }),
      emails: [{ value: seed.email, type: "work", primary: true }],
      userType: "member",
      active,
      ...seed.extra,
      meta: { created: at, lastModified: at, version: 'W/"1"' },
    },
    status: outcome.state.status,
    source: "scim",
    joinedAt: outcome.state.joinedAt,
  };
  await app.store.transaction((unit) => unit.users.insert(orgId, user));
  return user;
}

const bump = (version: unknown) => `W/"${Number(/\d+/.exec(String(version))?.[0]) + 1}"`;

/** A SCIM PATCH of `active`, as the users service applies it. */
export function setActive(app: ExistingApp, id: string, active: boolean): Promise<boolean> {
  return app.store.transaction(async (unit) => {
    const current = await unit.users.get(ORG, id, { forUpdate: true });
    if (current === undefined) throw new Error(`no user ${id}`);
    const outcome = nextUserState(current, { type: "activeChanged", active }, NOW, defaultLifecyclePolicy);
    if (outcome.kind !== "state") throw new Error("refused");
    const { groups: _groups, ...stored } = current;
    const meta = current.resource.meta as Record<string, unknown>;
    const resource = { ...current.resource, active, meta: { ...meta, version: bump(meta.version) } };
    const next = { ...stored, resource, ...outcome.state };
    return unit.users.update(ORG, next, String(meta.version));
  });
}

/** A SCIM DELETE with the default soft delete: the status moves, the resource stays. */
export function softDelete(app: ExistingApp, id: string): Promise<boolean> {
  return app.store.transaction(async (unit) => {
    const current = await unit.users.get(ORG, id, { forUpdate: true });
    if (current === undefined) throw new Error(`no user ${id}`);
    await unit.groups.removeUserEverywhere(ORG, id);
    const { groups: _groups, ...stored } = current;
    const meta = current.resource.meta as Record<string, unknown>;
    return unit.users.update(ORG, { ...stored, status: "deleted" }, String(meta.version));
  });
}

/** The user as the port reads it, deleted ones included. */
export async function readUser(app: ExistingApp, id: string): Promise<UserRead | undefined> {
  const page = await app.store.read.users.list(ORG, {
    statuses: ["pending", "active", "deactivated", "deleted"],
    filter: parseScimFilter(`id eq ${JSON.stringify(id)}`),
    page: { kind: "offset", startIndex: 1, count: 1 },
  });
  return page.items[0];
}

/** The error's status and scimType (RFC 7644 §3.12), for assertions that ignore the wording. */
export async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const { status, scimType } = error as { status?: unknown; scimType?: unknown };
    return { status, scimType };
  }
  return "no error";
}
