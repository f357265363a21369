import type { Kysely } from "kysely";

// Per-tenant provisioning settings (JIT, groups, delete policy) and token last use.
// biome-ignore lint/suspicious/noExplicitAny: the migration's own schema, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("tenants")
    .addColumn("jit", "integer", (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("tenants")
    .addColumn("groups", "integer", (col) => col.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable("tenants")
    .addColumn("delete_mode", "text", (col) => col.notNull().defaultTo("soft"))
    .execute();
  await db.schema.alterTable("tokens").addColumn("last_used_at", "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("tokens").dropColumn("last_used_at").execute();
  await db.schema.alterTable("tenants").dropColumn("delete_mode").execute();
  await db.schema.alterTable("tenants").dropColumn("groups").execute();
  await db.schema.alterTable("tenants").dropColumn("jit").execute();
}
