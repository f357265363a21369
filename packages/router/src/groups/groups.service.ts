import {
  applyScimPatch,
  groupResourceSchema,
  readPatchOperations,
  ScimError,
  validateResource,
} from "@scimkit/core";
import { ScimUrn } from "@scimkit/types";
import type { Principal } from "../auth/principal.js";
import { groupSnapshot, memberRefs, recordChange } from "../events/record-change.js";
import { type ListRequest, toListQuery } from "../http/list-query.js";
import type { GroupRead } from "../ports/records.js";
import type { Page, UnitOfWork } from "../ports/store-ports.js";
import { firstMeta, nextMeta, storedVersion } from "../resources/resource-version.js";
import type { ServiceDeps } from "../resources/service-deps.js";
import { versionedWrite } from "../resources/versioned-write.js";
import { type MemberChange, memberIds, planGroupPatch } from "./group-patch.js";
import { applyMemberChanges } from "./member-changes.js";

type Resource = Record<string, unknown>;

/**
 * 403 for a group write when the tenant turned group management off. RFC 7644 §3.12 gives 403 for
 * "operation is not permitted based on the supplied authorization": the server supports groups,
 * this tenant's admin chose not to let its IdP manage them (501 would claim the server lacks the
 * feature). Reads are not refused: see `groupsVisible`.
 */
export function requireGroups(principal: Principal): void {
  if (!principal.settings.groups)
    throw ScimError.forbidden("Group management is turned off for this tenant.");
}

/**
 * Whether the tenant's groups can be read. With group management off a read finds nothing (an
 * empty list, 404 by id) rather than 403: Entra ID's Test Connection looks a random group up and
 * needs an empty ListResponse, so a 403 would fail the connection test of a tenant that merely
 * chose not to sync groups.
 */
function groupsVisible(principal: Principal): boolean {
  return principal.settings.groups;
}

/** The attributes `sortBy` may name for groups (a store maps each to what it orders by). */
export const groupSortAttributes = [
  "displayName",
  "externalId",
  "id",
  "meta.created",
  "meta.lastModified",
] as const;

function withoutMembers(resource: Resource): Resource {
  const { members: _members, ...rest } = resource;
  return rest;
}

