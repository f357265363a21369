import { type Kysely, PostgresAdapter, sql } from "kysely";

// The console searches display names by prefix, case-insensitively. Migration 0007 indexed
// lower(display_name), but SQLite's lower() folds ASCII letters only, so "élo" missed "Élodie".
// The folded name is now a key column like user_name_key, written by the app with the same
// Unicode folding (@scimkit/core foldCase; scim_fold in SQL), and the search index is on it.
// biome-ignore lint/suspicious/noExplicitAny: the migration's own schema, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable("users").addColumn("display_name_key", "text").execute();
  // scim_fold: a SQL function on PostgreSQL (migration 0005), registered on each SQLite connection.
  await sql`update users set display_name_key = scim_fold(display_name) where display_name is not null`.execute(
    db,
  );
  await db.schema.dropIndex("users_search_display_name").execute();
  const collate = postgres ? sql.raw(' collate "C"') : sql.raw("");
  await sql`create index users_search_display_name on users (tenant_id, (display_name_key${collate}))`.execute(
    db,
  );
  if (postgres) return;
  await sql`delete from sqlite_stat1 where idx = 'users_search_display_name'`.execute(db);
  await sql`insert into sqlite_stat1 (tbl, idx, stat) values ('users', 'users_search_display_name', '1000000 100000 3')`.execute(
    db,
  );
  await sql`analyze sqlite_schema`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.dropIndex("users_search_display_name").execute();
  const collate = postgres ? sql.raw(' collate "C"') : sql.raw("");
  await sql`create index users_search_display_name on users (tenant_id, (lower(display_name)${collate}))`.execute(
    db,
  );
  await db.schema.alterTable("users").dropColumn("display_name_key").execute();
}
