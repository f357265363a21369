import {
  applyScimPatch,
  applyUserCreatePolicy,
  applyUserUpdatePolicy,
  changedAttributes,
  defaultLifecyclePolicy,
  type LifecyclePolicy,
  nextUserState,
  ScimError,
  userResourceSchema,
  validateResource,
} from "@scimkit/core";
import type { Transaction } from "kysely";
import type { Principal } from "../auth/principal.js";
import type { Database } from "../db/database.js";
import { groupsRepository } from "../groups/groups.repository.js";
import { type ListRequest, type ServiceDeps, toListQuery } from "../http/list-query.js";
import { recordAudit } from "./audit.repository.js";
import { representationTag, requireIfMatch, versionNumber, versionTag } from "./user-resource.js";
import { type StoredUser, usersRepository } from "./users.repository.js";

type Resource = Record<string, unknown>;

/** A group a user belongs to, as the User `groups` attribute shows it. */
export interface UserGroupRef {
  readonly id: string;
  readonly display: string;
}

/** The tenant's lifecycle policy: the default policy with the tenant's JIT and delete settings. */
export function policyFor(principal: Principal): LifecyclePolicy {
  return { ...defaultLifecyclePolicy, jit: principal.tenant.jit, deleteMode: principal.tenant.deleteMode };
}

/** The columns `sortBy` may name (lower-case SCIM paths → columns of users). */
const sortColumns: Record<string, string> = {
  username: "user_name_key",
  externalid: "external_id",
  displayname: "display_name",
  id: "id",
  active: "active",
  usertype: "user_type",
  "meta.created": "created_at",
  "meta.lastmodified": "updated_at",
};

/**
 * SCIM Users (RFC 7644 §3) with the app's lifecycle rules. Every write runs in one transaction:
 * read, validate, apply PATCH and policy, write the row, its email rows and the audit event — or
 * nothing. Reads and writes are scoped by the token's tenant.
 */
