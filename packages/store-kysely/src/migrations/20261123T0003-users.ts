import { type Kysely, sql } from "kysely";

// Users (columns for what IdPs query, a JSON document for the rest), their emails as rows so
// `emails.value eq` is an index seek, and the audit log.
// biome-ignore lint/suspicious/noExplicitAny: the migration's own schema, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("external_id", "text")
    .addColumn("user_name", "text", (col) => col.notNull())
    .addColumn("user_name_key", "text", (col) => col.notNull())
    .addColumn("display_name", "text")
    .addColumn("active", "integer", (col) => col.notNull().defaultTo(1))
    .addColumn("user_type", "text")
    .addColumn("status", "text", (col) =>
      col.notNull().check(sql`status in ('pending', 'active', 'deactivated', 'deleted')`),
    )
    .addColumn("source", "text", (col) => col.notNull().check(sql`source in ('scim', 'jit', 'local')`))
    .addColumn("joined_at", "text")
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .addColumn("version", "text", (col) => col.notNull())
    .addColumn("document", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("users_pk", ["tenant_id", "id"])
    .execute();
  // userName is unique per tenant, case-insensitively, among users that are not deleted:
  // a soft-deleted user keeps its row while the same userName can be provisioned again.
  await sql`create unique index users_user_name_key on users (tenant_id, user_name_key) where status <> 'deleted'`.execute(
    db,
  );
  await db.schema
    .createIndex("users_external_id")
    .on("users")
    .columns(["tenant_id", "external_id"])
    .execute();
  await db.schema
    .createIndex("users_status")
    .on("users")
    .columns(["tenant_id", "status", "created_at", "id"])
    .execute();
  await db.schema
    .createIndex("users_created")
    .on("users")
    .columns(["tenant_id", "created_at", "id"])
    .execute();

  await db.schema
    .createTable("user_emails")
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("user_id", "text", (col) => col.notNull())
    .addColumn("position", "integer", (col) => col.notNull())
    .addColumn("value_key", "text")
    .addColumn("type_key", "text")
    .addColumn("is_primary", "integer")
    .addPrimaryKeyConstraint("user_emails_pk", ["tenant_id", "user_id", "position"])
    .addForeignKeyConstraint(
      "user_emails_user",
      ["tenant_id", "user_id"],
      "users",
      ["tenant_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("user_emails_value")
    .on("user_emails")
    .columns(["tenant_id", "value_key"])
    .execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("at", "text", (col) => col.notNull())
    .addColumn("token_id", "text")
    .addColumn("operation", "text", (col) => col.notNull())
    .addColumn("resource_type", "text", (col) => col.notNull())
    .addColumn("resource_id", "text", (col) => col.notNull())
    .addColumn("changed", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("audit_events_tenant_at")
    .on("audit_events")
    .columns(["tenant_id", "at", "id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_events").execute();
  await db.schema.dropTable("user_emails").execute();
  await db.schema.dropTable("users").execute();
}
