import type { Kysely } from "kysely";

// A token's name says what it is for ("Okta production", "console: Ada"), so an admin with several
// tokens knows which to rotate or revoke. Tokens made before have none.
// biome-ignore lint/suspicious/noExplicitAny: the migration's own schema, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("tokens").addColumn("name", "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("tokens").dropColumn("name").execute();
}
