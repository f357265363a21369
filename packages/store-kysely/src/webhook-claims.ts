import type { ClaimedDelivery, WebhooksPort } from "@scimkit/router";
import { type ExpressionBuilder, sql } from "kysely";
import type { Database } from "./database.js";
import { chunks } from "./database-errors.js";
import { eventFeed } from "./event-feed.js";
import type { SqlContext } from "./sql-dialect.js";
import { deliveryRecordToRow, deliveryRowToRecord, endpointRowToRecord } from "./webhook-rows.js";

/** `pending` as a literal, so SQLite plans a query with the partial indexes over pending deliveries. */
const PENDING = sql.lit("pending");

/** A lease free at `now`: nobody holds it, or it ran out (`until` ≤ `now`). */
export const leaseFree =
  (owner: "lease_owner" | "fan_out_owner", until: "lease_until" | "fan_out_until", now: string) =>
  (eb: ExpressionBuilder<Database, "webhook_deliveries" | "webhook_endpoints" | "event_consumers">) =>
    eb.or([eb(eb.ref(owner), "is", null), eb(eb.ref(until), "<=", now)]);

/** Runs `work` in the context's transaction, or in a transaction of its own outside one. */
export function atomically<T>(context: SqlContext, work: (context: SqlContext) => Promise<T>): Promise<T> {
  if (context.db.isTransaction) return work(context);
  return context.db.transaction().execute((trx) => work({ db: trx, dialect: context.dialect }));
}

/** The worker's side of the webhooks port: what claims, leases and records attempts. */
type WebhookClaims = Pick<
  WebhooksPort,
  "claimFanOut" | "addDeliveries" | "claimDeliveries" | "recordAttempt" | "releaseLeases"
>;

/**
 * The worker's side of the webhooks port in SQL. Every claim is one `UPDATE … WHERE id IN
 * (SELECT … LIMIT n) RETURNING`: on PostgreSQL the inner select takes its rows `FOR UPDATE SKIP
 * LOCKED`, so instances claiming at once lock apart and each row, re-checked under its lock, is
 * leased by one of them; SQLite runs one writer at a time, and the one statement leaves no gap
 * between choosing and leasing.
 */
export function sqlWebhookClaims(context: SqlContext): WebhookClaims {
  const { db, dialect } = context;
  const feed = eventFeed(dialect);
  const endpoints = () => db.selectFrom("webhook_endpoints").selectAll();

  return {
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
        // The order of the pending `webhook_deliveries_due` index: the plan walks it and stops at `limit`.
        .orderBy("d.next_attempt_at")
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
        .orderBy("d.next_attempt_at")
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
  };
}
