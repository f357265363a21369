import {
  defaultLifecyclePolicy,
  looksLikeEmail,
  nextUserState,
  primaryEmail,
  ScimError,
  type UserStatus,
} from "@scimkit/core";
import {
  defaultPolicyFor,
  firstMeta,
  nextMeta,
  type Principal,
  recordChange,
  type ServiceDeps,
  type StoredUser,
  storedVersion,
  USER_SEARCH_LIMIT,
  type UserRead,
  type UserSource,
  userSnapshot,
  versionedWrite,
} from "@scimkit/router";
import { type components, type paths, ScimUrn } from "@scimkit/types";

type AppUser = components["schemas"]["AppUser"];

/** Which users the team list shows: `deactivated` includes soft-deleted users (their account stays). */
export type TeamStatus = NonNullable<NonNullable<paths["/api/team"]["get"]["parameters"]["query"]>["status"]>;
const TEAM_STATUSES: Record<TeamStatus, readonly UserStatus[]> = {
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
export function appApiService(deps: ServiceDeps) {
  function newUser(email: string, name: string | undefined, source: UserSource, now: Date): UserRead {
    return {
      resource: {
        schemas: [ScimUrn.User],
        id: deps.newId(),
        userName: email,
        ...personName(email, name),
        emails: [{ value: email, type: "work", primary: true }],
        userType: DEFAULT_ROLE,
        active: true,
        meta: firstMeta(now),
      },
      status: "active",
      source,
      joinedAt: now.toISOString(),
      groups: [],
    };
  }

  return {
    /**
     * An SSO login: joins a pending user, refuses a deactivated or
     * unknown one (403), or creates the user when JIT is on. The answer is the state stored: a
     * login that loses a race with a concurrent write (a deactivation) is refused, never
     * reported as a join that did not happen.
     */
    async login(principal: Principal, email: string, name: string | undefined): Promise<AppUser> {
      const address = checkEmail(email);
      const now = deps.now();
      return deps.store.transaction(async (unit) => {
        const existing = await unit.users.findByUserName(principal.tenantId, address, { forUpdate: true });
        const state =
          existing === undefined ? undefined : { status: existing.status, joinedAt: existing.joinedAt };
        const outcome = nextUserState(state, { type: "login" }, now, defaultPolicyFor(principal.settings));
        if (outcome.kind !== "state")
          throw ScimError.forbidden(
            `Login refused for ${address}: ${outcome.kind === "refused" ? outcome.reason : "deleted"}`,
          );
        const frame = { unit, deps, principal };
        if (existing === undefined) {
          const created = newUser(address, name, "jit", now);
          await unit.users.insert(principal.tenantId, created);
          // Created and joined at once: `user.created`, then `user.joined`.
          await recordChange(frame, "jit", { resourceType: "User", after: userSnapshot(created, principal) });
          return toAppUser(created);
        }
        if (outcome.state.status === existing.status && outcome.state.joinedAt === existing.joinedAt)
          return toAppUser(existing);
        const joined: UserRead = {
          ...existing,
          status: outcome.state.status,
          joinedAt: outcome.state.joinedAt,
        };
        if (!(await unit.users.update(principal.tenantId, joined, storedVersion(existing.resource)))) {
          throw ScimError.conflict(
            `The user ${address} was changed while signing in (e.g. deactivated); sign in again.`,
          );
        }
        await recordChange(frame, "login", {
          resourceType: "User",
          before: userSnapshot(existing, principal),
          after: userSnapshot(joined, principal),
        });
        return toAppUser(joined);
      });
    },

    async team(principal: Principal, query: TeamQuery) {
      const { startIndex } = query;
      const page = await deps.store.read.users.list(principal.tenantId, {
        statuses: TEAM_STATUSES[query.status],
        ...(query.search === undefined ? {} : { search: query.search }),
        newestFirst: true,
        page: { kind: "offset", startIndex, count: Math.min(query.count, deps.maxResults) },
      });
      // A search shows at most USER_SEARCH_LIMIT users; the store found one more when more match.
      const truncated = query.search !== undefined && page.total > USER_SEARCH_LIMIT;
      const total = truncated ? USER_SEARCH_LIMIT : page.total;
      const shown = page.items.slice(0, Math.max(0, total - (startIndex - 1)));
      const items = shown.map((user) => ({
        ...toAppUser(user),
        groups: user.groups.map((group) => ({ id: group.id, displayName: group.display })),
      }));
      return { totalResults: total, startIndex, items, ...(truncated ? { truncated } : {}) };
    },

    async setRole(principal: Principal, id: string, role: string): Promise<AppUser> {
      if (role.trim() === "") throw ScimError.invalidValue("role must not be empty.");
      return deps.store.transaction((unit) =>
        versionedWrite(unit, deps, principal, {
          resourceType: "User",
          id,
          operation: "role",
          ifMatch: undefined,
          load: () => unit.users.get(principal.tenantId, id, { forUpdate: true }),
          tagOf: (current) => storedVersion(current.resource),
          versionOf: (current) => storedVersion(current.resource),
          plan: async (current) => {
            const next: UserRead = {
              ...current,
              resource: { ...current.resource, userType: role, meta: nextMeta(current.resource, deps.now()) },
            };
            let wrote = false;
            return {
              change: {
                resourceType: "User",
                before: userSnapshot(current, principal),
                after: userSnapshot(next, principal),
              },
              write: async (expected) => {
                wrote = await unit.users.update(principal.tenantId, next, expected);
                return wrote;
              },
              result: () => toAppUser(wrote ? next : current),
            };
          },
        }),
      );
    },

    async createLocal(principal: Principal, email: string, name: string | undefined): Promise<AppUser> {
      const address = checkEmail(email);
      const user = newUser(address, name, "local", deps.now());
      await deps.store.transaction(async (unit) => {
        await unit.users.insert(principal.tenantId, user);
        await recordChange({ unit, deps, principal }, "local", {
          resourceType: "User",
          after: userSnapshot(user, principal),
        });
      });
      return toAppUser(user);
    },
  };
}

export type AppApiService = ReturnType<typeof appApiService>;
