import type { Kysely } from "kysely";

// The app as it was before SCIM: organizations and their users, with the app's own lifecycle
// columns. `signed_in_at` is when the user first signed in (it joined the organization); null
// while an invitation is open. `role` null is the organization's default role, member.
// biome-ignore lint/suspicious/noExplicitAny: the migration's own schema, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organizations")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createTable("users")
    .addColumn("org_id", "text", (col) => col.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("email", "text", (col) => col.notNull())
    .addColumn("first_name", "text")
    .addColumn("last_name", "text")
    .addColumn("role", "text")
    .addColumn("is_active", "integer", (col) => col.notNull().defaultTo(1))
    .addColumn("invited_at", "text")
    .addColumn("signed_in_at", "text")
    .addColumn("deleted_at", "text")
    .addPrimaryKeyConstraint("users_pk", ["org_id", "id"])
    .execute();
  await db.schema.createIndex("users_org_email").on("users").columns(["org_id", "email"]).unique().execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("users").execute();
  await db.schema.dropTable("organizations").execute();
}
