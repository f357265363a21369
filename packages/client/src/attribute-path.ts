/**
 * Attribute path validation (RFC 7644 §3.4.2.2 ABNF, RFC 7643 §2.1):
 *
 *     attrPath = [URI ":"] ATTRNAME *1subAttr
 *     ATTRNAME = ALPHA *(nameChar)
 *     nameChar = "-" / "_" / DIGIT / ALPHA
 *     subAttr  = "." ATTRNAME
 *
 * Two deliberate narrowings/widenings, both harmless for injection:
 * - the URI prefix is limited to a `urn:` with segments of ALPHA / DIGIT / "." / "-" / "_", which covers
 *   every SCIM schema URN; no space, quote, bracket or parenthesis can appear in it.
 * - `$ref` is accepted as a name: RFC 7643 §2.4 defines it as a sub-attribute although it does not
 *   match ATTRNAME.
 */
const NAME = String.raw`(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)`;
const URN_PREFIX = "[Uu][Rr][Nn]:(?:[A-Za-z0-9._-]+:)+";
const ATTR_PATH = new RegExp(`^(?:${URN_PREFIX})?${NAME}(?:\\.${NAME})?$`);

/**
 * Returns `path` when it is a valid SCIM attribute path (RFC 7644 §3.4.2.2), otherwise throws a
 * `TypeError`, so that a caller-supplied attribute name can never change the shape of a filter.
 */
export function assertAttributePath(path: string): string {
  if (typeof path !== "string" || !ATTR_PATH.test(path)) {
    throw new TypeError(`Not a SCIM attribute path (RFC 7644 §3.4.2.2): ${JSON.stringify(path)}`);
  }
  return path;
}
