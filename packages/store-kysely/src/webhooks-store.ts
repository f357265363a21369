import type { ClaimedDelivery, WebhooksPort } from "@scimkit/router";
import { type ExpressionBuilder, sql } from "kysely";
import type { Database } from "./database.js";
import { chunks } from "./database-errors.js";
import { eventFeed } from "./event-feed.js";
import type { SqlContext } from "./sql-dialect.js";
import {
  deliveryRecordToRow,
  deliveryRowToRecord,
  endpointColumns,
  endpointRowToRecord,
} from "./webhook-rows.js";
import { pruneWebhooks } from "./webhooks-prune.js";

/** `pending` as a literal, so SQLite plans a query with the partial indexes over pending deliveries. */
const PENDING = sql.lit("pending");

/** A lease free at `now`: nobody holds it, or it ran out (`until` ≤ `now`). */
const leaseFree =
  (owner: "lease_owner" | "fan_out_owner", until: "lease_until" | "fan_out_until", now: string) =>
  (eb: ExpressionBuilder<Database, "webhook_deliveries" | "webhook_endpoints" | "event_consumers">) =>
    eb.or([eb(eb.ref(owner), "is", null), eb(eb.ref(until), "<=", now)]);

/** Runs `work` in the context's transaction, or in a transaction of its own outside one. */
function atomically<T>(context: SqlContext, work: (context: SqlContext) => Promise<T>): Promise<T> {
  if (context.db.isTransaction) return work(context);
  return context.db.transaction().execute((trx) => work({ db: trx, dialect: context.dialect }));
}

