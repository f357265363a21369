import { ScimError } from "@scimkit/core";
import {
  deleteModes,
  type HandlerGroup,
  isOneOf,
  type JsonObject,
  type TokenScope,
  tokenScopes,
} from "@scimkit/router";
import type { components } from "@scimkit/types";
import type { AdminService } from "./admin.service.js";

type AdminOperation =
  | "getTenant"
  | "updateTenantSettings"
  | "listTokens"
  | "createToken"
  | "rotateToken"
  | "revokeToken";
type TenantSettings = components["schemas"]["TenantSettings"];

const FLAGS = ["provisioning", "jit", "groups"] as const;

/** A settings body as the spec declares it; anything else is a 400 naming what is wrong. */
export function parseSettings(body: JsonObject): TenantSettings {
  const settings: { -readonly [K in keyof TenantSettings]: TenantSettings[K] } = {};
  for (const [key, value] of Object.entries(body)) {
    if ((FLAGS as readonly string[]).includes(key)) {
      if (typeof value !== "boolean") throw ScimError.invalidValue(`"${key}" must be true or false.`);
      settings[key as (typeof FLAGS)[number]] = value;
    } else if (key === "deleteMode") {
      if (!isOneOf(deleteModes, value))
        throw ScimError.invalidValue(`"deleteMode" must be one of ${deleteModes.join(", ")}.`);
      settings.deleteMode = value;
    } else {
      throw ScimError.invalidValue(
        `Unknown setting ${JSON.stringify(key)}; the settings are provisioning, jit, groups and deleteMode.`,
      );
    }
  }
  return settings;
}

/** A token request: its scope, and an optional name of 1 to 100 characters (trimmed). */
function parseTokenRequest(body: JsonObject): { scope: TokenScope; name?: string } {
  const { scope, name } = body;
  if (!isOneOf(tokenScopes, scope))
    throw ScimError.invalidValue(
      '"scope" must be "scim" (for the IdP) or "admin" (for the console and /api).',
    );
  if (name === undefined) return { scope };
  const trimmed = typeof name === "string" ? name.trim() : "";
  if (trimmed === "" || trimmed.length > 100)
    throw ScimError.invalidValue('"name" must be text of 1 to 100 characters, e.g. "Okta production".');
  return { scope, name: trimmed };
}

/** The console's administration of its tenant: settings and tokens (admin-scoped token). */
export function adminHandlers(service: AdminService): HandlerGroup<AdminOperation> {
  return {
    getTenant: async (_request, { principal, scimBaseUrl }) => ({
      status: 200,
      body: await service.tenant(principal, scimBaseUrl),
    }),
    updateTenantSettings: async ({ body }, { principal, scimBaseUrl }) => ({
      status: 200,
      body: await service.updateSettings(principal, parseSettings(body), scimBaseUrl),
    }),
    listTokens: async (_request, { principal }) => ({
      status: 200,
      body: { items: await service.tokens(principal) },
    }),
    createToken: async ({ body }, { principal }) => ({
      status: 201,
      body: await service.createToken(principal, parseTokenRequest(body)),
    }),
    rotateToken: async ({ path }, { principal }) => ({
      status: 201,
      body: await service.rotateToken(principal, path.id),
    }),
    revokeToken: async ({ path }, { principal }) => {
      await service.revokeToken(principal, path.id);
      return { status: 204 };
    },
  };
}
