import type { AttrPath } from "./filter-ast.js";
import { type FailAt, quote } from "./filter-lexer.js";

/**
 * ATTRNAME of RFC 7644 §3.4.2.2 (`ALPHA *(nameChar)`), plus `$ref`, which RFC 7643 §2.4 defines as
 * a sub-attribute name although it does not match ATTRNAME.
 */
const ATTR_NAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/i;
/** A URI prefix: a scheme and something after its colon (schema URNs such as `urn:ietf:…:2.0:User`). */
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:./;

/** Whether `name` is a valid attribute or sub-attribute name (ATTRNAME, or `$ref`). */
export function isAttrName(name: string): boolean {
  return ATTR_NAME.test(name);
}

/**
 * Splits a word into `[URI ":"] ATTRNAME ["." subAttr]` (RFC 7644 §3.4.2.2, §3.10). Schema URNs
 * contain dots and colons (`…:enterprise:2.0:User`), so the attribute name is what follows the
 * LAST colon, and only there is a dot a sub-attribute separator.
 */
export function attrPathFromWord(word: string, start: number, failAt: FailAt): AttrPath {
  const colon = word.lastIndexOf(":");
  const uri = colon === -1 ? undefined : word.slice(0, colon);
  if (uri !== undefined && !URI.test(uri)) {
    throw failAt(start, `expected a schema URI before the last ":" of ${quote(word)}`);
  }
  const rest = word.slice(colon + 1);
  const parts = rest.split(".");
  const [name = "", subAttr, ...extra] = parts;
  const nameStart = start + colon + 1;
  if (!isAttrName(name)) {
    throw failAt(nameStart, `expected an attribute name, found ${quote(word)}`);
  }
  if (subAttr !== undefined && !isAttrName(subAttr)) {
    throw failAt(nameStart + name.length + 1, `expected a sub-attribute name after ${quote(`${name}.`)}`);
  }
  if (extra.length > 0) {
    throw failAt(start, `an attribute path has at most one sub-attribute, found ${quote(word)}`);
  }
  return {
    ...(uri === undefined ? {} : { uri }),
    name,
    ...(subAttr === undefined ? {} : { subAttr }),
  };
}
