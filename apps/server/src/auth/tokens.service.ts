import type { Kysely } from "kysely";
import type { Database } from "../db/database.js";
import type { TokenScope } from "./principal.js";
import { hashToken, newTokenSecret } from "./token-secret.js";

/** A token as listed: never its secret or hash. */
export interface TokenSummary {
  readonly id: string;
  readonly tenantId: string;
  readonly scope: TokenScope;
  readonly name: string | null;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** A new token: the secret in the clear, shown once. */
export interface CreatedToken {
  readonly id: string;
  readonly token: string;
}

/** Clock and id source, passed in so tests control them. */
export interface TokenDeps {
  readonly now: () => Date;
  readonly newId: () => string;
}

/** Issues a new token for a tenant (rotation: the old ones keep working until revoked). */
export async function createToken(
  db: Kysely<Database>,
  deps: TokenDeps,
  tenantId: string,
  scope: TokenScope,
  name?: string,
): Promise<CreatedToken> {
  const token = newTokenSecret();
  const id = deps.newId();
  await db
    .insertInto("tokens")
    .values({
      id,
      tenant_id: tenantId,
      scope,
      token_hash: hashToken(token),
      created_at: deps.now().toISOString(),
      revoked_at: null,
      ...(name === undefined ? {} : { name }),
    })
    .execute();
  return { id, token };
}

/** A tenant's tokens, newest first. */
export async function listTokens(db: Kysely<Database>, tenantId: string): Promise<TokenSummary[]> {
  const rows = await db
    .selectFrom("tokens")
    .select(["id", "tenant_id", "scope", "name", "created_at", "last_used_at", "revoked_at"])
    .where("tenant_id", "=", tenantId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    tenantId: row.tenant_id,
    scope: row.scope,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }));
}

/**
 * Revokes a token at once; returns false when there is no such token or it was already revoked.
 * With `tenantId` (the console) only a token of that tenant; the CLI operator may revoke any.
 */
export async function revokeToken(
  db: Kysely<Database>,
  deps: Pick<TokenDeps, "now">,
  tokenId: string,
  tenantId?: string,
): Promise<boolean> {
  const result = await db
    .updateTable("tokens")
    .set({ revoked_at: deps.now().toISOString() })
    .where("id", "=", tokenId)
    .$if(tenantId !== undefined, (qb) => qb.where("tenant_id", "=", tenantId ?? ""))
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
