import {
  applyScimPatch,
  applyUserCreatePolicy,
  applyUserUpdatePolicy,
  defaultLifecyclePolicy,
  type LifecyclePolicy,
  nextUserState,
  ScimError,
  userResourceSchema,
  validateResource,
} from "@scimkit/core";
import type { Principal, TenantSettingsView } from "../auth/principal.js";
import { groupSnapshot, memberRefs, recordChange, userSnapshot } from "../events/record-change.js";
import { type ListRequest, toListQuery } from "../http/list-query.js";
import type { StoredUser, UserRead } from "../ports/records.js";
import type { Page, UnitOfWork } from "../ports/store-ports.js";
import { firstMeta, nextMeta, storedVersion } from "../resources/resource-version.js";
import type { ServiceDeps } from "../resources/service-deps.js";
import { versionedWrite } from "../resources/versioned-write.js";
import { userTag } from "./user-resource.js";

type Resource = Record<string, unknown>;

/** The default lifecycle policy of a tenant: scimkit's default rules with the tenant's JIT and delete settings. */
export function defaultPolicyFor(settings: TenantSettingsView): LifecyclePolicy {
  return { ...defaultLifecyclePolicy, jit: settings.jit, deleteMode: settings.deleteMode };
}

/** The attributes `sortBy` may name for users (a store maps each to what it orders by). */
export const userSortAttributes = [
  "userName",
  "externalId",
  "displayName",
  "id",
  "active",
  "userType",
  "meta.created",
  "meta.lastModified",
] as const;

/**
 * Records the memberships a deleted user left: a `group.member_removed` of each group, numbered
 * with the group's events. The group's own attributes (and version) are unchanged.
 */
async function recordMembershipsLeft(
  unit: UnitOfWork,
  principal: Principal,
  userId: string,
  groupIds: readonly string[],
  deps: ServiceDeps,
): Promise<void> {
  if (groupIds.length === 0) return;
  const [member] = await memberRefs(unit, principal, [userId]);
  for (const groupId of groupIds) {
    const group = await unit.groups.get(principal.tenantId, groupId);
    if (group === undefined || member === undefined) continue;
    const snapshot = groupSnapshot(group, principal);
    await recordChange(
      { unit, deps, principal },
      "delete",
      { resourceType: "Group", before: snapshot, after: snapshot, membersRemoved: [member] },
      { audit: false },
    );
  }
}

/**
 * SCIM Users (RFC 7644 §3) with the app's lifecycle rules, over the store's ports. Every write runs
 * in one unit of work: read, validate, apply PATCH and policy, write the user, its audit event —
 * or nothing. Reads and writes are scoped by the token's tenant.
 */
