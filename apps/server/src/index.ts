/** @scimkit/server — the reference server's building blocks, for tests and embedding apps. */

export type { Handler, HandlerResult } from "@scimkit/router";
export { type AppDeps, type AppHandlers, type AppOperationId, createApp, SCIM_BASE_PATH } from "./app.js";
export { type Config, loadConfig } from "./config.js";
export { type OpenStore, openStore } from "./open-store.js";
export { type CreatedTenant, createTenantWithToken } from "./tenants/tenants.service.js";
