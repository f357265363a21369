import {
  type Clock,
  createToken,
  defaultTenantSettings,
  type Ids,
  type Store,
  type Tenant,
  type TokenScope,
} from "@scimkit/router";

/** What creating a tenant hands back: the tenant, and its first token in the clear, once. */
export interface CreatedTenant {
  readonly tenant: Tenant;
  readonly tokenId: string;
  readonly token: string;
  /** An admin token as well, for the console (when asked for): shown once too. */
  readonly adminToken?: string;
}

/**
 * Creates a tenant (provisioning on, groups on, JIT off, soft delete) and its first token — and,
 * with `withAdminToken`, an admin token for the console — in one transaction.
 */
export async function createTenantWithToken(
  store: Store,
  deps: Clock & Ids,
  name: string,
  scope: TokenScope = "scim",
  withAdminToken = false,
): Promise<CreatedTenant> {
  return store.transaction(async (unit) => {
    const tenant: Tenant = {
      id: deps.newId(),
      name,
      createdAt: deps.now().toISOString(),
      settings: defaultTenantSettings,
    };
    await unit.tenants.create(tenant);
    const created = await createToken(unit, deps, tenant.id, scope, "Made with the tenant");
    const admin = withAdminToken
      ? await createToken(unit, deps, tenant.id, "admin", "Made with the tenant")
      : undefined;
    return {
      tenant,
      tokenId: created.id,
      token: created.token,
      ...(admin === undefined ? {} : { adminToken: admin.token }),
    };
  });
}