export function usersService(deps: ServiceDeps) {
  const policyOf = (principal: Principal) => (deps.policy ?? defaultPolicyFor)(principal.settings);
  /** The frame of a write to an existing user; `decide` gives the next resource from the stored one. */
  function writeUser(
    unit: UnitOfWork,
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
    operation: string,
    decide: (current: UserRead) => Resource,
  ): Promise<UserRead> {
    return versionedWrite(unit, deps, principal, {
      resourceType: "User",
      id,
      operation,
      ifMatch,
      load: () => unit.users.get(principal.tenantId, id, { forUpdate: true }),
      // Compared with the representation's tag, which also covers the user's groups (resource-version.ts).
      tagOf: userTag,
      versionOf: (current) => storedVersion(current.resource),
      plan: async (current) => {
        const next = decide(current);
        const now = deps.now();
        const resource = { ...next, id: current.resource.id, meta: nextMeta(current.resource, now) };
        let state = { status: current.status, joinedAt: current.joinedAt };
        if (next.active !== current.resource.active) {
          const outcome = nextUserState(
            state,
            { type: "activeChanged", active: next.active !== false },
            now,
            policyOf(principal),
          );
          if (outcome.kind === "state") state = outcome.state;
        }
        const stored: StoredUser = { ...current, resource, status: state.status, joinedAt: state.joinedAt };
        // A user write never changes its memberships: the groups read with it are current.
        const written: UserRead = { ...stored, groups: current.groups };
        let wrote = false;
        return {
          change: {
            resourceType: "User",
            before: userSnapshot(current, principal),
            after: userSnapshot(written, principal),
          },
          write: async (expected) => {
            wrote = await unit.users.update(principal.tenantId, stored, expected);
            return wrote;
          },
          result: () => (wrote ? written : current),
        };
      },
    });
  }

  return {
    async create(principal: Principal, body: unknown): Promise<UserRead> {
      const { resource: validated } = validateResource(body, userResourceSchema);
      const policy = policyOf(principal);
      const resource = applyUserCreatePolicy({ active: true, ...validated }, policy);
      const now = deps.now();
      const id = deps.newId();
      const outcome = nextUserState(
        undefined,
        { type: "provisioned", active: resource.active !== false },
        now,
        policy,
      );
      if (outcome.kind !== "state") throw ScimError.invalidValue("The user cannot be provisioned.");
      const stored: StoredUser = {
        resource: { ...resource, id, meta: firstMeta(now) },
        status: outcome.state.status,
        source: "scim",
        joinedAt: null,
      };
      const created: UserRead = { ...stored, groups: [] };
      return deps.store.transaction(async (unit) => {
        await unit.users.insert(principal.tenantId, stored);
        await recordChange({ unit, deps, principal }, "create", {
          resourceType: "User",
          after: userSnapshot(created, principal),
        });
        return created;
      });
    },

    async get(principal: Principal, id: string): Promise<UserRead> {
      const user = await deps.store.read.users.get(principal.tenantId, id);
      if (user === undefined) throw ScimError.notFound("User", id);
      return user;
    },

    async list(principal: Principal, request: ListRequest): Promise<Page<UserRead> & { startIndex: number }> {
      const query = toListQuery(request, userResourceSchema, userSortAttributes, deps.maxResults);
      const page = await deps.store.read.users.list(principal.tenantId, query);
      return { ...page, startIndex: query.page.startIndex };
    },

    replace(principal: Principal, id: string, body: unknown, ifMatch: string | undefined): Promise<UserRead> {
      return deps.store.transaction((unit) =>
        writeUser(unit, principal, id, ifMatch, "replace", (current) => {
          const { resource: validated } = validateResource(body, userResourceSchema, {
            existing: current.resource,
          });
          return applyUserUpdatePolicy(
            current.resource,
            { ...validated, id, meta: current.resource.meta },
            policyOf(principal),
          );
        }),
      );
    },

    patch(principal: Principal, id: string, body: unknown, ifMatch: string | undefined): Promise<UserRead> {
      return deps.store.transaction((unit) =>
        writeUser(unit, principal, id, ifMatch, "patch", (current) => {
          const { resource: patched } = applyScimPatch(current.resource, body, userResourceSchema);
          const { resource: validated } = validateResource(patched, userResourceSchema);
          return applyUserUpdatePolicy(
            current.resource,
            { ...validated, id, meta: current.resource.meta },
            policyOf(principal),
          );
        }),
      );
    },

    async remove(principal: Principal, id: string, ifMatch: string | undefined): Promise<void> {
      await deps.store.transaction((unit) =>
        versionedWrite(unit, deps, principal, {
          resourceType: "User",
          id,
          operation: "delete",
          ifMatch,
          load: () => unit.users.get(principal.tenantId, id, { forUpdate: true }),
          tagOf: userTag,
          versionOf: (current) => storedVersion(current.resource),
          plan: async (current) => {
            const outcome = nextUserState(
              { status: current.status, joinedAt: current.joinedAt },
              { type: "deleted" },
              deps.now(),
              policyOf(principal),
            );
            const before = userSnapshot(current, principal);
            const deleted: UserRead = { ...current, status: "deleted" };
            return {
              change: {
                resourceType: "User",
                before,
                ...(outcome.kind === "hardDelete"
                  ? {}
                  : { after: outcome.kind === "state" ? userSnapshot(deleted, principal) : before }),
              },
              always: true,
              write: async (expected) => {
                // Deleting a user removes its memberships (deactivating keeps them), each a
                // membership event of its group; the user's own row tells the deletion.
                const left = await unit.groups.removeUserEverywhere(principal.tenantId, id);
                await recordMembershipsLeft(unit, principal, id, left, deps);
                if (outcome.kind === "hardDelete") {
                  await unit.users.remove(principal.tenantId, id);
                  return true;
                }
                if (outcome.kind !== "state") return true;
                return unit.users.update(
                  principal.tenantId,
                  { ...current, status: outcome.state.status },
                  expected,
                );
              },
              result: () => undefined,
            };
          },
        }),
      );
    },
  };
}

export type UsersService = ReturnType<typeof usersService>;
