import type { SchemaAttribute } from "@scimkit/types";
import { findSubAttribute } from "../schema/attribute-catalog.js";
import { foldCase } from "../schema/case-fold.js";
import { isJsonObject, type JsonObject, sameJson } from "../validation/json-value.js";

export { isJsonObject, type JsonObject } from "../validation/json-value.js";

/** `value` when it is an object, else an empty object (a stored value of the wrong shape counts as absent). */
export function asJsonObject(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

/** The values of a multi-valued attribute: an array as is, nothing for an unassigned one, else one value. */
export function asValueList(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/**
 * Reads a member case-insensitively: attribute names, and the member names of SCIM messages,
 * are case-insensitive (RFC 7643 §2.1).
 */
export function memberOf(object: JsonObject, name: string): unknown {
  if (Object.hasOwn(object, name)) return object[name];
  const folded = name.toLowerCase();
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === folded);
  return key === undefined ? undefined : object[key];
}

/**
 * Whether a value is unassigned: absent, null, an empty array or an empty object, which RFC 7643
 * §2.5 makes equivalent in state.
 */
export function isUnassigned(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

/**
 * Whether two values of an attribute are the same SCIM value: unassigned values are equal
 * (RFC 7643 §2.5), strings of `caseExact: false` attributes compare case-insensitively (RFC 7643
 * §2.2), and multi-valued attributes compare as unordered collections (RFC 7643 §2.4).
 */
export function sameValue(definition: SchemaAttribute, a: unknown, b: unknown): boolean {
  if (isUnassigned(a) || isUnassigned(b)) return isUnassigned(a) && isUnassigned(b);
  if (definition.multiValued && Array.isArray(a) && Array.isArray(b)) {
    return sameCollection(a, b, (x, y) => sameElement(definition, x, y));
  }
  return sameElement(definition, a, b);
}

/** Whether two single values (or two elements of a multi-valued attribute) are the same SCIM value. */
export function sameElement(definition: SchemaAttribute, a: unknown, b: unknown): boolean {
  if (definition.type === "complex" && isJsonObject(a) && isJsonObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => {
      const sub = findSubAttribute(definition, key);
      return sub === undefined ? sameJson(a[key], b[key]) : sameValue(sub, a[key], b[key]);
    });
  }
  if (
    typeof a === "string" &&
    typeof b === "string" &&
    !definition.caseExact &&
    definition.type === "string"
  ) {
    return foldCase(a) === foldCase(b);
  }
  return sameJson(a, b);
}

function sameCollection(
  a: readonly unknown[],
  b: readonly unknown[],
  same: (x: unknown, y: unknown) => boolean,
): boolean {
  if (a.length !== b.length) return false;
  const unmatched = [...b];
  return a.every((x) => {
    const index = unmatched.findIndex((y) => same(x, y));
    if (index === -1) return false;
    unmatched.splice(index, 1);
    return true;
  });
}
