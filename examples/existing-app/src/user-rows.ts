import { recordToScim, scimToRecord } from "@scimkit/core";
import type { StoredUser } from "@scimkit/router";
import type { UserRow, UsersTable } from "./app-tables.js";
import { appUserMapping } from "./user-mapping.js";
import { lifecycleColumns, statusOfRow } from "./user-status.js";

/** A row of the app's table as the stored user the port returns (the inverse of {@link scimToUserRow}). */
export function userRowToScim(row: UserRow): StoredUser {
  const document = JSON.parse(row.scim_attributes) as Record<string, unknown>;
  const resource = recordToScim(
    appUserMapping,
    row as unknown as Record<string, string | number | null>,
    document,
  );
  return { resource, status: statusOfRow(row), source: row.source, joinedAt: row.signed_in_at };
}

/** The columns a stored user writes: every column of the app's table but `invited_at`. */
export type UserColumns = Omit<UsersTable, "invited_at">;

/**
 * A stored user as the app's row. `deletedAt` gives the time a deleted user's `deleted_at` gets
 * (the port's write time: scimkit's soft delete changes the status, not the resource).
 */
export function scimToUserRow(orgId: string, user: StoredUser, deletedAt: () => string): UserColumns {
  const { columns, document } = scimToRecord(appUserMapping, user.resource);
  const text = (column: string) => (columns[column] as string | null | undefined) ?? null;
  // An absent `active` is stored as active, as the reference store does.
  const isActive = (columns.is_active as number | null) ?? 1;
  return {
    org_id: orgId,
    id: String(columns.id),
    email: String(columns.email),
    email_key: String(columns.email_key),
    first_name: text("first_name"),
    last_name: text("last_name"),
    role: text("role"),
    external_id: text("external_id"),
    created_at: String(columns.created_at),
    updated_at: String(columns.updated_at),
    scim_version: String(columns.scim_version),
    scim_attributes: JSON.stringify(document),
    source: user.source,
    ...lifecycleColumns(user.status, user.joinedAt, isActive, deletedAt),
  };
}
