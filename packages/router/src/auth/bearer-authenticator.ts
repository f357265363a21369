import { ScimError } from "@scimkit/core";
import type { Authenticate } from "../http/operation-call.js";
import type { Store } from "../ports/store-ports.js";
import type { Principal, TokenScope } from "./principal.js";
import { hashToken, sameHash } from "./token-secret.js";

/** How stale `last_used_at` may get before a request writes it again. */
export const USE_RESOLUTION_MS = 60_000;

const BEARER = /^Bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i;

/**
 * Resolves `Authorization: Bearer <token>` (RFC 6750 §2.1) to the tenant it belongs to.
 * The token is looked up by its SHA-256 (an index seek that reveals nothing about the token)
 * and the stored hash is compared again in constant time. Unknown or revoked tokens get 401;
 * a token of another scope, or a tenant whose provisioning is off, gets 403. A token's
 * `last_used_at` is written at most once a minute (USE_RESOLUTION_MS), so reads stay reads; a
 * failure to write it is reported to `onError` and never fails the request.
 */
export function bearerAuthenticator(
  store: Store,
  options: { readonly now?: () => Date; readonly onError?: (error: unknown) => void } = {},
) {
  const now = options.now ?? (() => new Date());
  async function noteUse(tokenId: string, lastUsedAt: string | null): Promise<void> {
    const at = now();
    const stale = new Date(at.getTime() - USE_RESOLUTION_MS).toISOString();
    if (lastUsedAt !== null && lastUsedAt > stale) return;
    try {
      // The store repeats the check, so instances racing on one token write it once.
      await store.read.tokens.noteUse(tokenId, at.toISOString(), stale);
    } catch (error) {
      options.onError?.(error);
    }
  }
  const authenticate: Authenticate = async (request, scope: TokenScope): Promise<Principal> => {
    const authorization = request.header("authorization");
    const match = authorization === undefined ? null : BEARER.exec(authorization);
    const secret = match?.[1];
    if (secret === undefined) throw ScimError.unauthorized();
    const hash = hashToken(secret);
    const grant = await store.read.tokens.findByHash(hash);
    const token = grant?.token;
    if (
      grant === undefined ||
      token === undefined ||
      !sameHash(token.hash, hash) ||
      token.revokedAt !== null
    ) {
      throw ScimError.unauthorized();
    }
    if (token.scope !== scope)
      throw ScimError.forbidden(`This token has the ${token.scope} scope; it cannot call this endpoint.`);
    if (scope === "scim" && !grant.settings.provisioning) {
      throw ScimError.forbidden("SCIM provisioning is turned off for this tenant.");
    }
    await noteUse(token.id, token.lastUsedAt);
    const { jit, groups, deleteMode } = grant.settings;
    return {
      tenantId: token.tenantId,
      actor: token.id,
      actorName: token.name,
      settings: { jit, groups, deleteMode },
    };
  };
  return authenticate;
}
