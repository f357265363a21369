import type { EventResourceType, EventsPort, StoredEvent } from "@scimkit/router";
import { sequencedEvents } from "@scimkit/router";
import type { ProvisioningEventType } from "@scimkit/types";
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

/** The provisioning event outbox in SQL (the `EventsPort` contract: store-ports.ts; the feed: event-feed.ts). */
export function sqlEventsStore(context: SqlContext): EventsPort {
  const { db, dialect } = context;
  const feed = eventFeed(dialect);
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
      for (const chunk of chunks(numbered)) {
        const rows = await db
          .insertInto("events")
          .values(
            chunk.map((event) => ({
              tenant_id: tenantId,
              resource_type: event.resourceType,
              resource_id: event.resourceId,
              sequence: event.sequence,
              type: event.type,
              body: event.body,
            })),
          )
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

    async page(tenantId, query) {
      const cursor = query.after ?? feed.start;
      const after = query.after === undefined ? undefined : feed.after(query.after);
      const { types } = query;
      if ((types !== undefined && types.length === 0) || query.limit <= 0) return { items: [], cursor };
      let select = db
        .selectFrom("events")
        .select(["resource_type", "resource_id", "sequence", "type", "body", ...feed.order])
        .where("tenant_id", "=", tenantId)
        .$if(types !== undefined, (qb) => qb.where("type", "in", [...(types ?? [])]));
      if (after !== undefined) select = select.where(after);
      if (feed.visible !== undefined) select = select.where(feed.visible);
      for (const column of feed.order) select = select.orderBy(column);
      const rows = await select.limit(query.limit).execute();
      const items = rows.map(
        (row): StoredEvent => ({
          position: feed.cursorOf(row),
          tenantId,
          resourceType: row.resource_type as EventResourceType,
          resourceId: row.resource_id,
          sequence: Number(row.sequence),
          type: row.type as ProvisioningEventType,
          body: row.body,
        }),
      );
      return { items, cursor: items.at(-1)?.position ?? cursor };
    },
  };
}
