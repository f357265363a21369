import { foldCase } from "@scimkit/core";
import type { components } from "@scimkit/types";
import { type Kysely, sql } from "kysely";
import type { Principal } from "../auth/principal.js";
import { type Database, dialectSql } from "../db/database.js";

type AuditEvent = components["schemas"]["AuditEvent"];
type AuditOperation = components["schemas"]["AuditOperation"];

/** A page of the audit log, optionally of one user (by id or userName) or one operation. */
export interface AuditQuery {
  readonly user?: string;
  readonly operation?: AuditOperation;
  readonly startIndex: number;
  readonly count: number;
}

export interface AuditLogDeps {
  readonly db: Kysely<Database>;
  readonly maxResults: number;
}

/** The audit log as the console reads it: newest first, filtered, with the names of what changed. */
export function auditLog(deps: AuditLogDeps) {
  /**
   * The users a person means by `user`: the one with that id, and every user who has or had that
   * userName (what a person types: an email), soft-deleted ones included — their history is what
   * an admin looks for after a removal. The text itself when nothing matches, so the page is empty.
   */
  async function userIdsOf(tenantId: string, user: string): Promise<string[]> {
    const key = foldCase(user.trim());
    const rows = await deps.db
      .selectFrom("users")
      .select("id")
      .where("tenant_id", "=", tenantId)
      // The range lets the search index (migration 0007) find the name; the equality keeps it exact.
      .where((eb) =>
        eb.or([
          eb("id", "=", user),
          eb.and([dialectSql.prefixRange(sql.ref("user_name_key"), key), eb("user_name_key", "=", key)]),
        ]),
      )
      .execute();
    return rows.length === 0 ? [user] : rows.map((row) => row.id);
  }

  /**
   * The userName of each user and the displayName of each group a page names, in two lookups by
   * id, so a person reads "ada@example.com" rather than an id. A removed resource has no name.
   */
  async function namesOf(tenantId: string, rows: readonly { resource_type: string; resource_id: string }[]) {
    const named = async (type: "User" | "Group") => {
      const ids = [...new Set(rows.filter((r) => r.resource_type === type).map((r) => r.resource_id))];
      if (ids.length === 0) return [];
      const [table, name] =
        type === "User" ? (["users", "user_name"] as const) : (["groups", "display_name"] as const);
      return deps.db
        .selectFrom(table)
        .select(["id", sql<string>`${sql.ref(name)}`.as("name")])
        .where("tenant_id", "=", tenantId)
        .where("id", "in", ids)
        .execute();
    };
    const found = [...(await named("User")), ...(await named("Group"))];
    return new Map(found.map((row) => [row.id, row.name]));
  }

  return {
    async page(principal: Principal, query: AuditQuery) {
      const { startIndex, count } = query;
      const resourceIds =
        query.user === undefined ? undefined : await userIdsOf(principal.tenantId, query.user);
      const base = deps.db
        .selectFrom("audit_events")
        .where("tenant_id", "=", principal.tenantId)
        .$if(resourceIds !== undefined, (qb) => qb.where("resource_id", "in", resourceIds ?? []))
        .$if(query.operation !== undefined, (qb) => qb.where("operation", "=", query.operation ?? ""));
      const { total } = await base
        .select((eb) => eb.fn.countAll<number>().as("total"))
        .executeTakeFirstOrThrow();
      const rows = await base
        .selectAll()
        .orderBy("at", "desc")
        .orderBy("seq", "desc")
        .limit(Math.min(count, deps.maxResults))
        .offset(startIndex - 1)
        .execute();
      const names = await namesOf(principal.tenantId, rows);
      const items: AuditEvent[] = rows.map((row) => {
        const name = names.get(row.resource_id);
        return {
          id: row.id,
          at: row.at,
          tokenId: row.token_id,
          operation: row.operation,
          resourceType: row.resource_type,
          resourceId: row.resource_id,
          ...(name === undefined ? {} : { resourceName: name }),
          changed: JSON.parse(row.changed) as string[],
        };
      });
      return { totalResults: Number(total), startIndex, items };
    },
  };
}

export type AuditLog = ReturnType<typeof auditLog>;
