import type { Clock, StoredToken, UnitOfWork } from "@scimkit/router";

/** A token as listed: never its secret or hash. */
export type TokenSummary = Omit<StoredToken, "hash">;

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
