import { type Expression, type SqlBool, sql } from "kysely";
import { eventFeed } from "./event-feed.js";
import type { SqlContext } from "./sql-dialect.js";

/**
 * `WebhooksPort.prune` in SQL, in one transaction: deletes the finished deliveries created before
 * `before`, then the events created before it that no endpoint of their tenant (enabled or not),
 * no consumer and no pending delivery still owes; how many events went.
 *
 * An event is owed while it is after a cursor. Cursors are compared in the feed's order through
 * event-feed.ts (`upTo`), which parses each cursor in code and binds its parts as values: on
 * PostgreSQL a cursor is "transaction id.position" and only the pair compares in feed order (as
 * text, "10.1" would sort before "9.1"), so no cursor text is parsed or compared in SQL. Being
 * behind every cursor is one `upTo` per cursor; endpoints count for their own tenant only, so the
 * events of each tenant with endpoints are deleted by a statement of their own (through the
 * tenant's feed index), and those of every tenant without one by one more statement.
 */
export async function pruneWebhooks(context: SqlContext, before: string): Promise<number> {
  const { db } = context;
  const feed = eventFeed(context.dialect);
  await db
    .deleteFrom("webhook_deliveries")
    .where("state", "in", ["delivered", "failed"])
    .where("created_at", "<", before)
    .execute();
  const endpoints = await db.selectFrom("webhook_endpoints").select(["tenant_id", "cursor"]).execute();
  const consumers = await db.selectFrom("event_consumers").select("cursor").execute();
  const consumed = consumers.map((consumer) => feed.upTo(consumer.cursor));
  const byTenant = new Map<string, Expression<SqlBool>[]>();
  for (const { tenant_id, cursor } of endpoints)
    byTenant.set(tenant_id, [...(byTenant.get(tenant_id) ?? []), feed.upTo(cursor)]);

  /** Deletes the events before the cut, behind `passed`, of `scope`'s tenants, without a pending delivery. */
  async function deleteEvents(scope: Expression<SqlBool>, passed: readonly Expression<SqlBool>[]) {
    const behind = [...passed, ...consumed];
    const result = await db
      .deleteFrom("events")
      .where(scope)
      .where("events.created_at", "<", before)
      .$if(behind.length > 0, (qb) => qb.where((eb) => eb.and(behind)))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("webhook_deliveries")
              .select(sql.lit(1).as("one"))
              .whereRef("webhook_deliveries.event_row", "=", "events.position")
              .where("webhook_deliveries.state", "=", sql.lit("pending")),
          ),
        ),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  let pruned = await deleteEvents(
    sql<SqlBool>`tenant_id not in (select tenant_id from webhook_endpoints)`,
    [],
  );
  for (const [tenantId, passed] of byTenant)
    pruned += await deleteEvents(sql<SqlBool>`tenant_id = ${tenantId}`, passed);
  return pruned;
}
