import { recordToScim, scimToRecord, userResourceSchema } from "@scimkit/core";
import type { StoredUser } from "@scimkit/router";
import { referenceUserMapping } from "./reference-mappings.js";
import { perDialect } from "./sql-dialect.js";
import type { SqlFilterTarget } from "./sql-filter.js";
import type { UserRow } from "./tables/users.table.js";

/** Every column of `users`, in the order of the prepared insert. */
export const userColumns = [
  "tenant_id",
  "id",
  "external_id",
  "user_name",
  "user_name_key",
  "display_name",
  "display_name_key",
  "active",
  "user_type",
  "status",
  "source",
  "joined_at",
  "created_at",
  "updated_at",
  "version",
  "document",
] as const;

/** One email row of a user (`user_emails`), as written. */
export interface EmailRow {
  readonly tenant_id: string;
  readonly user_id: string;
  readonly position: number;
  readonly value_key: string | null;
  readonly type_key: string | null;
  readonly is_primary: number | null;
}

/** Where the users filter compiler finds each attribute, per dialect (exported for the query-plan tests). */
export const usersFilterTarget = perDialect(
  (dialect): SqlFilterTarget => ({
    schema: userResourceSchema,
    mapping: referenceUserMapping,
    json: dialect.json,
    alias: "u",
    relations: {
      // `groups.value eq "…"` (RFC 7643 §4.1.2 `groups`, derived from membership rows).
      groups: { table: "group_members", owner: "member_id", fields: { value: "group_id" } },
    },
    valueRowTables: { emails: { table: "user_emails", owner: "user_id" } },
  }),
);

/** Turns a row back into a stored user (the inverse of {@link userToRow}). */
export function userFromRow(row: UserRow): StoredUser {
  const document = JSON.parse(row.document) as Record<string, unknown>;
  const resource = recordToScim(
    referenceUserMapping,
    row as unknown as Record<string, string | number | null>,
    document,
  );
  return { resource, status: row.status, source: row.source, joinedAt: row.joined_at };
}

/** A stored user as its `users` row and its `user_emails` rows. */
export function userToRow(tenantId: string, user: StoredUser) {
  const record = scimToRecord(referenceUserMapping, user.resource);
  const columns = record.columns as Record<string, string | number | null>;
  const text = (column: string) => (columns[column] as string | null | undefined) ?? null;
  const row = {
    tenant_id: tenantId,
    id: String(columns.id),
    external_id: text("external_id"),
    user_name: String(columns.user_name),
    user_name_key: String(columns.user_name_key),
    display_name: text("display_name"),
    display_name_key: text("display_name_key"),
    active: (columns.active as number | null) ?? 1,
    user_type: text("user_type"),
    status: user.status,
    source: user.source,
    joined_at: user.joinedAt,
    created_at: String(columns.created_at),
    updated_at: String(columns.updated_at),
    version: String(columns.version),
    document: JSON.stringify(record.document),
  };
  const emails: EmailRow[] = (record.valueRows.emails ?? []).map((email, position) => ({
    tenant_id: tenantId,
    user_id: row.id,
    position,
    value_key: (email.value_key as string | null) ?? null,
    type_key: (email.type_key as string | null) ?? null,
    is_primary: (email.is_primary as number | null) ?? null,
  }));
  return { row, emails };
}
