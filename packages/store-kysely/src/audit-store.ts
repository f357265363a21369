import type { AuditEvent, AuditPort } from "@scimkit/router";
import { preparedQuery } from "./prepared-query.js";
import type { SqlContext } from "./sql-dialect.js";

const insertEvent = preparedQuery(
  ["id", "tenantId", "at", "tokenId", "operation", "resourceType", "resourceId", "changed"],
  (db, p) =>
    db.insertInto("audit_events").values({
      id: p.id,
      tenant_id: p.tenantId,
      at: p.at,
      token_id: p.tokenId,
      operation: p.operation,
      resource_type: p.resourceType,
      resource_id: p.resourceId,
      changed: p.changed,
    }),
);

/** The audit log in SQL: appended in the caller's transaction, read newest first. */
export function sqlAuditStore(context: SqlContext): AuditPort {
  return {
    async append(event) {
      await insertEvent.execute(context, { ...event, changed: JSON.stringify(event.changed) });
    },
    async page(tenantId, query) {
      const { resourceIds, operation } = query;
      const base = context.db
        .selectFrom("audit_events")
        .where("tenant_id", "=", tenantId)
        .$if(resourceIds !== undefined, (qb) => qb.where("resource_id", "in", [...(resourceIds ?? [])]))
        .$if(operation !== undefined, (qb) => qb.where("operation", "=", operation ?? ""));
      if (resourceIds !== undefined && resourceIds.length === 0) return { total: 0, items: [] };
      const { total } = await base
        .select((eb) => eb.fn.countAll<number>().as("total"))
        .executeTakeFirstOrThrow();
      const rows = await base
        .selectAll()
        .orderBy("at", "desc")
        .orderBy("seq", "desc")
        .limit(query.count)
        .offset(query.startIndex - 1)
        .execute();
      const items: AuditEvent[] = rows.map((row) => ({
        id: row.id,
        tenantId: row.tenant_id,
        at: row.at,
        tokenId: row.token_id,
        operation: row.operation,
        resourceType: row.resource_type === "Group" ? "Group" : "User",
        resourceId: row.resource_id,
        changed: JSON.parse(row.changed) as string[],
      }));
      return { total: Number(total), items };
    },
  };
}
