import { type Kysely, PostgresAdapter, sql } from "kysely";

// What the admin console asks, as index lookups in a tenant of 100,000 users:
// 1. Team search by the start of a userName or of a display name, case-insensitively. The display
//    name gets a folded key column like user_name_key (SQLite's lower() folds ASCII letters only,
//    so "élo" would miss "Élodie"), written by the app with @scimkit/core's foldCase and filled
//    here with scim_fold (a SQL function on PostgreSQL, migration 0005; registered on each SQLite
//    connection). PostgreSQL compares the prefixes in the "C" collation (bytes, as SQLite does),
//    whatever the database's collation is, so the index on the same expression answers the range.
//    The userName unique index cannot serve: it leaves out soft-deleted users, whom the console
//    still shows.
// 2. The audit log of one user, or of one operation, newest first.
// SQLite gets planner statistics for the new indexes of the same shape as migration 0006's: a
// userName or a name prefix picks few users, a user has a few events, an operation many.
// biome-ignore lint/suspicious/noExplicitAny: the migration's own schema, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const collate = postgres ? sql.raw(' collate "C"') : sql.raw("");
  await sql`create index users_search_user_name on users (tenant_id, (user_name_key${collate}))`.execute(db);
  await db.schema.alterTable("users").addColumn("display_name_key", "text").execute();
  await sql`update users set display_name_key = scim_fold(display_name) where display_name is not null`.execute(
    db,
  );
  await sql`create index users_search_display_name on users (tenant_id, (display_name_key${collate}))`.execute(
    db,
  );
  await db.schema
    .createIndex("audit_events_resource")
    .on("audit_events")
    .columns(["tenant_id", "resource_id", "at", "seq"])
    .execute();
  await db.schema
    .createIndex("audit_events_operation")
    .on("audit_events")
    .columns(["tenant_id", "operation", "at", "seq"])
    .execute();
  if (postgres) return;
  const statistics: [string, string, string][] = [
    ["users", "users_search_user_name", "1000000 100000 2"],
    ["users", "users_search_display_name", "1000000 100000 3"],
    ["audit_events", "audit_events_resource", "10000000 1000000 10 1 1"],
    ["audit_events", "audit_events_operation", "10000000 1000000 200000 1 1"],
  ];
  for (const [table, index, stat] of statistics)
    await sql`insert into sqlite_stat1 (tbl, idx, stat) values (${table}, ${index}, ${stat})`.execute(db);
  await sql`analyze sqlite_schema`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    "users_search_user_name",
    "users_search_display_name",
    "audit_events_resource",
    "audit_events_operation",
  ]) {
    await db.schema.dropIndex(index).execute();
    if (!(db.getExecutor().adapter instanceof PostgresAdapter))
      await sql`delete from sqlite_stat1 where idx = ${index}`.execute(db);
  }
  await db.schema.alterTable("users").dropColumn("display_name_key").execute();
}
