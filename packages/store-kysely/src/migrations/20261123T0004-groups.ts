import { type Kysely, sql } from "kysely";

// Groups, and memberships as rows (never a JSON array), so adding or removing one member of a
// 50,000-member group touches one row.
// biome-ignore lint/suspicious/noExplicitAny: the migration's own schema, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("groups")
    .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("external_id", "text")
    .addColumn("display_name", "text", (col) => col.notNull())
    .addColumn("display_name_key", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .addColumn("version", "text", (col) => col.notNull())
    .addColumn("document", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("groups_pk", ["tenant_id", "id"])
    .execute();
  await sql`create unique index groups_display_name_key on groups (tenant_id, display_name_key)`.execute(db);
  await db.schema
    .createIndex("groups_external_id")
    .on("groups")
    .columns(["tenant_id", "external_id"])
    .execute();
  await db.schema
    .createIndex("groups_created")
    .on("groups")
    .columns(["tenant_id", "created_at", "id"])
    .execute();

  await db.schema
    .createTable("group_members")
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("group_id", "text", (col) => col.notNull())
    .addColumn("member_id", "text", (col) => col.notNull())
    .addColumn("added_at", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("group_members_pk", ["tenant_id", "group_id", "member_id"])
    .addForeignKeyConstraint(
      "group_members_group",
      ["tenant_id", "group_id"],
      "groups",
      ["tenant_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .addForeignKeyConstraint(
      "group_members_user",
      ["tenant_id", "member_id"],
      "users",
      ["tenant_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();
  // A user's groups (the User `groups` attribute, `groups.value eq` filters, removal on user delete).
  await db.schema
    .createIndex("group_members_member")
    .on("group_members")
    .columns(["tenant_id", "member_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("group_members").execute();
  await db.schema.dropTable("groups").execute();
}
