import { sql } from "kysely";
import { chunks } from "./database-errors.js";
import type { SqlContext } from "./sql-dialect.js";

/**
 * The name of each of these users (`user_name`) or groups (`display_name`) of a tenant that
 * exists, deleted users included: what the audit log shows instead of an id.
 */
export async function namesById(
  { db }: SqlContext,
  table: "users" | "groups",
  column: "user_name" | "display_name",
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const chunk of chunks(ids)) {
    const rows = await db
      .selectFrom(table)
      .select(["id", sql<string>`${sql.ref(column)}`.as("name")])
      .where("tenant_id", "=", tenantId)
      .where("id", "in", chunk)
      .execute();
    for (const row of rows) names.set(row.id, row.name);
  }
  return names;
}
