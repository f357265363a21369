import type { WebhooksPort } from "@scimkit/router";
import { sql } from "kysely";
import { chunks } from "./database-errors.js";
import { eventFeed } from "./event-feed.js";
import type { SqlContext } from "./sql-dialect.js";
import { atomically, leaseFree, sqlWebhookClaims } from "./webhook-claims.js";
import { deliveryRowToRecord, endpointColumns, endpointRowToRecord } from "./webhook-rows.js";
import { pruneWebhooks } from "./webhooks-prune.js";

/**
 * Webhook endpoints, deliveries, consumers and server keys in SQL (the `WebhooksPort` contract:
 * webhooks-port.ts); the worker's claims and leases are webhook-claims.ts.
 */
export function sqlWebhooksStore(context: SqlContext): WebhooksPort {
  const { db, dialect } = context;
  const feed = eventFeed(dialect);
  const endpoints = () => db.selectFrom("webhook_endpoints").selectAll();

  return {
    async createEndpoint(endpoint) {
      feed.rowOf(endpoint.cursor);
      await db
        .insertInto("webhook_endpoints")
        .values({
          ...endpointColumns(endpoint),
          id: endpoint.id,
          tenant_id: endpoint.tenantId,
          url: endpoint.url,
          secrets: JSON.stringify(endpoint.secrets),
          enabled: endpoint.enabled ? 1 : 0,
          created_at: endpoint.createdAt,
          updated_at: endpoint.updatedAt,
          cursor: endpoint.cursor,
        })
        .execute();
    },

    async getEndpoint(tenantId, id) {
      const row = await endpoints().where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
      return row === undefined ? undefined : endpointRowToRecord(row);
    },

    async listEndpoints(tenantId) {
      const rows = await endpoints()
        .where("tenant_id", "=", tenantId)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(endpointRowToRecord);
    },

    updateEndpoint: (tenantId, id, changes) =>
      atomically(context, async ({ db }) => {
        const before = await db
          .selectFrom("webhook_endpoints")
          .select("enabled")
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .$if(dialect.locksRows, (qb) => qb.forUpdate())
          .executeTakeFirst();
        if (before === undefined) return undefined;
        const row = await db
          .updateTable("webhook_endpoints")
          .set(endpointColumns(changes))
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .returningAll()
          .executeTakeFirstOrThrow();
        if (changes.enabled === true && before.enabled === 0)
          // Enabled again: what it is owed is due now, in the order it was made (the claim's order).
          await db
            .updateTable("webhook_deliveries")
            .set((eb) => ({ next_attempt_at: eb.ref("created_at") }))
            .where("endpoint_id", "=", id)
            .where("state", "=", sql.lit("pending"))
            .execute();
        return endpointRowToRecord(row);
      }),

    removeEndpoint: (tenantId, id) =>
      atomically(context, async ({ db }) => {
        await db
          .deleteFrom("webhook_deliveries")
          .where("endpoint_id", "=", id)
          .where("tenant_id", "=", tenantId)
          .execute();
        const removed = await db
          .deleteFrom("webhook_endpoints")
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .executeTakeFirst();
        return removed.numDeletedRows > 0n;
      }),

    ...sqlWebhookClaims(context),

    async deliveries(tenantId, query) {
      const { endpointId, state } = query;
      const base = db
        .selectFrom("webhook_deliveries")
        .where("tenant_id", "=", tenantId)
        .$if(endpointId !== undefined, (qb) => qb.where("endpoint_id", "=", endpointId ?? ""))
        .$if(state !== undefined, (qb) => qb.where("state", "=", state ?? ""));
      const { total } = await base
        .select((eb) => eb.fn.countAll<number>().as("total"))
        .executeTakeFirstOrThrow();
      const rows = await base
        .selectAll()
        .orderBy("created_at", "desc")
        .orderBy("event_row", "desc")
        .orderBy("id", "desc")
        .limit(Math.max(query.count, 0))
        .offset(Math.max(query.startIndex, 1) - 1)
        .execute();
      return { total: Number(total), items: rows.map(deliveryRowToRecord) };
    },

    async resend(tenantId, endpointId, deliveryIds, at) {
      let count = 0;
      for (const ids of chunks([...new Set(deliveryIds)])) {
        const result = await db
          .updateTable("webhook_deliveries")
          .set({ state: "pending", next_attempt_at: at })
          .where("tenant_id", "=", tenantId)
          .where("endpoint_id", "=", endpointId)
          .where("id", "in", ids)
          // A delivery whose event was pruned has nothing left to send.
          .where(({ exists, selectFrom }) =>
            exists(
              selectFrom("events")
                .select(sql.lit(1).as("one"))
                .whereRef("events.position", "=", "webhook_deliveries.event_row"),
            ),
          )
          .executeTakeFirst();
        count += Number(result.numUpdatedRows);
      }
      return count;
    },

    async claimConsumer(name, start, owner, now, leaseUntil) {
      feed.rowOf(start);
      await db
        .insertInto("event_consumers")
        .values({ name, cursor: start, lease_owner: null, lease_until: null })
        .onConflict((conflict) => conflict.column("name").doNothing())
        .execute();
      const row = await db
        .updateTable("event_consumers")
        .set({ lease_owner: owner, lease_until: leaseUntil })
        .where("name", "=", name)
        .where((eb) =>
          eb.or([eb("lease_owner", "=", owner), leaseFree("lease_owner", "lease_until", now)(eb)]),
        )
        .returning(["name", "cursor"])
        .executeTakeFirst();
      return row === undefined ? undefined : { name: row.name, cursor: row.cursor };
    },

    async advanceConsumer(name, owner, cursor, leaseUntil) {
      feed.rowOf(cursor);
      const result = await db
        .updateTable("event_consumers")
        .set({ cursor, lease_until: leaseUntil })
        .where("name", "=", name)
        .where("lease_owner", "=", owner)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    prune: (before) => atomically(context, (inner) => pruneWebhooks(inner, before)),

    async serverKey(name, generate) {
      const stored = () =>
        db.selectFrom("server_keys").select("value").where("name", "=", name).executeTakeFirst();
      const known = await stored();
      if (known !== undefined) return known.value;
      // Instances racing on a first start: the first insert wins, the others' do nothing and read it.
      await db
        .insertInto("server_keys")
        .values({ name, value: generate() })
        .onConflict((conflict) => conflict.column("name").doNothing())
        .execute();
      const first = await stored();
      if (first === undefined) throw new Error(`The server key ${name} was not stored.`);
      return first.value;
    },
  };
}
