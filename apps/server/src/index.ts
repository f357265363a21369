/** @scimkit/server — the reference server's building blocks, for tests and embedding apps. */
export { type AppDeps, createApp, SCIM_BASE_PATH } from "./app.js";
export { type Config, loadConfig } from "./config.js";
export { type Database, openDatabase, parseDatabaseUrl } from "./db/database.js";
export { migrateToLatest } from "./db/migrate.js";
export { referenceGroupMapping, referenceUserMapping } from "./db/reference-mappings.js";
export type { SqlDatabase, SqlDialect } from "./db/sql-dialect.js";
export { createSqlStore } from "./db/sql-store.js";
export type { Handler, HandlerResult, Handlers } from "./http/route-types.js";
export { type OpenStore, openStore } from "./open-store.js";
export { type CreatedTenant, createTenantWithToken } from "./tenants/tenants.service.js";
