import { type Kysely, PostgresAdapter, sql } from "kysely";

// scim_fold(text): Unicode case folding for caseExact: false values kept in the JSON document,
// matching @scimkit/core's foldCase (NFC, then lower case). PostgreSQL gets it as a SQL function
// (ICU's root locale, so folding does not depend on the cluster's locale); SQLite registers a
// JavaScript function on each connection instead (database.ts), so there is nothing to do there.
// biome-ignore lint/suspicious/noExplicitAny: the migration's own schema, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create or replace function scim_fold(value text) returns text language sql immutable parallel safe
    as $$ select lower(normalize(value, NFC) collate "und-x-icu") $$`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`drop function if exists scim_fold(text)`.execute(db);
}
