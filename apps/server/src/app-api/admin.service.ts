import { ScimError } from "@scimkit/core";
import type { components } from "@scimkit/types";
import type { Kysely } from "kysely";
import type { Principal } from "../auth/principal.js";
import { createToken, listTokens, revokeToken, type TokenSummary } from "../auth/tokens.service.js";
import type { Database } from "../db/database.js";
import { findTenant, type TenantSettings, updateTenantSettings } from "../tenants/tenants.service.js";
import type { TenantRow } from "../tenants/tenants.table.js";

type Tenant = components["schemas"]["Tenant"];
type TokenInfo = components["schemas"]["TokenInfo"];
type NewToken = components["schemas"]["NewToken"];
type TenantSettingsBody = components["schemas"]["TenantSettings"];

export interface AdminDeps {
  readonly db: Kysely<Database>;
  readonly now: () => Date;
  readonly newId: () => string;
}

function toTenant(row: TenantRow, scimEndpoint: string): Tenant {
  return {
    id: row.id,
    name: row.name,
    scimEndpoint,
    settings: {
      provisioning: row.provisioning === 1,
      jit: row.jit === 1,
      groups: row.groups === 1,
      deleteMode: row.delete_mode,
    },
  };
}

function toTokenInfo(token: TokenSummary, principal: Principal): TokenInfo {
  return {
    id: token.id,
    scope: token.scope,
    name: token.name,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
    current: token.id === principal.tokenId,
  };
}

/** The columns a settings body changes: only the settings it names (flags are stored as 1 / 0). */
function settingsColumns(body: TenantSettingsBody): TenantSettings {
  const { provisioning, jit, groups, deleteMode } = body;
  return {
    ...(provisioning === undefined ? {} : { provisioning: Number(provisioning) }),
    ...(jit === undefined ? {} : { jit: Number(jit) }),
    ...(groups === undefined ? {} : { groups: Number(groups) }),
    ...(deleteMode === undefined ? {} : { delete_mode: deleteMode }),
  };
}

/** The console's administration of its own tenant: settings and tokens. A token never reaches another tenant. */
export function adminService(deps: AdminDeps) {
  async function tenantOf(principal: Principal): Promise<TenantRow> {
    const row = await findTenant(deps.db, principal.tenantId);
    // The token was just authenticated against this tenant; only a concurrent removal gets here.
    if (row === undefined) throw ScimError.unauthorized("This token's tenant no longer exists.");
    return row;
  }

  async function tokenOf(principal: Principal, id: string): Promise<TokenSummary> {
    const token = (await listTokens(deps.db, principal.tenantId)).find((candidate) => candidate.id === id);
    if (token === undefined) throw ScimError.notFound("Token", id);
    return token;
  }

  async function issue(principal: Principal, scope: TokenInfo["scope"], name?: string): Promise<NewToken> {
    const created = await createToken(deps.db, deps, principal.tenantId, scope, name);
    const token = await tokenOf(principal, created.id);
    return { ...toTokenInfo(token, principal), secret: created.token };
  }

  return {
    async tenant(principal: Principal, scimEndpoint: string): Promise<Tenant> {
      return toTenant(await tenantOf(principal), scimEndpoint);
    },

    async updateSettings(
      principal: Principal,
      body: TenantSettingsBody,
      scimEndpoint: string,
    ): Promise<Tenant> {
      const row = await updateTenantSettings(deps.db, principal.tenantId, settingsColumns(body));
      if (row === undefined) throw ScimError.unauthorized("This token's tenant no longer exists.");
      return toTenant(row, scimEndpoint);
    },

    async tokens(principal: Principal): Promise<TokenInfo[]> {
      return (await listTokens(deps.db, principal.tenantId)).map((token) => toTokenInfo(token, principal));
    },

    createToken: (principal: Principal, request: { scope: TokenInfo["scope"]; name?: string }) =>
      issue(principal, request.scope, request.name),

    async rotateToken(principal: Principal, id: string): Promise<NewToken> {
      const old = await tokenOf(principal, id);
      if (old.revokedAt !== null)
        throw ScimError.conflict("This token is revoked; create a new token instead of rotating it.");
      return issue(principal, old.scope, old.name ?? undefined);
    },

    async revokeToken(principal: Principal, id: string): Promise<void> {
      if (id === principal.tokenId)
        throw ScimError.conflict(
          "You are signed in with this token. Sign in with another admin token to revoke it.",
        );
      await tokenOf(principal, id);
      await revokeToken(deps.db, deps, id, principal.tenantId);
    },
  };
}

export type AdminService = ReturnType<typeof adminService>;
