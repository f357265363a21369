import { createHash, randomBytes } from "node:crypto";

/*
 * SCIM bearer tokens as scimkit stores them (StoredToken.hash): only the hex SHA-256 of the
 * secret is kept, so a leaked database holds no usable token. A secret has 256 random bits, so
 * neither salt nor a slow hash is needed. The same few lines as the reference server's.
 */

/** A recognisable prefix, so secret scanners can find leaked tokens. */
const TOKEN_PREFIX = "scimkit_";

/** A new bearer token: the prefix and 256 random bits, base64url. Shown once, never stored. */
export function newTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** The stored form of a token: hex SHA-256 of the secret. */
export function hashToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