/**
 * Webhook endpoints, deliveries, consumers and server keys in SQL (the `WebhooksPort` contract:
 * webhooks-port.ts). Every claim is one `UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING`: on
 * PostgreSQL the inner select takes its rows `FOR UPDATE SKIP LOCKED`, so instances claiming at
 * once lock apart and each row re-checked under its lock is leased by one of them; SQLite runs
 * one writer at a time, and the one statement leaves no gap between choosing and leasing.
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

    async updateEndpoint(tenantId, id, changes) {
      const row = await db
        .updateTable("webhook_endpoints")
        .set(endpointColumns(changes))
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : endpointRowToRecord(row);
    },

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

    async claimFanOut(owner, now, leaseUntil, limit) {
      if (limit <= 0) return [];
      // The endpoint leased longest ago first (a released lease keeps its instant), so each gets its turn.
      const free = db
        .selectFrom("webhook_endpoints")
        .select("id")
        .where("enabled", "=", 1)
        .where(leaseFree("fan_out_owner", "fan_out_until", now))
        .orderBy(sql`coalesce(fan_out_until, '')`)
        .orderBy("created_at")
        .orderBy("id")
        .limit(limit)
        .$if(dialect.locksRows, (qb) => qb.forUpdate().skipLocked());
      const rows = await db
        .updateTable("webhook_endpoints")
        .set({ fan_out_owner: owner, fan_out_until: leaseUntil })
        .where("id", "in", free)
        .returningAll()
        .execute();
      return rows.map(endpointRowToRecord);
    },

    async addDeliveries(endpointId, owner, cursor, deliveries) {
      feed.rowOf(cursor);
      const eventRows = deliveries.map((delivery) => feed.rowOf(delivery.eventPosition));
      return atomically(context, async ({ db }) => {
        // The lease is checked and released by the write that moves the cursor, under its row lock.
        const moved = await db
          .updateTable("webhook_endpoints")
          .set({ cursor, fan_out_owner: null })
          .where("id", "=", endpointId)
          .where("fan_out_owner", "=", owner)
          .returning("tenant_id")
          .executeTakeFirst();
        if (moved === undefined) return false;
        const rows = deliveries.map((delivery, index) =>
          deliveryRecordToRow({ ...delivery, endpointId }, moved.tenant_id, eventRows[index] ?? 0),
        );
        for (const chunk of chunks(rows))
          await db
            .insertInto("webhook_deliveries")
            .values(chunk)
            .onConflict((conflict) => conflict.columns(["endpoint_id", "event_position"]).doNothing())
            .execute();
        return true;
      });
    },

    async claimDeliveries(owner, now, leaseUntil, limit) {
      if (limit <= 0) return [];
      const due = db
        .selectFrom("webhook_deliveries as d")
        .innerJoin("webhook_endpoints as e", "e.id", "d.endpoint_id")
        .select("d.id")
        .where("d.state", "=", PENDING)
        .where("d.next_attempt_at", "<=", now)
        .where((eb) => eb.or([eb("d.lease_owner", "is", null), eb("d.lease_until", "<=", now)]))
        .where("e.enabled", "=", 1)
        // Only the lowest pending sequence of its endpoint and resource: a pending event holds back the later ones.
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("webhook_deliveries as earlier")
                .select(sql.lit(1).as("one"))
                .where("earlier.state", "=", PENDING)
                .whereRef("earlier.endpoint_id", "=", "d.endpoint_id")
                .whereRef("earlier.resource_type", "=", "d.resource_type")
                .whereRef("earlier.resource_id", "=", "d.resource_id")
                .whereRef("earlier.sequence", "<", "d.sequence"),
            ),
          ),
        )
        .orderBy("d.created_at")
        .orderBy("d.event_row")
        .orderBy("d.id")
        .limit(limit)
        .$if(dialect.locksRows, (qb) => qb.forUpdate(["d"]).skipLocked());
      const leased = await db
        .updateTable("webhook_deliveries")
        .set({ lease_owner: owner, lease_until: leaseUntil })
        .where("id", "in", due)
        .returning("id")
        .execute();
      if (leased.length === 0) return [];
      const rows = await db
        .selectFrom("webhook_deliveries as d")
        .innerJoin("events", "events.position", "d.event_row")
        .selectAll("d")
        .select("events.body")
        .where(
          "d.id",
          "in",
          leased.map((row) => row.id),
        )
        .orderBy("d.created_at")
        .orderBy("d.event_row")
        .orderBy("d.id")
        .execute();
      const endpointIds = [...new Set(rows.map((row) => row.endpoint_id))];
      const owners = new Map(
        (await endpoints().where("id", "in", endpointIds).execute()).map((row) => [
          row.id,
          endpointRowToRecord(row),
        ]),
      );
      return rows.flatMap((row): ClaimedDelivery[] => {
        const endpoint = owners.get(row.endpoint_id);
        return endpoint === undefined
          ? []
          : [{ delivery: deliveryRowToRecord(row), body: row.body, endpoint }];
      });
    },

    async recordAttempt(deliveryId, owner, outcome) {
      const result = await db
        .updateTable("webhook_deliveries")
        .set((eb) => ({
          attempts: eb("attempts", "+", 1),
          last_attempt_at: outcome.at,
          last_status: outcome.status,
          last_latency_ms: outcome.latencyMs,
          lease_owner: null,
          lease_until: null,
          ...(outcome.kind === "delivered"
            ? { state: "delivered", next_attempt_at: null, last_error: null, delivered_at: outcome.at }
            : {
                state: outcome.kind === "retry" ? "pending" : "failed",
                next_attempt_at: outcome.kind === "retry" ? outcome.nextAttemptAt : null,
                last_error: outcome.error,
              }),
        }))
        .where("id", "=", deliveryId)
        .where("lease_owner", "=", owner)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async releaseLeases() {
      await db
        .updateTable("webhook_endpoints")
        .set({ fan_out_owner: null })
        .where("fan_out_owner", "is not", null)
        .execute();
      for (const table of ["webhook_deliveries", "event_consumers"] as const)
        await db
          .updateTable(table)
          .set({ lease_owner: null, lease_until: null })
          .where("lease_owner", "is not", null)
          .execute();
    },

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
