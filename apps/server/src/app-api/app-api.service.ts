import {
  defaultLifecyclePolicy,
  looksLikeEmail,
  nextUserState,
  primaryEmail,
  ScimError,
} from "@scimkit/core";
import type { components } from "@scimkit/types";
import { ScimUrn } from "@scimkit/types";
import type { Kysely } from "kysely";
import type { Principal } from "../auth/principal.js";
import type { Database } from "../db/database.js";
import { groupsRepository } from "../groups/groups.repository.js";
import { recordAudit } from "../users/audit.repository.js";
import { versionNumber, versionTag } from "../users/user-resource.js";
import { SEARCH_MATCH_LIMIT, type StoredUser, usersRepository } from "../users/users.repository.js";
import { policyFor } from "../users/users.service.js";
import type { UserSource, UserStatusColumn } from "../users/users.table.js";

type AppUser = components["schemas"]["AppUser"];

/** Which users the team list shows: `deactivated` includes soft-deleted users (their account stays). */
export type TeamStatus = "active" | "pending" | "deactivated" | "all";
const TEAM_STATUSES: Record<TeamStatus, readonly UserStatusColumn[]> = {
  active: ["active"],
  pending: ["pending"],
  deactivated: ["deactivated", "deleted"],
  all: ["pending", "active", "deactivated", "deleted"],
};

/** A page of the team, as the console asks for it. */
export interface TeamQuery {
  readonly status: TeamStatus;
  readonly search?: string;
  readonly startIndex: number;
  readonly count: number;
}

/** The role a user has until an admin changes it in the app (the lifecycle policy's default userType). */
export const DEFAULT_ROLE = defaultLifecyclePolicy.defaultUserType ?? "member";

export interface AppApiDeps {
  readonly db: Kysely<Database>;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly maxResults: number;
}

/** A stored user as the app shows it (never its SCIM document as such). */
export function toAppUser(user: StoredUser): AppUser {
  const resource = user.resource;
  const externalId = typeof resource.externalId === "string" ? resource.externalId : undefined;
  const displayName = typeof resource.displayName === "string" ? resource.displayName : undefined;
  return {
    id: String(resource.id),
    userName: String(resource.userName),
    email: primaryEmail(resource) ?? String(resource.userName),
    ...(displayName === undefined ? {} : { displayName }),
    role: typeof resource.userType === "string" ? resource.userType : DEFAULT_ROLE,
    status: user.status === "deleted" ? "deactivated" : user.status,
    source: user.source,
    ...(externalId === undefined ? {} : { externalId }),
    linked: externalId !== undefined,
    joinedAt: user.joinedAt,
  };
}

function checkEmail(email: string): string {
  const trimmed = email.trim();
  if (!looksLikeEmail(trimmed))
    throw ScimError.invalidValue(`${JSON.stringify(email)} is not an email address.`);
  return trimmed;
}

/**
 * The SCIM `name` of a user created in the app: given and family names split from the name
 * typed in the app (first word, the rest), or taken from the email's local part when there is
 * none. IdPs read both — Okta's SPEC test fails on a first user without them.
 */
export function personName(email: string, name: string | undefined) {
  const words = (name ?? "")
    .trim()
    .split(/\s+/)
    .filter((word) => word !== "");
  const local = email.split("@")[0] ?? email;
  const givenName = words[0] ?? local;
  const familyName = words.length > 1 ? words.slice(1).join(" ") : givenName;
  const formatted = words.length > 0 ? words.join(" ") : local;
  return { displayName: formatted, name: { formatted, givenName, familyName } };
}

