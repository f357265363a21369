import type { SchemaAttribute } from "@scimkit/types";
import { findAttribute } from "../schema/attribute-catalog.js";
import { foldCase } from "../schema/case-fold.js";
import { isJsonObject, isUnassigned, sameJson } from "./json-value.js";

/**
 * Whether two values of an attribute are the same SCIM value: unassigned values are equal
 * (RFC 7643 §2.5); strings and references of `caseExact: false` attributes compare
 * case-insensitively (RFC 7643 §2.2; binary and dateTime text stays exact, base64 being
 * case-significant); complex values compare sub-attribute by sub-attribute; multi-valued
 * attributes compare as unordered collections (RFC 7643 §2.4). The one "same value" of scimkit:
 * a PUT's immutable check (immutable-attributes.ts) and PATCH's "no change" (patch-mutability.ts
 * guardChange), duplicate detection and member matching all call it.
 */
export function sameAttributeValue(attribute: SchemaAttribute, left: unknown, right: unknown): boolean {
  if (isUnassigned(left) || isUnassigned(right)) return isUnassigned(left) && isUnassigned(right);
  if (attribute.multiValued && Array.isArray(left) && Array.isArray(right)) {
    return sameCollection(left, right, (x, y) => sameElement(attribute, x, y));
  }
  return sameElement(attribute, left, right);
}

/** Whether two single values (or two elements of a multi-valued attribute) are the same SCIM value. */
export function sameElement(attribute: SchemaAttribute, left: unknown, right: unknown): boolean {
  if (attribute.type === "complex" && isJsonObject(left) && isJsonObject(right)) {
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    return [...keys].every((key) => {
      const sub = findAttribute(attribute.subAttributes, key);
      return sub === undefined
        ? sameJson(left[key], right[key])
        : sameAttributeValue(sub, left[key], right[key]);
    });
  }
  const folds = !attribute.caseExact && (attribute.type === "string" || attribute.type === "reference");
  if (folds && typeof left === "string" && typeof right === "string")
    return foldCase(left) === foldCase(right);
  return sameJson(left, right);
}

function sameCollection(
  left: readonly unknown[],
  right: readonly unknown[],
  same: (x: unknown, y: unknown) => boolean,
): boolean {
  if (left.length !== right.length) return false;
  const unmatched = [...right];
  return left.every((x) => {
    const index = unmatched.findIndex((y) => same(x, y));
    if (index === -1) return false;
    unmatched.splice(index, 1);
    return true;
  });
}
