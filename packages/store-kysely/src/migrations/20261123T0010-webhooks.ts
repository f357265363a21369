import { type Kysely, PostgresAdapter, sql } from "kysely";

// Webhook delivery of provisioning events (webhooks-store.ts).
// 1. `events.created_at`: the event's `timestamp` as appended, so pruning picks old events
//    without reading their bodies. Rows appended before this migration get '' (older than any cut).
//    On PostgreSQL, `events_feed_all` orders every tenant's events as the feed of a host's
//    consumer reads them (transaction id, then position); SQLite's feed is its primary key.
// 2. `webhook_endpoints`: a tenant's endpoints with their cursor in its feed and the fan-out lease.
// 3. `webhook_deliveries`: one row per endpoint and event (unique), with `event_row`, the event's
//    `events.position`, for the claim's join. Partial indexes over the pending rows serve the claim
//    (due ones; the lowest pending sequence of an endpoint's resource) and pruning (which events
//    a pending delivery holds); the others, a tenant's or an endpoint's deliveries newest first.
// 4. `event_consumers` (a host's in-process consumers' cursors and leases) and `server_keys`
//    (keys a server generates once, e.g. the one that seals endpoint secrets): not a tenant's.
// Endpoints go with their tenant, deliveries with their endpoint.
// biome-ignore lint/suspicious/noExplicitAny: the migration's own schema, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable("events")
    .addColumn("created_at", "text", (col) => col.notNull().defaultTo(""))
    .execute();
  if (postgres)
    await db.schema
      .createIndex("events_feed_all")
      .on("events")
      .columns(["transaction_id", "position"])
      .execute();
  await db.schema
    .createTable("webhook_endpoints")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("url", "text", (col) => col.notNull())
    .addColumn("description", "text")
    // JSON arrays: the event types (null: every type) and the sealed secrets.
    .addColumn("event_types", "text")
    .addColumn("secrets", "text", (col) => col.notNull())
    .addColumn("enabled", "integer", (col) => col.notNull())
    .addColumn("disabled_reason", "text")
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .addColumn("cursor", "text", (col) => col.notNull())
    .addColumn("failing_since", "text")
    .addColumn("fan_out_owner", "text")
    .addColumn("fan_out_until", "text")
    .execute();
  await db.schema
    .createIndex("webhook_endpoints_tenant")
    .on("webhook_endpoints")
    .columns(["tenant_id", "created_at", "id"])
    .execute();
  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("endpoint_id", "text", (col) =>
      col.notNull().references("webhook_endpoints.id").onDelete("cascade"),
    )
    .addColumn("event_position", "text", (col) => col.notNull())
    .addColumn("event_row", postgres ? "bigint" : "integer", (col) => col.notNull())
    .addColumn("event_id", "text", (col) => col.notNull())
    .addColumn("event_type", "text", (col) => col.notNull())
    .addColumn("resource_type", "text", (col) => col.notNull())
    .addColumn("resource_id", "text", (col) => col.notNull())
    .addColumn("sequence", "integer", (col) => col.notNull())
    .addColumn("state", "text", (col) =>
      col.notNull().check(sql`state in ('pending', 'delivered', 'failed')`),
    )
    .addColumn("attempts", "integer", (col) => col.notNull())
    .addColumn("next_attempt_at", "text")
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("last_attempt_at", "text")
    .addColumn("last_status", "integer")
    .addColumn("last_latency_ms", "integer")
    .addColumn("last_error", "text")
    .addColumn("delivered_at", "text")
    .addColumn("lease_owner", "text")
    .addColumn("lease_until", "text")
    .execute();
  await db.schema
    .createIndex("webhook_deliveries_event")
    .unique()
    .on("webhook_deliveries")
    .columns(["endpoint_id", "event_position"])
    .execute();
  const pending = [
    ["webhook_deliveries_due", ["next_attempt_at", "event_row", "id"]],
    ["webhook_deliveries_resource", ["endpoint_id", "resource_type", "resource_id", "sequence"]],
    ["webhook_deliveries_pending_event", ["event_row"]],
  ] as const;
  for (const [name, columns] of pending)
    await db.schema
      .createIndex(name)
      .on("webhook_deliveries")
      .columns([...columns])
      .where(sql.ref("state"), "=", "pending")
      .execute();
  for (const [name, first] of [
    ["webhook_deliveries_tenant", "tenant_id"],
    ["webhook_deliveries_endpoint", "endpoint_id"],
  ] as const)
    await db.schema
      .createIndex(name)
      .on("webhook_deliveries")
      .columns([first, "created_at", "event_row", "id"])
      .execute();
  await db.schema
    .createTable("event_consumers")
    .addColumn("name", "text", (col) => col.primaryKey())
    .addColumn("cursor", "text", (col) => col.notNull())
    .addColumn("lease_owner", "text")
    .addColumn("lease_until", "text")
    .execute();
  await db.schema
    .createTable("server_keys")
    .addColumn("name", "text", (col) => col.primaryKey())
    .addColumn("value", "text", (col) => col.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("server_keys").execute();
  await db.schema.dropTable("event_consumers").execute();
  await db.schema.dropTable("webhook_deliveries").execute();
  await db.schema.dropTable("webhook_endpoints").execute();
  await db.schema.dropIndex("events_feed_all").ifExists().execute();
  await db.schema.alterTable("events").dropColumn("created_at").execute();
}
