import {
  applyScimPatch,
  changedAttributes,
  groupResourceSchema,
  readPatchOperations,
  ScimError,
  validateResource,
} from "@scimkit/core";
import { ScimUrn } from "@scimkit/types";
import type { Transaction } from "kysely";
import type { Principal } from "../auth/principal.js";
import type { Database } from "../db/database.js";
import { type ListRequest, type ServiceDeps, toListQuery } from "../http/list-query.js";
import { recordAudit } from "../users/audit.repository.js";
import { requireIfMatch, versionNumber, versionTag } from "../users/user-resource.js";
import { type GroupPatchPlan, type MemberChange, memberIds, planGroupPatch } from "./group-patch.js";
import { groupsRepository, type MemberRow, type StoredGroup } from "./groups.repository.js";

type Resource = Record<string, unknown>;

/**
 * 403 for a group write when the tenant turned group management off. RFC 7644 §3.12 gives 403 for
 * "operation is not permitted based on the supplied authorization": the server supports groups,
 * this tenant's admin chose not to let its IdP manage them (501 would claim the server lacks the
 * feature). Reads are not refused: see `groupsVisible`.
 */
export function requireGroups(principal: Principal): void {
  if (!principal.tenant.groups) throw ScimError.forbidden("Group management is turned off for this tenant.");
}

/**
 * Whether the tenant's groups can be read. With group management off a read finds nothing (an
 * empty list, 404 by id) rather than 403: Entra ID's Test Connection looks a random group up and
 * needs an empty ListResponse, so a 403 would fail the connection test of a tenant that merely
 * chose not to sync groups.
 */
function groupsVisible(principal: Principal): boolean {
  return principal.tenant.groups;
}

/** The columns `sortBy` may name (lower-case SCIM paths → columns of groups). */
const sortColumns: Record<string, string> = {
  displayname: "display_name_key",
  externalid: "external_id",
  id: "id",
  "meta.created": "created_at",
  "meta.lastmodified": "updated_at",
};

function withoutMembers(resource: Resource): Resource {
  const { members: _members, ...rest } = resource;
  return rest;
}

