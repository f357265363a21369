import { ScimError } from "@scimkit/core";
import {
  createToken,
  type Principal,
  recordChange,
  type ServiceDeps,
  type Tenant as StoredTenant,
  type TenantSettings,
} from "@scimkit/router";
import type { components } from "@scimkit/types";
import { listTokens, revokeToken, type TokenSummary } from "../auth/tokens.service.js";

type Tenant = components["schemas"]["Tenant"];
type TokenInfo = components["schemas"]["TokenInfo"];
type NewToken = components["schemas"]["NewToken"];
type TenantSettingsBody = components["schemas"]["TenantSettings"];

function toTenant(tenant: StoredTenant, scimEndpoint: string): Tenant {
  return { id: tenant.id, name: tenant.name, scimEndpoint, settings: { ...tenant.settings } };
}

function toTokenInfo(token: TokenSummary, principal: Principal): TokenInfo {
  return {
    id: token.id,
    scope: token.scope,
    name: token.name,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
    current: token.id === principal.actor,
  };
}

/** The settings a body changes: only those it names. */
function settingsOf(body: TenantSettingsBody): Partial<TenantSettings> {
  const { provisioning, jit, groups, deleteMode } = body;
  return {
    ...(provisioning === undefined ? {} : { provisioning }),
    ...(jit === undefined ? {} : { jit }),
    ...(groups === undefined ? {} : { groups }),
    ...(deleteMode === undefined ? {} : { deleteMode }),
  };
}

/** The console's administration of its own tenant: settings and tokens. A token never reaches another tenant. */
export function adminService(deps: ServiceDeps) {
  const { read } = deps.store;
  async function tenantOf(principal: Principal): Promise<StoredTenant> {
    const row = await read.tenants.get(principal.tenantId);
    // The token was just authenticated against this tenant; only a concurrent removal gets here.
    if (row === undefined) throw ScimError.unauthorized("This token's tenant no longer exists.");
    return row;
  }

  async function tokenOf(principal: Principal, id: string): Promise<TokenSummary> {
    const token = (await listTokens(read, principal.tenantId)).find((candidate) => candidate.id === id);
    if (token === undefined) throw ScimError.notFound("Token", id);
    return token;
  }

  async function issue(principal: Principal, scope: TokenInfo["scope"], name?: string): Promise<NewToken> {
    const created = await createToken(read, deps, principal.tenantId, scope, name);
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
      // The settings and their `tenant.settings_updated` event commit together.
      const row = await deps.store.transaction(async (unit) => {
        const before = await unit.tenants.get(principal.tenantId);
        const after = await unit.tenants.updateSettings(principal.tenantId, settingsOf(body));
        if (before === undefined || after === undefined) return undefined;
        await recordChange({ unit, deps, principal }, "settings", {
          resourceType: "Tenant",
          tenantId: principal.tenantId,
          before: { ...before.settings },
          after: { ...after.settings },
        });
        return after;
      });
      if (row === undefined) throw ScimError.unauthorized("This token's tenant no longer exists.");
      return toTenant(row, scimEndpoint);
    },

    async tokens(principal: Principal): Promise<TokenInfo[]> {
      return (await listTokens(read, principal.tenantId)).map((token) => toTokenInfo(token, principal));
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
      if (id === principal.actor)
        throw ScimError.conflict(
          "You are signed in with this token. Sign in with another admin token to revoke it.",
        );
      await tokenOf(principal, id);
      await revokeToken(read, deps, id, principal.tenantId);
    },
  };
}

export type AdminService = ReturnType<typeof adminService>;
