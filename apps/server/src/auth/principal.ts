/** What a bearer token stands for: one tenant, through one token with one scope. */
export interface Principal {
  readonly tenantId: string;
  readonly tokenId: string;
  readonly scope: TokenScope;
}

/** `scim` tokens call the SCIM API; `admin` tokens call the app-side `/api`. */
export type TokenScope = "scim" | "admin";
