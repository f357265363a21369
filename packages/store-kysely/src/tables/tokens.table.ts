import type { TokenScope } from "@scimkit/router";
import type { Generated, Insertable, Selectable } from "kysely";

/** A tenant's bearer token. Only the SHA-256 of the token is stored, never the token. */
export interface TokensTable {
  id: string;
  tenant_id: string;
  scope: TokenScope;
  /** Hex SHA-256 of the token; unique, so the lookup is an index seek. */
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
  /** When the token last authenticated a request (updated at most once a minute). */
  last_used_at: Generated<string | null>;
  /** What the token is for, as its admin named it (migration 0008); null when unnamed. */
  name: Generated<string | null>;
}

export type TokenRow = Selectable<TokensTable>;
export type NewTokenRow = Insertable<TokensTable>;
