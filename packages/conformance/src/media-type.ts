/**
 * The essence of a media type (RFC 9110 §8.3.1): type/subtype in lower case, parameters such as
 * `charset` dropped. Undefined for a missing or empty header.
 */
export function mediaTypeEssence(contentType: string | null | undefined): string | undefined {
  const essence = contentType?.split(";")[0]?.trim().toLowerCase();
  return essence === undefined || essence === "" ? undefined : essence;
}

/**
 * Whether a media type essence matches a key of an OpenAPI content map, which may be a range
 * (`application/*`, `*\/*`; OpenAPI 3.1 §4.8.14).
 */
export function matchesMediaRange(essence: string, range: string): boolean {
  const wanted = range.toLowerCase();
  if (wanted === "*/*" || wanted === essence) return true;
  return wanted.endsWith("/*") && essence.startsWith(wanted.slice(0, -1));
}

/** `application/json` and the `+json` structured syntax suffix (RFC 6839 §3.1), e.g. `application/scim+json`. */
export function isJsonMediaType(essence: string): boolean {
  return essence === "application/json" || essence.endsWith("+json");
}
