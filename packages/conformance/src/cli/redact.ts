/** What a secret is replaced with in output. */
export const REDACTED = "[redacted]";

/**
 * A function that replaces every occurrence of the secrets in a text, longest first (so a secret
 * that contains another is replaced whole). The last line of defence: a server may echo the token
 * in an error detail, and a URL or message may carry it.
 */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const ordered = [...new Set(secrets)].filter((secret) => secret !== "").sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((result, secret) => result.split(secret).join(REDACTED), text);
}
