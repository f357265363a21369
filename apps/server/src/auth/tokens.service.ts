import type { Clock, Ids, StoredToken, TokenScope, UnitOfWork } from "@scimkit/router";
import { hashToken, newTokenSecret } from "./token-secret.js";

/** A token as listed: never its secret or hash. */
export type TokenSummary = Omit<StoredToken, "hash">;

/** A new token: the secret in the clear, shown once. */
export interface CreatedToken {
  readonly id: string;
  readonly token: string;
}

/** Issues a new token for a tenant (rotation: the old ones keep working until revoked). */
export async function createToken(
  unit: UnitOfWork,
  deps: Clock & Ids,
  tenantId: string,
  scope: TokenScope,
  name?: string,
): Promise<CreatedToken> {
  const token = newTokenSecret();
  const id = deps.newId();
  await unit.tokens.create({
    id,
    tenantId,
    scope,
    name: name ?? null,
    hash: hashToken(token),
    createdAt: deps.now().toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  });
  return { id, token };
}

/** A tenant's tokens, newest first, without their hashes. */
export async function listTokens(unit: UnitOfWork, tenantId: string): Promise<TokenSummary[]> {
  return (await unit.tokens.list(tenantId)).map(({ hash: _hash, ...summary }) => summary);
}

/**
 * Revokes a token at once; returns false when there is no such token or it was already revoked.
 * With `tenantId` (the console) only a token of that tenant; the CLI operator may revoke any.
 */
export function revokeToken(
  unit: UnitOfWork,
  deps: Clock,
  tokenId: string,
  tenantId?: string,
): Promise<boolean> {
  return unit.tokens.revoke(tokenId, deps.now().toISOString(), tenantId);
}
