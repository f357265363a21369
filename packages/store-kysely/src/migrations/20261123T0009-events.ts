import { type Kysely, PostgresAdapter, sql } from "kysely";

// The provisioning event outbox: every write appends its events in its own transaction, and
// deliveries and the pull API page through a tenant's feed (events-store.ts).
// 1. `events` keeps each event's JSON text as written once (text, not jsonb, which would reorder
//    its members), keyed by an appending position that is never reused. The feed is read by
//    tenant from a cursor, so (tenant_id, position) is its index, and (tenant_id, type, position)
//    answers a feed of one type without reading the others. On PostgreSQL both put the appending
//    transaction's id before position, since the feed is ordered by it first.
// 2. `event_sequences` holds each resource's last sequence number: one row per resource, raised
//    by an upsert that locks it until the appending transaction ends.
// Both go with their tenant.
// biome-ignore lint/suspicious/noExplicitAny: the migration's own schema, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("events")
    .addColumn("position", postgres ? "bigint" : "integer", (col) =>
      postgres ? col.primaryKey().generatedAlwaysAsIdentity() : col.primaryKey().autoIncrement(),
    )
    // Every insert takes its transaction's id (PostgreSQL assigns it at the transaction's first write).
    .$call((table) =>
      postgres
        ? table.addColumn("transaction_id", sql`xid8`, (col) =>
            col.notNull().defaultTo(sql`pg_current_xact_id()`),
          )
        : table,
    )
    .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("resource_type", "text", (col) => col.notNull())
    .addColumn("resource_id", "text", (col) => col.notNull())
    .addColumn("sequence", "integer", (col) => col.notNull())
    .addColumn("type", "text", (col) => col.notNull())
    .addColumn("body", "text", (col) => col.notNull())
    .execute();
  const order = postgres ? ["transaction_id", "position"] : ["position"];
  await db.schema
    .createIndex("events_feed")
    .on("events")
    .columns(["tenant_id", ...order])
    .execute();
  await db.schema
    .createIndex("events_feed_type")
    .on("events")
    .columns(["tenant_id", "type", ...order])
    .execute();
  await db.schema
    .createTable("event_sequences")
    .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("resource_type", "text", (col) => col.notNull())
    .addColumn("resource_id", "text", (col) => col.notNull())
    .addColumn("last_sequence", "integer", (col) => col.notNull())
    .addPrimaryKeyConstraint("event_sequences_pk", ["tenant_id", "resource_type", "resource_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("event_sequences").execute();
  await db.schema.dropTable("events").execute();
}
