/** `W/"<n>"`: the weak ETag of a resource version (RFC 7644 §3.14). */
function versionTag(version: number): string {
  return `W/"${version}"`;
}

/** The number inside a version tag (1 for anything unreadable, so the next write still moves forward). */
function versionNumber(tag: string): number {
  const match = /^W\/"(\d+)(?:-[0-9a-z]+)?"$/.exec(tag);
  return match ? Number(match[1]) : 1;
}

/** The stored `meta.version` of a resource ("" when it has none). */
export function storedVersion(resource: Readonly<Record<string, unknown>>): string {
  const meta = resource.meta as { version?: unknown } | undefined;
  return typeof meta?.version === "string" ? meta.version : "";
}

/** `meta` of the next version of a resource: lastModified now, version one up. */
export function nextMeta(resource: Readonly<Record<string, unknown>>, now: Date): Record<string, unknown> {
  const meta = (resource.meta ?? {}) as Record<string, unknown>;
  return {
    ...meta,
    lastModified: now.toISOString(),
    version: versionTag(versionNumber(storedVersion(resource)) + 1),
  };
}

/** `meta` of a new resource (RFC 7643 §3.1): created and lastModified now, version 1. */
export function firstMeta(now: Date): Record<string, unknown> {
  const at = now.toISOString();
  return { created: at, lastModified: at, version: versionTag(1) };
}

/**
 * The ETag of a user's representation. A user's `groups` come from membership rows, which change
 * without the user's row changing, so the tag carries a hash of the group ids next to the row's
 * version: a cached representation with stale groups is never answered 304, and an If-Match
 * written against it fails (RFC 7644 §3.14: the version identifies the representation).
 */
export function representationTag(version: string, groupIds: readonly string[]): string {
  if (groupIds.length === 0) return version;
  let hash = 0x811c9dc5;
  for (const char of [...groupIds].sort().join(",")) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `W/"${versionNumber(version)}-${hash.toString(36)}"`;
}
