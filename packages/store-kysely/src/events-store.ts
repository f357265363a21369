import type { EventPage, EventQuery, EventResourceType, EventsPort, StoredEvent } from "@scimkit/router";
import { sequencedEvents } from "@scimkit/router";
import type { ProvisioningEventType } from "@scimkit/types";
import { PostgresAdapter } from "kysely";
import { chunks } from "./database-errors.js";
import { eventFeed } from "./event-feed.js";
import { preparedQuery } from "./prepared-query.js";
import type { SqlContext } from "./sql-dialect.js";

/**
 * Takes `count` sequence numbers of a resource: the upsert raises its counter row and returns the
 * last number taken. On PostgreSQL the row stays locked until the transaction ends, so a second
 * append for the resource waits for the first to commit (then reads its number) or roll back (then
 * the numbers were never taken); SQLite runs one writer at a time anyway.
 */
const takeSequences = preparedQuery(["tenantId", "resourceType", "resourceId", "count"], (db, p) =>
  db
    .insertInto("event_sequences")
    .values({
      tenant_id: p.tenantId,
      resource_type: p.resourceType,
      resource_id: p.resourceId,
      last_sequence: p.count,
    })
    .onConflict((conflict) =>
      conflict.columns(["tenant_id", "resource_type", "resource_id"]).doUpdateSet((eb) => ({
        last_sequence: eb("event_sequences.last_sequence", "+", eb.ref("excluded.last_sequence")),
      })),
    )
    .returning("last_sequence"),
);

/** One event's insert, and the feed columns its cursor is made of (both dialects' `feed.order`). */
const insertOne = preparedQuery(
  ["tenant_id", "resource_type", "resource_id", "sequence", "type", "body", "created_at"],
  (db, p) =>
    db
      .insertInto("events")
      .values(p)
      // PostgreSQL's feed orders by the transaction's id first; SQLite has no such column.
      .returning(
        db.getExecutor().adapter instanceof PostgresAdapter
          ? (["sequence", "position", "transaction_id"] as const)
          : (["sequence", "position"] as const),
      ),
);

/** The provisioning event outbox in SQL (the `EventsPort` contract: store-ports.ts; the feed: event-feed.ts). */
export function sqlEventsStore(context: SqlContext): EventsPort {
  const { db, dialect } = context;
  const feed = eventFeed(dialect);

  /**
   * A page of the tenant's feed, or of every tenant's (`tenantId` undefined): one order and one
   * cursor form serve both (on PostgreSQL each has its index: `events_feed`, `events_feed_all`).
   */
  async function read(tenantId: string | undefined, query: EventQuery): Promise<EventPage> {
    const cursor = query.after ?? feed.start;
    const after = query.after === undefined ? undefined : feed.after(query.after);
    const { types } = query;
    if ((types !== undefined && types.length === 0) || query.limit <= 0) return { items: [], cursor };
    let select = db
      .selectFrom("events")
      .select(["tenant_id", "resource_type", "resource_id", "sequence", "type", "body", ...feed.order])
      .$if(tenantId !== undefined, (qb) => qb.where("tenant_id", "=", tenantId ?? ""))
      .$if(types !== undefined, (qb) => qb.where("type", "in", [...(types ?? [])]));
    if (after !== undefined) select = select.where(after);
    if (feed.visible !== undefined) select = select.where(feed.visible);
    for (const column of feed.order) select = select.orderBy(column);
    const rows = await select.limit(query.limit).execute();
    const items = rows.map(
      (row): StoredEvent => ({
        position: feed.cursorOf(row),
        tenantId: row.tenant_id,
        resourceType: row.resource_type as EventResourceType,
        resourceId: row.resource_id,
        sequence: Number(row.sequence),
        type: row.type as ProvisioningEventType,
        body: row.body,
      }),
    );
    return { items, cursor: items.at(-1)?.position ?? cursor };
  }

  return {
    async append(tenantId, resource, events) {
      if (events.length === 0) return [];
      const { rows } = await takeSequences.execute(context, {
        tenantId,
        resourceType: resource.type,
        resourceId: resource.id,
        count: events.length,
      });
      const last = Number(rows[0]?.last_sequence);
      const numbered = sequencedEvents(tenantId, resource, events, last - events.length);
      // One statement per chunk: a 50,000-member change is 50,000 events, beyond one statement's parameters.
      const inserted = [];
      const values = numbered.map((event, index) => ({
        tenant_id: tenantId,
        resource_type: event.resourceType,
        resource_id: event.resourceId,
        sequence: event.sequence,
        type: event.type,
        body: event.body,
        // The event's own instant, which pruning compares (migration 0010).
        created_at: events[index]?.timestamp ?? "",
      }));
      for (const chunk of chunks(values)) {
        const [only] = chunk;
        // Most writes append one event: its statement is prepared (a Kysely build costs more than the insert).
        const rows =
          chunk.length === 1 && only !== undefined
            ? (await insertOne.execute(context, only)).rows
            : await db
                .insertInto("events")
                .values(chunk)
                .returning(["sequence", ...feed.order])
                .execute();
        inserted.push(...rows);
      }
      // Matched by sequence number, which RETURNING's row order need not follow.
      const cursors = new Map(inserted.map((row) => [Number(row.sequence), feed.cursorOf(row)]));
      return numbered.map(
        (event): StoredEvent => ({ position: cursors.get(event.sequence) ?? "", ...event }),
      );
    },

    page: (tenantId, query) => read(tenantId, query),

    async head(tenantId) {
      let select = db
        .selectFrom("events")
        .select(feed.order)
        .$if(tenantId !== undefined, (qb) => qb.where("tenant_id", "=", tenantId ?? ""));
      if (feed.visible !== undefined) select = select.where(feed.visible);
      for (const column of feed.order) select = select.orderBy(column, "desc");
      const row = await select.limit(1).executeTakeFirst();
      return row === undefined ? feed.start : feed.cursorOf(row);
    },

    feed: (query) => read(undefined, query),
  };
}
