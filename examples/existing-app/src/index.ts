/**
 * An app that adopts scimkit over its own tables: its `users` table behind scimkit's users port
 * (a ResourceMapping, a lifecycle read from its own columns, filters compiled to SQL), scimkit's
 * tables for tenants, tokens, groups and the audit log beside it, and the app's own sign-in and
 * team list on the same rows.
 */

export type { AppDatabase, OrganizationsTable, SessionsTable, UserRow, UsersTable } from "./app-tables.js";
export {
  createAppStore,
  type ExistingApp,
  type ExistingAppLocation,
  type ExistingAppOptions,
  openExistingApp,
  type SignedIn,
  type TeamMember,
} from "./existing-app.js";
export { appMigrations, appUsersTable, migrateExistingApp } from "./migrate.js";
export { sessionHooks } from "./session-events.js";
export { appMemberDisplay, appUserMapping, appUsersFilterTarget } from "./user-mapping.js";
export { scimToUserRow, type UserColumns, userRowToScim } from "./user-rows.js";
export { statusOfRow, statusSql } from "./user-status.js";
export { type AppUsersOptions, appUsersPort } from "./users-port.js";