export function usersService(deps: ServiceDeps) {
  const inTransaction = <T>(work: (trx: Transaction<Database>) => Promise<T>) =>
    deps.db.transaction().execute(work);

  async function loadForWrite(
    trx: Transaction<Database>,
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
  ) {
    const existing = await usersRepository.findById(trx, principal.tenantId, id, { forUpdate: true });
    if (existing === undefined) throw ScimError.notFound("User", id);
    const version = String((existing.resource.meta as Resource | undefined)?.version ?? "");
    if (ifMatch !== undefined) {
      // Compared with the representation's tag, which also covers the user's groups (user-resource.ts).
      const groups = await groupsRepository.groupsOfUsers(trx, principal.tenantId, [id]);
      const current = representationTag(
        version,
        groups.map((group) => group.id),
      );
      requireIfMatch(ifMatch, current, "User");
    }
    return { existing, version };
  }

  /** Stores `next` as the new version of `existing` (unless nothing changed) and records the audit event. */
  async function write(
    trx: Transaction<Database>,
    principal: Principal,
    existing: StoredUser,
    version: string,
    next: Resource,
    operation: string,
  ) {
    const changed = changedAttributes(existing.resource, next, userResourceSchema);
    if (changed.length === 0) return existing;
    const now = deps.now();
    const meta = existing.resource.meta as Resource;
    const nextVersion = versionTag(versionNumber(version) + 1);
    const resource = {
      ...next,
      id: existing.resource.id,
      meta: { ...meta, lastModified: now.toISOString(), version: nextVersion },
    };
    let state = { status: existing.status, joinedAt: existing.joinedAt };
    if (next.active !== existing.resource.active) {
      const outcome = nextUserState(
        state,
        { type: "activeChanged", active: next.active !== false },
        now,
        policyFor(principal),
      );
      if (outcome.kind === "state") state = outcome.state;
    }
    const stored: StoredUser = { ...existing, resource, status: state.status, joinedAt: state.joinedAt };
    if (!(await usersRepository.update(trx, principal.tenantId, stored, existing))) {
      throw ScimError.preconditionFailed("The user was changed by another request; read it again and retry.");
    }
    await recordAudit(trx, deps, principal, operation, String(existing.resource.id), changed);
    return stored;
  }

  return {
    async create(principal: Principal, body: unknown): Promise<StoredUser> {
      const { resource: validated } = validateResource(body, userResourceSchema);
      const policy = policyFor(principal);
      const resource = applyUserCreatePolicy({ active: true, ...validated }, policy);
      const now = deps.now().toISOString();
      const id = deps.newId();
      const outcome = nextUserState(
        undefined,
        { type: "provisioned", active: resource.active !== false },
        deps.now(),
        policy,
      );
      if (outcome.kind !== "state") throw ScimError.invalidValue("The user cannot be provisioned.");
      const stored: StoredUser = {
        resource: { ...resource, id, meta: { created: now, lastModified: now, version: versionTag(1) } },
        status: outcome.state.status,
        source: "scim",
        joinedAt: null,
      };
      return inTransaction(async (trx) => {
        await usersRepository.insert(trx, principal.tenantId, stored);
        await recordAudit(
          trx,
          deps,
          principal,
          "create",
          id,
          Object.keys(resource)
            .filter((key) => key !== "schemas")
            .sort(),
        );
        return stored;
      });
    },

    /** The User `groups` attribute of some users (RFC 7643 §4.1.2): derived from membership, read-only. */
    async groupsOf(principal: Principal, userIds: readonly string[]): Promise<Map<string, UserGroupRef[]>> {
      const rows = await groupsRepository.groupsOfUsers(deps.db, principal.tenantId, userIds);
      const byUser = new Map<string, UserGroupRef[]>();
      for (const row of rows)
        byUser.set(row.member_id, [
          ...(byUser.get(row.member_id) ?? []),
          { id: row.id, display: row.display_name },
        ]);
      return byUser;
    },

    async get(principal: Principal, id: string): Promise<StoredUser> {
      const user = await usersRepository.findById(deps.db, principal.tenantId, id);
      if (user === undefined) throw ScimError.notFound("User", id);
      return user;
    },

    async list(principal: Principal, request: ListRequest) {
      const query = toListQuery(request, userResourceSchema, sortColumns, deps.maxResults);
      const result = await usersRepository.list(deps.db, principal.tenantId, query);
      return { ...result, startIndex: query.startIndex };
    },

    async replace(
      principal: Principal,
      id: string,
      body: unknown,
      ifMatch: string | undefined,
    ): Promise<StoredUser> {
      return inTransaction(async (trx) => {
        const { existing, version } = await loadForWrite(trx, principal, id, ifMatch);
        const { resource: validated } = validateResource(body, userResourceSchema, {
          existing: existing.resource,
        });
        const next = applyUserUpdatePolicy(
          existing.resource,
          { ...validated, id, meta: existing.resource.meta },
          policyFor(principal),
        );
        return write(trx, principal, existing, version, next, "replace");
      });
    },

    async patch(
      principal: Principal,
      id: string,
      body: unknown,
      ifMatch: string | undefined,
    ): Promise<StoredUser> {
      return inTransaction(async (trx) => {
        const { existing, version } = await loadForWrite(trx, principal, id, ifMatch);
        const { resource: patched } = applyScimPatch(existing.resource, body, userResourceSchema);
        const { resource: validated } = validateResource(patched, userResourceSchema);
        const next = applyUserUpdatePolicy(
          existing.resource,
          { ...validated, id, meta: existing.resource.meta },
          policyFor(principal),
        );
        return write(trx, principal, existing, version, next, "patch");
      });
    },

    async remove(principal: Principal, id: string, ifMatch: string | undefined): Promise<void> {
      await inTransaction(async (trx) => {
        const { existing } = await loadForWrite(trx, principal, id, ifMatch);
        const outcome = nextUserState(
          { status: existing.status, joinedAt: existing.joinedAt },
          { type: "deleted" },
          deps.now(),
          policyFor(principal),
        );
        // Deleting a user removes its memberships (deactivating keeps them).
        await groupsRepository.removeUserEverywhere(trx, principal.tenantId, id);
        if (outcome.kind === "hardDelete") await usersRepository.hardDelete(trx, principal.tenantId, id);
        else if (outcome.kind === "state") {
          const stored: StoredUser = { ...existing, status: outcome.state.status };
          if (!(await usersRepository.update(trx, principal.tenantId, stored, existing))) {
            throw ScimError.preconditionFailed(
              "The user was changed by another request; read it again and retry.",
            );
          }
        }
        await recordAudit(trx, deps, principal, "delete", id, []);
      });
    },
  };
}

export type UsersService = ReturnType<typeof usersService>;
