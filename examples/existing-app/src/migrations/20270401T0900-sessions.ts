import type { Kysely } from "kysely";

// The app's sign-in sessions: one row per signed-in browser, ended (deleted) at sign-out, or when
// the IdP deactivates or deletes the user (src/session-events.ts). Looked up by user to end them all.
// biome-ignore lint/suspicious/noExplicitAny: the migration's own schema, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("org_id", "text", (col) => col.notNull())
    .addColumn("user_id", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addForeignKeyConstraint("sessions_user", ["org_id", "user_id"], "users", ["org_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").columns(["org_id", "user_id"]).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("sessions").execute();
}
