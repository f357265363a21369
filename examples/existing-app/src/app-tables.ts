import type { UserSource } from "@scimkit/router";
import type { Selectable } from "kysely";

/** One customer of the app; its id is also the scimkit tenant id. */
export interface OrganizationsTable {
  id: string;
  name: string;
  created_at: string;
}

/**
 * The app's users: its own columns (email … deleted_at), then what adopting SCIM added
 * (migration 20270301T1100-adopt-scim). The SCIM mapping is user-mapping.ts.
 */
export interface UsersTable {
  org_id: string;
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  /** The app's role; null is the organization's default, member. */
  role: string | null;
  is_active: number;
  invited_at: string | null;
  /** The first sign-in (the user joined); null until then. */
  signed_in_at: string | null;
  deleted_at: string | null;
  external_id: string | null;
  scim_version: string;
  /** JSON of the SCIM attributes the app has no column for. */
  scim_attributes: string;
  /** The email case-folded (@scimkit/core foldCase), for case-insensitive lookups by index. */
  email_key: string;
  source: UserSource;
  /** The status when the app's columns cannot tell it (user-status.ts); null otherwise. */
  scim_status: "pending" | "active" | "deactivated" | null;
  created_at: string;
  updated_at: string;
}

export type UserRow = Selectable<UsersTable>;

/** A signed-in session of a user (migration 20270401T0900-sessions). */
export interface SessionsTable {
  id: string;
  org_id: string;
  user_id: string;
  created_at: string;
}

/** The app's tables as its own Kysely queries see them (scimkit's adopted tables are scimkit's business). */
export interface AppDatabase {
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
}
