import { ScimError } from "@scimkit/core";
import type { HandlerGroup, JsonObject } from "@scimkit/router";
import type { AppApiService } from "./app-api.service.js";
import type { AuditLog } from "./audit-log.js";

type AppOperation = "appLogin" | "listTeam" | "updateTeamMember" | "createLocalUser" | "listAuditEvents";

function text(body: JsonObject, key: string, required: boolean): string | undefined {
  const value = body[key];
  if (value === undefined && !required) return undefined;
  if (typeof value !== "string") throw ScimError.invalidValue(`"${key}" must be a string.`);
  return value;
}

const DEFAULT_PAGE = 100;

/** The app-side `/api` (admin-scoped token): login, team list, roles, local users, audit log. */
export function appApiHandlers(service: AppApiService, audit: AuditLog): HandlerGroup<AppOperation> {
  return {
    appLogin: async ({ body }, { principal }) => ({
      status: 200,
      body: await service.login(principal, text(body, "email", true) ?? "", text(body, "name", false)),
    }),
    listTeam: async ({ query }, { principal }) => ({
      status: 200,
      body: await service.team(principal, {
        status: query.status ?? "active",
        // Only spaces is no search (the console trims what a person typed).
        ...(query.search === undefined || query.search.trim() === "" ? {} : { search: query.search }),
        startIndex: query.startIndex ?? 1,
        count: query.count ?? DEFAULT_PAGE,
      }),
    }),
    updateTeamMember: async ({ path, body }, { principal }) => ({
      status: 200,
      body: await service.setRole(principal, path.id, text(body, "role", true) ?? ""),
    }),
    createLocalUser: async ({ body }, { principal }) => ({
      status: 201,
      body: await service.createLocal(principal, text(body, "email", true) ?? "", text(body, "name", false)),
    }),
    listAuditEvents: async ({ query }, { principal }) => ({
      status: 200,
      body: await audit.page(principal, {
        ...(query.user === undefined ? {} : { user: query.user }),
        ...(query.operation === undefined ? {} : { operation: query.operation }),
        startIndex: query.startIndex ?? 1,
        count: query.count ?? DEFAULT_PAGE,
      }),
    }),
  };
}
