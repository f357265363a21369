import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A recognisable prefix, so secret scanners can find leaked scimkit tokens. */
export const TOKEN_PREFIX = "scimkit_";

/** A new bearer token: the prefix and 256 random bits, base64url. Shown once, never stored. */
export function newTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** The stored form of a token: hex SHA-256. A token has 256 bits of entropy, so no salt or KDF is needed. */
export function hashToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Constant-time equality of two hex hashes of equal length. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}