/** Groups (RFC 7644 §3) with memberships as rows; each write and its audit event in one transaction. */
export function groupsService(deps: ServiceDeps) {
  const inTransaction = <T>(work: (trx: Transaction<Database>) => Promise<T>) =>
    deps.db.transaction().execute(work);

  async function checkMembers(
    trx: Transaction<Database>,
    principal: Principal,
    ids: readonly string[],
  ): Promise<void> {
    const unique = [...new Set(ids)];
    const found = await groupsRepository.existingUsers(trx, principal.tenantId, unique);
    const missing = unique.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw ScimError.invalidValue(
        `Not users of this tenant: ${missing
          .slice(0, 5)
          .map((id) => JSON.stringify(id))
          .join(", ")}.`,
      );
    }
  }

  async function applyMemberChanges(
    trx: Transaction<Database>,
    principal: Principal,
    groupId: string,
    changes: readonly MemberChange[],
  ) {
    let touched = 0;
    const at = deps.now().toISOString();
    for (const change of changes) {
      if (change.kind !== "remove") await checkMembers(trx, principal, change.ids);
      if (change.kind === "replace")
        touched += await replaceMembers(trx, principal.tenantId, groupId, change.ids, at);
      else if (change.kind === "add")
        touched += await groupsRepository.addMembers(trx, principal.tenantId, groupId, change.ids, at);
      else touched += await groupsRepository.removeMembers(trx, principal.tenantId, groupId, change.ids);
    }
    return touched;
  }

  async function replaceMembers(
    trx: Transaction<Database>,
    tenantId: string,
    groupId: string,
    ids: readonly string[],
    at: string,
  ) {
    const current = new Set(
      (await groupsRepository.members(trx, tenantId, [groupId])).map((member) => member.memberId),
    );
    const wanted = new Set(ids);
    const gone = [...current].filter((id) => !wanted.has(id));
    const added = [...wanted].filter((id) => !current.has(id));
    return (
      (await groupsRepository.removeMembers(trx, tenantId, groupId, gone)) +
      (await groupsRepository.addMembers(trx, tenantId, groupId, added, at))
    );
  }

  async function loadForWrite(
    trx: Transaction<Database>,
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
  ) {
    requireGroups(principal);
    const existing = await groupsRepository.findById(trx, principal.tenantId, id, { forUpdate: true });
    if (existing === undefined) throw ScimError.notFound("Group", id);
    const version = String((existing.resource.meta as Resource).version);
    requireIfMatch(ifMatch, version, "Group");
    return { existing, version };
  }

  /** Bumps the version when the group's attributes or members changed; writes the row and the audit event. */
  async function commit(
    trx: Transaction<Database>,
    principal: Principal,
    existing: StoredGroup,
    version: string,
    next: Resource,
    membersTouched: number,
    operation: string,
  ) {
    const changed = changedAttributes(withoutMembers(existing.resource), next, groupResourceSchema);
    if (membersTouched > 0) changed.push("members");
    if (changed.length === 0) return existing;
    const meta = existing.resource.meta as Resource;
    const stored: StoredGroup = {
      resource: {
        ...next,
        meta: {
          ...meta,
          lastModified: deps.now().toISOString(),
          version: versionTag(versionNumber(version) + 1),
        },
      },
    };
    if (!(await groupsRepository.update(trx, principal.tenantId, stored, version))) {
      throw ScimError.preconditionFailed(
        "The group was changed by another request; read it again and retry.",
      );
    }
    await recordAudit(trx, deps, principal, operation, String(existing.resource.id), changed.sort(), "Group");
    return stored;
  }

  async function patchFull(
    trx: Transaction<Database>,
    principal: Principal,
    existing: StoredGroup,
    body: unknown,
  ) {
    const current = await groupsRepository.members(trx, principal.tenantId, [String(existing.resource.id)]);
    // The members as GET shows them, so filters on display or type match what the client sees.
    const members = current.map((member) => ({
      value: member.memberId,
      display: member.display,
      type: "User",
    }));
    const full = { ...existing.resource, members };
    const { resource } = applyScimPatch(full, body, groupResourceSchema);
    const ids = memberIds((resource as Resource).members);
    return { next: withoutMembers(resource), changes: [{ kind: "replace", ids }] as MemberChange[] };
  }

  async function patchRows(existing: StoredGroup, plan: Extract<GroupPatchPlan, { mode: "rows" }>) {
    if (plan.attributes.length === 0)
      return { next: withoutMembers(existing.resource), changes: plan.members };
    const body = { schemas: [ScimUrn.PatchOp], Operations: plan.attributes };
    const { resource } = applyScimPatch(existing.resource, body, groupResourceSchema);
    return { next: withoutMembers(resource), changes: plan.members };
  }

  return {
    async create(principal: Principal, body: unknown): Promise<StoredGroup> {
      requireGroups(principal);
      const { resource: validated } = validateResource(body, groupResourceSchema);
      const ids = memberIds(validated.members);
      const now = deps.now().toISOString();
      const id = deps.newId();
      const group: StoredGroup = {
        resource: {
          ...withoutMembers(validated),
          id,
          meta: { created: now, lastModified: now, version: versionTag(1) },
        },
      };
      return inTransaction(async (trx) => {
        await groupsRepository.insert(trx, principal.tenantId, group);
        await checkMembers(trx, principal, ids);
        await groupsRepository.addMembers(trx, principal.tenantId, id, [...new Set(ids)], now);
        await recordAudit(
          trx,
          deps,
          principal,
          "create",
          id,
          Object.keys(validated)
            .filter((k) => k !== "schemas")
            .sort(),
          "Group",
        );
        return group;
      });
    },

    async get(
      principal: Principal,
      id: string,
      withMembers: boolean,
    ): Promise<{ group: StoredGroup; members?: MemberRow[] }> {
      const group = groupsVisible(principal)
        ? await groupsRepository.findById(deps.db, principal.tenantId, id)
        : undefined;
      if (group === undefined) throw ScimError.notFound("Group", id);
      if (!withMembers) return { group };
      return { group, members: await groupsRepository.members(deps.db, principal.tenantId, [id]) };
    },

    async list(principal: Principal, request: ListRequest, withMembers: boolean) {
      const query = toListQuery(request, groupResourceSchema, sortColumns, deps.maxResults);
      const page = groupsVisible(principal)
        ? await groupsRepository.list(deps.db, principal.tenantId, query)
        : { total: 0, groups: [] };
      const startIndex = query.startIndex;
      const members = withMembers
        ? await groupsRepository.members(
            deps.db,
            principal.tenantId,
            page.groups.map((g) => String(g.resource.id)),
          )
        : undefined;
      return { ...page, startIndex, members };
    },

    async replace(
      principal: Principal,
      id: string,
      body: unknown,
      ifMatch: string | undefined,
    ): Promise<StoredGroup> {
      return inTransaction(async (trx) => {
        const { existing, version } = await loadForWrite(trx, principal, id, ifMatch);
        const { resource: validated } = validateResource(body, groupResourceSchema);
        const touched = await applyMemberChanges(trx, principal, id, [
          { kind: "replace", ids: memberIds(validated.members) },
        ]);
        const next = { ...withoutMembers(validated), id, meta: existing.resource.meta };
        return commit(trx, principal, existing, version, next, touched, "replace");
      });
    },

    async patch(
      principal: Principal,
      id: string,
      body: unknown,
      ifMatch: string | undefined,
    ): Promise<StoredGroup> {
      const plan = planGroupPatch(readPatchOperations(body));
      return inTransaction(async (trx) => {
        const { existing, version } = await loadForWrite(trx, principal, id, ifMatch);
        const { next, changes } =
          plan.mode === "full"
            ? await patchFull(trx, principal, existing, body)
            : await patchRows(existing, plan);
        const { resource: validated } = validateResource(next, groupResourceSchema);
        const touched = await applyMemberChanges(trx, principal, id, changes);
        return commit(
          trx,
          principal,
          existing,
          version,
          { ...validated, id, meta: existing.resource.meta },
          touched,
          "patch",
        );
      });
    },

    async remove(principal: Principal, id: string, ifMatch: string | undefined): Promise<void> {
      await inTransaction(async (trx) => {
        await loadForWrite(trx, principal, id, ifMatch);
        await groupsRepository.delete(trx, principal.tenantId, id);
        await recordAudit(trx, deps, principal, "delete", id, [], "Group");
      });
    },
  };
}

export type GroupsService = ReturnType<typeof groupsService>;
