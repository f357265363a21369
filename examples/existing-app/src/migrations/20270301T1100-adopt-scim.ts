import { ScimUrn } from "@scimkit/types";
import { type Kysely, PostgresAdapter, sql } from "kysely";

// What scimkit needs on the app's own users table (the mapping is src/user-mapping.ts):
// - external_id: the IdP's id of the user (RFC 7643 §3.1 externalId); IdPs look users up by it.
// - scim_version: meta.version, for If-Match and the port's optimistic update.
// - scim_attributes: JSON of every SCIM attribute the app has no column for (emails,
//   displayName, phoneNumbers, the enterprise extension, …), so all an IdP sends comes back and
//   filters. Existing users get their email as their primary work email.
// - email_key: the email case-folded (@scimkit/core foldCase). userName (= email) is caseExact
//   false, so lookups and uniqueness ignore case; SQLite's lower() and NOCASE fold ASCII only
//   ("ÉLODIE" ≠ "élodie"), and an index on scim_fold(email) would make the table unwritable from
//   any connection that lacks the function (the sqlite3 shell, a backup job). So it is a column.
// - source: how the user came to exist (scim, jit, local); the users before SCIM are local.
// - scim_status: the lifecycle status, only when the app's columns cannot tell it (null
//   otherwise, which is every state scimkit's services and the app produce; see user-status.ts).
// - created_at / updated_at: meta.created and meta.lastModified; the app had neither
//   (invited_at is null for users who were never invited, and nothing recorded changes).
// The app's unique email index compared exact case over every row; SCIM's uniqueness is per
// folded userName among users not deleted (a soft-deleted user frees its userName), so it is
// replaced. Indexes: userName lookups (unique, live users), externalId lookups, the console's
// prefix search and idsNamed over every user (deleted ones too), and the list order.
// biome-ignore lint/suspicious/noExplicitAny: the migration's own schema, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const users = db.schema.alterTable("users");
  await users.addColumn("external_id", "text").execute();
  await users.addColumn("scim_version", "text", (col) => col.notNull().defaultTo('W/"1"')).execute();
  await users.addColumn("scim_attributes", "text", (col) => col.notNull().defaultTo("{}")).execute();
  await users.addColumn("email_key", "text", (col) => col.notNull().defaultTo("")).execute();
  await users
    .addColumn("source", "text", (col) =>
      col.notNull().defaultTo("local").check(sql`source in ('scim', 'jit', 'local')`),
    )
    .execute();
  await users
    .addColumn("scim_status", "text", (col) =>
      col.check(sql`scim_status in ('pending', 'active', 'deactivated')`),
    )
    .execute();
  await users.addColumn("created_at", "text", (col) => col.notNull().defaultTo("")).execute();
  await users.addColumn("updated_at", "text", (col) => col.notNull().defaultTo("")).execute();

  const now = new Date().toISOString();
  const userUrn = ScimUrn.User;
  const attributes = postgres
    ? sql`jsonb_build_object('schemas', jsonb_build_array(${userUrn}::text), 'emails',
        jsonb_build_array(jsonb_build_object('value', email, 'type', 'work', 'primary', true)))::text`
    : sql`json_object('schemas', json_array(${userUrn}), 'emails',
        json_array(json_object('value', email, 'type', 'work', 'primary', json('true'))))`;
  await sql`update users set email_key = scim_fold(email), scim_attributes = ${attributes},
    created_at = coalesce(invited_at, signed_in_at, ${now}), updated_at = coalesce(invited_at, signed_in_at, ${now})`.execute(
    db,
  );

  await db.schema.dropIndex("users_org_email").execute();
  await sql`create unique index users_email_key on users (org_id, email_key) where deleted_at is null`.execute(
    db,
  );
  await db.schema.createIndex("users_external_id").on("users").columns(["org_id", "external_id"]).execute();
  // In the "C" collation on PostgreSQL, as the dialect's prefix range compares (json-sql.postgres.ts).
  const collate = postgres ? sql.raw(' collate "C"') : sql.raw("");
  await sql`create index users_search_email on users (org_id, (email_key${collate}))`.execute(db);
  await db.schema.createIndex("users_listing").on("users").columns(["org_id", "created_at", "id"]).execute();
  if (!postgres) await writeShapeStatistics(db);
}

/**
 * SQLite's planner statistics for the users table, from the shape of the data (as the store
 * package's migration 0006 writes them for its tables): an organization has many users; an id, an
 * email or an externalId picks one. Without them SQLite assumes `org_id = ?` picks ten rows and
 * answers `externalId eq` by walking the organization in list order (users_listing saves the
 * sort) instead of seeking users_external_id. PostgreSQL measures its own.
 */
// biome-ignore lint/suspicious/noExplicitAny: see up().
async function writeShapeStatistics(db: Kysely<any>): Promise<void> {
  const shapes: Record<string, string> = {
    users_email_key: "1000000 100000 1",
    users_external_id: "1000000 100000 1",
    users_search_email: "1000000 100000 2",
    users_listing: "1000000 100000 1 1",
  };
  // ANALYZE of the small organizations table creates sqlite_stat1 if the database has none yet.
  await sql`analyze organizations`.execute(db);
  await sql`delete from sqlite_stat1 where tbl = 'users'`.execute(db);
  const primaryKey = await sql<{
    name: string;
  }>`select name from pragma_index_list('users') where origin = 'pk'`.execute(db);
  for (const { name } of primaryKey.rows) shapes[name] = "1000000 100000 1";
  for (const [index, stat] of Object.entries(shapes))
    await sql`insert into sqlite_stat1 (tbl, idx, stat) values ('users', ${index}, ${stat})`.execute(db);
  // Loads the statistics into the planner now; later connections read them when they open.
  await sql`analyze sqlite_schema`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter))
    await sql`delete from sqlite_stat1 where tbl = 'users'`.execute(db);
  for (const index of ["users_listing", "users_search_email", "users_external_id", "users_email_key"])
    await db.schema.dropIndex(index).execute();
  await db.schema.createIndex("users_org_email").on("users").columns(["org_id", "email"]).unique().execute();
  for (const column of [
    "updated_at",
    "created_at",
    "scim_status",
    "source",
    "email_key",
    "scim_attributes",
    "scim_version",
    "external_id",
  ])
    await db.schema.alterTable("users").dropColumn(column).execute();
}
