import { adoptableMigrations, type UsersTableRef } from "@scimkit/store-kysely";
import { type Kysely, type Migration, type MigrationResultSet, Migrator } from "kysely";
import * as organizationsAndUsers from "./migrations/20270104T0900-organizations-and-users.js";
import * as adoptScim from "./migrations/20270301T1100-adopt-scim.js";
import * as sessions from "./migrations/20270401T0900-sessions.js";

/** The app's users table, as scimkit's adopted tables reference it. */
export const appUsersTable: UsersTableRef = { table: "users", tenantColumn: "org_id", idColumn: "id" };

/**
 * The app's migrations and the ones it adopts from @scimkit/store-kysely (tenants, tokens,
 * groups, memberships, audit), in one Migrator's order: the app's own schema first, scimkit's
 * tables once the users table exists (their names start with 20270301T1000), then the app's
 * columns for SCIM (which fold emails with scim_fold, created on PostgreSQL by the adopted ones).
 */
export const appMigrations: Readonly<Record<string, Migration>> = {
  "20270104T0900-organizations-and-users": organizationsAndUsers,
  ...adoptableMigrations({
    prefix: "20270301T1000",
    users: appUsersTable,
    tenantsOf: { table: "organizations", idColumn: "id" },
  }),
  "20270301T1100-adopt-scim": adoptScim,
  "20270401T0900-sessions": sessions,
};

/** Applies every pending migration of the app; throws when one fails. */
export async function migrateExistingApp<Tables>(db: Kysely<Tables>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...appMigrations }) } });
  const result = await migrator.migrateToLatest();
  if (result.error !== undefined) throw result.error;
  return result;
}
