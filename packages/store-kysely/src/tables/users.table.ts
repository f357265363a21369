import type { UserStatus } from "@scimkit/core";
import type { UserSource } from "@scimkit/router";
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * A user. Columns follow `referenceUserMapping` (reference-mappings.ts) (what IdPs query is indexed; `*_key`
 * columns hold the case-folded value); `document` is the JSON of every other attribute.
 */
export interface UsersTable {
  tenant_id: string;
  id: string;
  external_id: string | null;
  user_name: string;
  user_name_key: string;
  display_name: string | null;
  /** The folded display name (migration 0007), so the console's name search is an index range. */
  display_name_key: string | null;
  active: number;
  user_type: string | null;
  status: UserStatus;
  source: UserSource;
  joined_at: string | null;
  created_at: string;
  updated_at: string;
  version: string;
  document: string;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserRowUpdate = Updateable<UsersTable>;

/** One email of a user, folded, so `emails.value eq` and `emails[type eq "work"].value eq` are index seeks. */
export interface UserEmailsTable {
  tenant_id: string;
  user_id: string;
  position: number;
  value_key: string | null;
  type_key: string | null;
  is_primary: number | null;
}

/** One provisioning change: attribute names only, never values or secrets. */
export interface AuditEventsTable {
  /** The order of writing: the key, so events are appended. */
  seq: Generated<number>;
  id: string;
  tenant_id: string;
  at: string;
  token_id: string | null;
  operation: string;
  resource_type: string;
  resource_id: string;
  /** JSON array of changed attribute names. */
  changed: string;
}

/** How many users a tenant has in each status, kept by triggers on users (migration 0006). */
export interface UserCountsTable {
  tenant_id: string;
  status: UserStatus;
  n: number | string | bigint;
}
