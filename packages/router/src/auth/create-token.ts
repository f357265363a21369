import type { TokenScope } from "../ports/records.js";
import type { Clock, Ids, UnitOfWork } from "../ports/store-ports.js";
import { hashToken, newTokenSecret } from "./token-secret.js";

/** A new token: the secret in the clear, shown once. */
export interface CreatedToken {
  readonly id: string;
  readonly token: string;
}

/**
 * Issues a new bearer token for a tenant in the caller's unit of work: only its SHA-256 hash is
 * stored; the secret is returned once, to show to whoever pastes it into the IdP. Issuing another
 * is rotation: the old ones keep working until revoked.
 */
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
