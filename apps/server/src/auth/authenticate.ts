import { ScimError } from "@scimkit/core";
import type { Kysely } from "kysely";
import type { Database } from "../db/database.js";
import { preparedQuery } from "../db/prepared-query.js";
import type { Principal, TokenScope } from "./principal.js";
import { hashToken, sameHash } from "./token-secret.js";

/** How stale `last_used_at` may get before a request writes it again. */
export const USE_RESOLUTION_MS = 60_000;

const BEARER = /^Bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i;

const tokenByHash = preparedQuery(["hash"], (db, p) =>
  db
    .selectFrom("tokens")
    .innerJoin("tenants", "tenants.id", "tokens.tenant_id")
    .select([
      "tokens.id",
      "tokens.tenant_id",
      "tokens.scope",
      "tokens.token_hash",
      "tokens.revoked_at",
      "tokens.last_used_at",
      "tenants.provisioning",
      "tenants.jit",
      "tenants.groups",
      "tenants.delete_mode",
    ])
    .where("tokens.token_hash", "=", p.hash),
);

/**
 * Resolves `Authorization: Bearer <token>` (RFC 6750 §2.1) to the tenant it belongs to.
 * The token is looked up by its SHA-256 (an index seek that reveals nothing about the token)
 * and the stored hash is compared again in constant time. Unknown or revoked tokens get 401;
 * a token of another scope, or a tenant whose provisioning is off, gets 403. A token's
 * `last_used_at` is written at most once a minute (USE_RESOLUTION_MS), so reads stay reads; a
 * failure to write it is reported to `onError` and never fails the request.
 */
export function bearerAuthenticator(
  db: Kysely<Database>,
  options: { readonly now?: () => Date; readonly onError?: (error: unknown) => void } = {},
) {
  const now = options.now ?? (() => new Date());
  async function noteUse(tokenId: string, lastUsedAt: string | null): Promise<void> {
    const at = now();
    const stale = new Date(at.getTime() - USE_RESOLUTION_MS).toISOString();
    if (lastUsedAt !== null && lastUsedAt > stale) return;
    try {
      // The condition repeats the check, so instances racing on one token write it once.
      await db
        .updateTable("tokens")
        .set({ last_used_at: at.toISOString() })
        .where("id", "=", tokenId)
        .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<=", stale)]))
        .execute();
    } catch (error) {
      options.onError?.(error);
    }
  }
  return async function authenticate(
    authorization: string | undefined,
    scope: TokenScope,
  ): Promise<Principal> {
    const match = authorization === undefined ? null : BEARER.exec(authorization);
    const secret = match?.[1];
    if (secret === undefined) throw ScimError.unauthorized();
    const hash = hashToken(secret);
    const [row] = (await tokenByHash.execute(db, { hash })).rows;
    if (row === undefined || !sameHash(row.token_hash, hash) || row.revoked_at !== null) {
      throw ScimError.unauthorized();
    }
    if (row.scope !== scope)
      throw ScimError.forbidden(`This token has the ${row.scope} scope; it cannot call this endpoint.`);
    if (scope === "scim" && row.provisioning !== 1) {
      throw ScimError.forbidden("SCIM provisioning is turned off for this tenant.");
    }
    await noteUse(row.id, row.last_used_at);
    return {
      tenantId: row.tenant_id,
      tokenId: row.id,
      scope: row.scope,
      tenant: { jit: row.jit === 1, groups: row.groups === 1, deleteMode: row.delete_mode },
    };
  };
}