/** The app side of the lifecycle: SSO login (join, refuse, JIT), the team list, roles, local users, the audit log. */
export function appApiService(deps: AppApiDeps) {
  function newUser(email: string, name: string | undefined, source: UserSource, now: Date): StoredUser {
    const at = now.toISOString();
    return {
      resource: {
        schemas: [ScimUrn.User],
        id: deps.newId(),
        userName: email,
        ...personName(email, name),
        emails: [{ value: email, type: "work", primary: true }],
        userType: DEFAULT_ROLE,
        active: true,
        meta: { created: at, lastModified: at, version: versionTag(1) },
      },
      status: "active",
      source,
      joinedAt: at,
    };
  }

  return {
    async login(principal: Principal, email: string, name: string | undefined): Promise<AppUser> {
      const address = checkEmail(email);
      const now = deps.now();
      return deps.db.transaction().execute(async (trx) => {
        const existing = await usersRepository.findByUserName(trx, principal.tenantId, address);
        const state =
          existing === undefined ? undefined : { status: existing.status, joinedAt: existing.joinedAt };
        const outcome = nextUserState(state, { type: "login" }, now, policyFor(principal));
        if (outcome.kind !== "state")
          throw ScimError.forbidden(
            `Login refused for ${address}: ${outcome.kind === "refused" ? outcome.reason : "deleted"}`,
          );
        if (existing === undefined) {
          const created = newUser(address, name, "jit", now);
          await usersRepository.insert(trx, principal.tenantId, created);
          await recordAudit(trx, deps, principal, "jit", String(created.resource.id), ["userName", "emails"]);
          return toAppUser(created);
        }
        if (outcome.state.status === existing.status && outcome.state.joinedAt === existing.joinedAt)
          return toAppUser(existing);
        const joined: StoredUser = {
          ...existing,
          status: outcome.state.status,
          joinedAt: outcome.state.joinedAt,
        };
        await usersRepository.update(trx, principal.tenantId, joined, existing);
        await recordAudit(trx, deps, principal, "login", String(existing.resource.id), []);
        return toAppUser(joined);
      });
    },

    async team(principal: Principal, query: TeamQuery) {
      const { startIndex } = query;
      const page = await usersRepository.list(deps.db, principal.tenantId, {
        statuses: TEAM_STATUSES[query.status],
        ...(query.search === undefined ? {} : { search: query.search }),
        newestFirst: true,
        startIndex,
        count: Math.min(query.count, deps.maxResults),
      });
      const memberships = await groupsRepository.groupsOfUsers(
        deps.db,
        principal.tenantId,
        page.users.map((user) => String(user.resource.id)),
      );
      // A search shows at most SEARCH_MATCH_LIMIT users; the repository found one more when more match.
      const truncated = query.search !== undefined && page.total > SEARCH_MATCH_LIMIT;
      const total = truncated ? SEARCH_MATCH_LIMIT : page.total;
      const shown = page.users.slice(0, Math.max(0, total - (startIndex - 1)));
      const items = shown.map((user) => ({
        ...toAppUser(user),
        groups: memberships
          .filter((row) => row.member_id === user.resource.id)
          .map((row) => ({ id: row.id, displayName: row.display_name })),
      }));
      return { totalResults: total, startIndex, items, ...(truncated ? { truncated } : {}) };
    },

    async setRole(principal: Principal, id: string, role: string): Promise<AppUser> {
      if (role.trim() === "") throw ScimError.invalidValue("role must not be empty.");
      return deps.db.transaction().execute(async (trx) => {
        const existing = await usersRepository.findById(trx, principal.tenantId, id, { forUpdate: true });
        if (existing === undefined) throw ScimError.notFound("User", id);
        if (existing.resource.userType === role) return toAppUser(existing);
        const meta = existing.resource.meta as Record<string, unknown>;
        const version = String(meta.version);
        const next: StoredUser = {
          ...existing,
          resource: {
            ...existing.resource,
            userType: role,
            meta: {
              ...meta,
              lastModified: deps.now().toISOString(),
              version: versionTag(versionNumber(version) + 1),
            },
          },
        };
        if (!(await usersRepository.update(trx, principal.tenantId, next, existing))) {
          throw ScimError.preconditionFailed("The user was changed by another request; retry.");
        }
        await recordAudit(trx, deps, principal, "role", id, ["userType"]);
        return toAppUser(next);
      });
    },

    async createLocal(principal: Principal, email: string, name: string | undefined): Promise<AppUser> {
      const address = checkEmail(email);
      const user = newUser(address, name, "local", deps.now());
      await deps.db.transaction().execute(async (trx) => {
        await usersRepository.insert(trx, principal.tenantId, user);
        await recordAudit(trx, deps, principal, "local", String(user.resource.id), ["userName", "emails"]);
      });
      return toAppUser(user);
    },
  };
}

export type AppApiService = ReturnType<typeof appApiService>;