/** Groups (RFC 7644 §3) with memberships as rows; each write and its audit event in one unit of work. */
export function groupsService(deps: ServiceDeps) {
  /** A PATCH form the row plan does not cover: applied to the group with its members as GET shows them. */
  async function patchFull(unit: UnitOfWork, principal: Principal, current: GroupRead, body: unknown) {
    const withMembers = await unit.groups.get(principal.tenantId, String(current.resource.id), {
      withMembers: true,
    });
    // The members as GET shows them, so filters on display or type match what the client sees.
    const members = (withMembers?.members ?? []).map((member) => ({
      value: member.memberId,
      display: member.display,
      type: "User",
    }));
    const { resource } = applyScimPatch({ ...current.resource, members }, body, groupResourceSchema);
    const ids = memberIds((resource as Resource).members);
    return { next: withoutMembers(resource), changes: [{ kind: "replace", ids }] as MemberChange[] };
  }

  /** The frame of a write to an existing group: `decide` gives its attributes and member changes. */
  function writeGroup(
    unit: UnitOfWork,
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
    operation: string,
    decide: (current: GroupRead) => Promise<{ next: Resource; changes: readonly MemberChange[] }>,
  ): Promise<GroupRead> {
    requireGroups(principal);
    return versionedWrite(unit, deps, principal, {
      resourceType: "Group",
      id,
      operation,
      ifMatch,
      load: () => unit.groups.get(principal.tenantId, id, { forUpdate: true }),
      tagOf: (current) => storedVersion(current.resource),
      versionOf: (current) => storedVersion(current.resource),
      plan: async (current) => {
        const decided = await decide(current);
        const { resource: validated } = validateResource(decided.next, groupResourceSchema);
        const next = { ...validated, id, meta: current.resource.meta };
        const diff = await applyMemberChanges(unit, principal.tenantId, id, decided.changes, deps.now());
        const stored = { resource: { ...next, meta: nextMeta(current.resource, deps.now()) } };
        let wrote = false;
        return {
          change: {
            resourceType: "Group",
            before: groupSnapshot(current, principal),
            after: groupSnapshot(stored, principal),
            membersAdded: await memberRefs(unit, principal, diff.added),
            membersRemoved: await memberRefs(unit, principal, diff.removed),
          },
          write: async (expected) => {
            wrote = await unit.groups.update(principal.tenantId, stored, expected);
            return wrote;
          },
          result: () => (wrote ? stored : current),
        };
      },
    });
  }

  /** The group with its members, read in the caller's unit of work (a write's response). */
  async function withMembers(unit: UnitOfWork, principal: Principal, id: string): Promise<GroupRead> {
    const group = await unit.groups.get(principal.tenantId, id, { withMembers: true });
    if (group === undefined) throw ScimError.notFound("Group", id);
    return group;
  }

  return {
    async create(principal: Principal, body: unknown): Promise<GroupRead> {
      requireGroups(principal);
      const { resource: validated } = validateResource(body, groupResourceSchema);
      const ids = memberIds(validated.members);
      const now = deps.now();
      const id = deps.newId();
      const group = { resource: { ...withoutMembers(validated), id, meta: firstMeta(now) } };
      return deps.store.transaction(async (unit) => {
        await unit.groups.insert(principal.tenantId, group);
        const diff = await applyMemberChanges(unit, principal.tenantId, id, [{ kind: "add", ids }], now);
        await recordChange({ unit, deps, principal }, "create", {
          resourceType: "Group",
          after: groupSnapshot(group, principal),
          membersAdded: await memberRefs(unit, principal, diff.added),
        });
        return withMembers(unit, principal, id);
      });
    },

    async get(principal: Principal, id: string, members: boolean): Promise<GroupRead> {
      const group = groupsVisible(principal)
        ? await deps.store.read.groups.get(principal.tenantId, id, { withMembers: members })
        : undefined;
      if (group === undefined) throw ScimError.notFound("Group", id);
      return group;
    },

    async list(
      principal: Principal,
      request: ListRequest,
      members: boolean,
    ): Promise<Page<GroupRead> & { startIndex: number }> {
      const query = toListQuery(request, groupResourceSchema, groupSortAttributes, deps.maxResults);
      const page = groupsVisible(principal)
        ? await deps.store.read.groups.list(principal.tenantId, { ...query, withMembers: members })
        : { total: 0, items: [] };
      return { ...page, startIndex: query.page.startIndex };
    },

    replace(
      principal: Principal,
      id: string,
      body: unknown,
      ifMatch: string | undefined,
    ): Promise<GroupRead> {
      return deps.store.transaction(async (unit) => {
        await writeGroup(unit, principal, id, ifMatch, "replace", async () => {
          const { resource: validated } = validateResource(body, groupResourceSchema);
          return {
            next: withoutMembers(validated),
            changes: [{ kind: "replace", ids: memberIds(validated.members) }],
          };
        });
        return withMembers(unit, principal, id);
      });
    },

    patch(principal: Principal, id: string, body: unknown, ifMatch: string | undefined): Promise<GroupRead> {
      const plan = planGroupPatch(readPatchOperations(body));
      return deps.store.transaction((unit) =>
        writeGroup(unit, principal, id, ifMatch, "patch", async (current) => {
          if (plan.mode === "full") return patchFull(unit, principal, current, body);
          if (plan.attributes.length === 0)
            return { next: withoutMembers(current.resource), changes: plan.members };
          const operations = { schemas: [ScimUrn.PatchOp], Operations: plan.attributes };
          const { resource } = applyScimPatch(current.resource, operations, groupResourceSchema);
          return { next: withoutMembers(resource), changes: plan.members };
        }),
      );
    },

    async remove(principal: Principal, id: string, ifMatch: string | undefined): Promise<void> {
      requireGroups(principal);
      await deps.store.transaction((unit) =>
        versionedWrite(unit, deps, principal, {
          resourceType: "Group",
          id,
          operation: "delete",
          ifMatch,
          load: () => unit.groups.get(principal.tenantId, id, { forUpdate: true }),
          tagOf: (current) => storedVersion(current.resource),
          versionOf: (current) => storedVersion(current.resource),
          // The deletion is one event: its memberships go with the group, without an event each.
          plan: async (current) => ({
            change: { resourceType: "Group", before: groupSnapshot(current, principal) },
            always: true,
            write: () => unit.groups.remove(principal.tenantId, id),
            result: () => undefined,
          }),
        }),
      );
    },
  };
}

export type GroupsService = ReturnType<typeof groupsService>;
