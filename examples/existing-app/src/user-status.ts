import type { UserStatus } from "@scimkit/core";
import { type RawBuilder, sql } from "kysely";
import type { UsersTable } from "./app-tables.js";

/*
 * A user's lifecycle status (@scimkit/core `UserStatus`, `nextUserState`) read from and written to
 * the app's own columns:
 *
 *   deleted_at not null        → deleted
 *   is_active = 0              → deactivated (SCIM `active` false: sign-in refused)
 *   signed_in_at null          → pending     (never signed in: not in the team list)
 *   otherwise                  → active
 *
 * Deactivation is read before the first sign-in: `nextUserState` provisions a user sent with
 * `active: false` as deactivated though it never signed in, and reactivating it makes it pending
 * again. `signed_in_at` is `joinedAt` (the first sign-in), which deactivation keeps.
 *
 * Every state scimkit's services and the app produce reads back this way. The port contract also
 * stores states these columns cannot tell apart (an `active` user that never signed in, an
 * `active` or `pending` user whose SCIM `active` is false, a `deactivated` one whose is true), and
 * the port owes them back as stored, so `scim_status` holds the status in those cases only; it is
 * null whenever the rules above give the status, so the app's own queries never read it.
 */

type LifecycleColumns = Pick<UsersTable, "deleted_at" | "is_active" | "signed_in_at" | "scim_status">;

/** The status the app's own columns give, by the rules above. */
function appStatus(columns: Pick<UsersTable, "deleted_at" | "is_active" | "signed_in_at">): UserStatus {
  if (columns.deleted_at !== null) return "deleted";
  if (columns.is_active === 0) return "deactivated";
  return columns.signed_in_at === null ? "pending" : "active";
}

/** A row's status: the app's columns', unless `scim_status` holds one they cannot tell. */
export function statusOfRow(columns: LifecycleColumns): UserStatus {
  return columns.deleted_at === null && columns.scim_status !== null
    ? columns.scim_status
    : appStatus(columns);
}

/** The same as {@link statusOfRow}, in SQL over the row aliased `alias` (for `statuses` in lists). */
export function statusSql(alias: string): RawBuilder<UserStatus> {
  const column = (name: keyof LifecycleColumns) => sql.ref(`${alias}.${name}`);
  return sql<UserStatus>`(case when ${column("deleted_at")} is not null then 'deleted'
    when ${column("scim_status")} is not null then ${column("scim_status")}
    when ${column("is_active")} = 0 then 'deactivated'
    when ${column("signed_in_at")} is null then 'pending' else 'active' end)`;
}

/**
 * The lifecycle columns of a user in `status`, joined at `joinedAt`, whose SCIM `active` is
 * `isActive` (1/0). `deletedAt` is when a user becomes deleted (the write's time).
 */
export function lifecycleColumns(
  status: UserStatus,
  joinedAt: string | null,
  isActive: number,
  deletedAt: () => string,
): LifecycleColumns {
  const live = { deleted_at: null, is_active: isActive, signed_in_at: joinedAt };
  if (status === "deleted") return { ...live, deleted_at: deletedAt(), scim_status: null };
  return { ...live, scim_status: appStatus(live) === status ? null : status };
}
