import type { LifecyclePolicy } from "./lifecycle-policy.js";

/**
 * Where a user stands in the app: `pending` (provisioned, never logged in; not in the team list),
 * `active` (joined; in the team list), `deactivated` (SCIM `active: false`: login refused, not in
 * the team list, data kept), `deleted` (soft-deleted: 404 to SCIM, row kept for the audit trail).
 */
export type UserStatus = "pending" | "active" | "deactivated" | "deleted";

/** The app-side state the lifecycle rules act on. `joinedAt` is the first login. */
export interface UserLifecycleState {
  readonly status: UserStatus;
  readonly joinedAt: string | null;
}

/** What can happen to a user. */
export type UserLifecycleEvent =
  | { readonly type: "provisioned"; readonly active: boolean }
  | { readonly type: "activeChanged"; readonly active: boolean }
  | { readonly type: "login" }
  | { readonly type: "deleted" };

/** The result: the next state, or a refusal with a reason (login of a deactivated user). */
export type UserLifecycleOutcome =
  | { readonly kind: "state"; readonly state: UserLifecycleState }
  | { readonly kind: "refused"; readonly reason: string }
  | { readonly kind: "hardDelete" };

const state = (status: UserStatus, joinedAt: string | null): UserLifecycleOutcome => ({
  kind: "state",
  state: { status, joinedAt },
});

/**
 * The lifecycle rules as one pure transition: `(state, event, now) → outcome`. The server runs
 * it inside the transaction that writes the change. `current` is undefined for a user that does
 * not exist yet: `provisioned` creates it pending, and a `login` creates it joined when JIT is on.
 */
export function nextUserState(
  current: UserLifecycleState | undefined,
  event: UserLifecycleEvent,
  now: Date,
  policy: LifecyclePolicy,
): UserLifecycleOutcome {
  if (current === undefined) return firstEvent(event, now, policy);
  if (event.type === "provisioned") return { kind: "refused", reason: "The user already exists." };
  if (current.status === "deleted") return { kind: "refused", reason: "The user was deleted." };
  switch (event.type) {
    case "activeChanged":
      if (!event.active) return state("deactivated", current.joinedAt);
      return state(current.joinedAt === null ? "pending" : "active", current.joinedAt);
    case "login":
      if (current.status === "deactivated") return { kind: "refused", reason: "The user is deactivated." };
      return state("active", current.joinedAt ?? now.toISOString());
    case "deleted":
      return policy.deleteMode === "hard" ? { kind: "hardDelete" } : state("deleted", current.joinedAt);
  }
}

/** A user that does not exist yet: SCIM provisions it (pending), or, with JIT on, a first login creates it joined. */
function firstEvent(event: UserLifecycleEvent, now: Date, policy: LifecyclePolicy): UserLifecycleOutcome {
  if (event.type === "provisioned") return state(event.active ? "pending" : "deactivated", null);
  if (event.type === "login" && policy.jit) return state("active", now.toISOString());
  return { kind: "refused", reason: "The user does not exist." };
}

/** Whether the user is in the app's team list: joined and not deactivated or deleted. */
export function isTeamMember(current: UserLifecycleState): boolean {
  return current.status === "active";
}
