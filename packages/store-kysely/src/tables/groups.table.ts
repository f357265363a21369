import type { Selectable } from "kysely";

/** A group. Columns follow `referenceGroupMapping` (reference-mappings.ts); members live in `group_members`. */
export interface GroupsTable {
  tenant_id: string;
  id: string;
  external_id: string | null;
  display_name: string;
  display_name_key: string;
  created_at: string;
  updated_at: string;
  version: string;
  document: string;
}

export type GroupRow = Selectable<GroupsTable>;

/** One membership: a user in a group (RFC 7643 §4.2 `members`). */
export interface GroupMembersTable {
  tenant_id: string;
  group_id: string;
  member_id: string;
  added_at: string;
}
