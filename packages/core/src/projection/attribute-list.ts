import type { AttrPath } from "../filter/filter-ast.js";
import { ScimError } from "../scim-error.js";

/** ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA (RFC 7644 §3.10); plus `$ref` (RFC 7643 §2.3.7). */
const ATTR_NAME = /^(?:[A-Za-z][\w-]*|\$ref)$/;
/** A schema URI before the attribute name: `scheme ":" …` without whitespace or commas (RFC 3986 §3.1). */
const SCHEMA_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s,]+$/;

/**
 * Reads one attribute path of an `attributes` / `excludedAttributes` list (RFC 7644 §3.4.2.5, §3.10):
 * `[URI ":"] ATTRNAME ["." subAttr]`. The URI ends at the last `:` (URNs contain `.` and `:`), so a
 * bare schema URN such as `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User` reads as
 * `{ uri: "urn:…:2.0", name: "User" }`; the projection recognises that form as naming the whole schema.
 * Malformed → `400 invalidValue`: RFC 7644 defines no error for these parameters, and §3.12 reserves
 * `invalidFilter` for `filter`, while `invalidValue` covers a value "not compatible with the operation".
 */
export function parseAttributePath(text: string): AttrPath {
  const entry = text.trim();
  const colon = entry.lastIndexOf(":");
  const uri = colon < 0 ? undefined : entry.slice(0, colon);
  const [name = "", subAttr, ...rest] = entry.slice(colon + 1).split(".");
  const valid =
    (uri === undefined || SCHEMA_URI.test(uri)) &&
    ATTR_NAME.test(name) &&
    (subAttr === undefined || ATTR_NAME.test(subAttr)) &&
    rest.length === 0;
  if (!valid) {
    throw ScimError.invalidValue(`${JSON.stringify(entry)} is not an attribute path (RFC 7644 §3.10).`);
  }
  return {
    ...(uri === undefined ? {} : { uri }),
    name,
    ...(subAttr === undefined ? {} : { subAttr }),
  };
}

/**
 * Reads the `attributes` or `excludedAttributes` query parameter (RFC 7644 §3.4.2.5): attribute paths
 * separated by commas, whitespace around them tolerated. Absent or blank → `[]` (no list).
 * An empty or malformed entry → `400 invalidValue`.
 */
export function parseAttributeList(text: string | undefined): AttrPath[] {
  if (text === undefined || text.trim() === "") return [];
  return text.split(",").map(parseAttributePath);
}

/**
 * Reads the `attributes` or `excludedAttributes` array of a SearchRequest (RFC 7644 §3.4.3): one path
 * per string. A string holding a comma-separated list is tolerated and split. Absent → `[]`;
 * a non-string entry, an empty or malformed one → `400 invalidValue`.
 */
export function parseAttributeNames(names: readonly string[] | undefined): AttrPath[] {
  if (names === undefined) return [];
  return names.flatMap((name: unknown) => {
    if (typeof name !== "string") {
      throw ScimError.invalidValue("Attribute lists of a SearchRequest hold strings (RFC 7644 §3.4.3).");
    }
    return name.split(",").map(parseAttributePath);
  });
}
