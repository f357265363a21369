import { ScimError } from "@scimkit/core";

/**
 * Whether an `If-Match` / `If-None-Match` header names the current version (RFC 7232 §3.1 list
 * syntax; `*` matches any; weak comparison, since SCIM versions are weak ETags).
 */
export function etagMatches(header: string, current: string): boolean {
  const strip = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || strip(tag) === strip(current));
}

/** Throws 412 unless the `If-Match` header (when given) names the current version (RFC 7644 §3.14). */
export function requireIfMatch(ifMatch: string | undefined, current: string, resourceType: string): void {
  if (ifMatch !== undefined && !etagMatches(ifMatch, current)) {
    throw ScimError.preconditionFailed(
      `The ${resourceType.toLowerCase()} has changed: its version is ${current}, If-Match named ${ifMatch}.`,
    );
  }
}
