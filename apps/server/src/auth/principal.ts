/** What a bearer token stands for: one tenant, through one token with one scope. */
export interface Principal {
  readonly tenantId: string;
  readonly tokenId: string;
  readonly scope: TokenScope;
  /** The tenant's provisioning settings, read with the token (one query per request). */
  readonly tenant: TenantSettingsView;
}

/** `scim` tokens call the SCIM API; `admin` tokens call the app-side `/api`. */
export type TokenScope = "scim" | "admin";

/** A tenant's settings as the request handlers need them. */
export interface TenantSettingsView {
  readonly jit: boolean;
  readonly groups: boolean;
  readonly deleteMode: "soft" | "hard";
}
