import type { TenantSettings, TokenScope } from "@scimkit/router";

export type { TokenScope };

/** What a bearer token stands for: one tenant, through one token with one scope. */
export interface Principal {
  readonly tenantId: string;
  readonly tokenId: string;
  readonly scope: TokenScope;
  /** The tenant's provisioning settings, read with the token (one query per request). */
  readonly tenant: TenantSettingsView;
}

/** A tenant's settings as the request handlers need them. */
export type TenantSettingsView = Pick<TenantSettings, "jit" | "groups" | "deleteMode">;
