import type { SchemaAttribute } from "@scimkit/types";
import { findSubAttribute } from "../schema/attribute-catalog.js";
import { ScimError } from "../scim-error.js";
import { assertOnePrimary } from "../validation/attribute-values.js";
import { sameElement } from "../validation/same-value.js";
import { withoutNullMembers } from "./idp-quirks.js";
import { asJsonObject, isJsonObject, isUnassigned, type JsonObject } from "./patch-json.js";
import { writeComplex } from "./patch-mutability.js";
import type { ValueSelector } from "./patch-value-filter.js";

/**
 * Appends values to a multi-valued attribute (RFC 7644 §3.5.2.1: "a new value is added"), skipping
 * any value already present ("If the target location already contains the value specified, no
 * changes SHOULD be made"). Elements whose `value` sub-attribute is immutable — group `members` —
 * are identified by `value` alone, so re-adding a member with another `display` is no change.
 * A new `primary: true` value demotes the others (RFC 7643 §2.4).
 */
export function appendValues(
  attribute: SchemaAttribute,
  elements: readonly unknown[],
  values: readonly unknown[],
  label: string,
): unknown[] {
  const result = [...elements];
  const added = new Set<unknown>();
  for (const value of values) {
    const element = newElement(attribute, value, label);
    if (result.some((existing) => isSameMember(attribute, existing, element))) continue;
    result.push(element);
    added.add(element);
  }
  return settlePrimary(attribute, result, added, label);
}

/**
 * A value as a new element: a complex value loses null and readOnly sub-attributes (Entra's
 * `"$ref": null`, Okta's `display`; see writeComplex). An element left empty is invalidValue.
 */
export function newElement(attribute: SchemaAttribute, value: unknown, label: string): unknown {
  if (attribute.type !== "complex") return value;
  const element = writeComplex(
    attribute,
    undefined,
    withoutNullMembers(asJsonObject(value)),
    "replace",
    label,
  );
  if (Object.keys(element).length === 0) {
    throw ScimError.invalidValue(`${label}: a value must have at least one writable sub-attribute.`);
  }
  return element;
}

function isSameMember(attribute: SchemaAttribute, existing: unknown, candidate: unknown): boolean {
  const value = findSubAttribute(attribute, "value");
  if (value?.mutability === "immutable" && isJsonObject(existing) && isJsonObject(candidate)) {
    if (candidate.value !== undefined) return sameElement(value, existing.value, candidate.value);
  }
  return sameElement(attribute, existing, candidate);
}

/**
 * Rewrites the elements `selector` matches (all elements when it is undefined) with `update`; an
 * update that returns undefined or an empty object removes the element (RFC 7644 §3.5.2.2:
 * a value whose sub-attributes were all removed is unassigned). Returns undefined when nothing
 * matched, so each operation applies its own rule (noTarget, add, no-op).
 */
export function updateSelected(
  attribute: SchemaAttribute,
  elements: readonly unknown[],
  selector: ValueSelector | undefined,
  update: (element: JsonObject) => JsonObject | undefined,
  label: string,
): unknown[] | undefined {
  const touched = new Set<unknown>();
  const result: unknown[] = [];
  let matched = false;
  for (const element of elements) {
    if (selector !== undefined && !selector.matches(element)) {
      result.push(element);
      continue;
    }
    matched = true;
    const next = update(asJsonObject(element));
    if (isUnassigned(next)) continue;
    touched.add(next);
    result.push(next);
  }
  return matched ? settlePrimary(attribute, result, touched, label) : undefined;
}

/**
 * RFC 7643 §2.4 / RFC 7644 §3.5.2: when an operation gives a value `primary: true`, the service
 * provider sets `primary` to false on the other values. Two values given `primary: true` by one
 * operation are invalidValue. Values the operation did not touch are left as they are.
 */
export function settlePrimary(
  attribute: SchemaAttribute,
  elements: readonly unknown[],
  touched: ReadonlySet<unknown>,
  label: string,
): unknown[] {
  const isPrimary = (element: unknown) => isJsonObject(element) && element.primary === true;
  const winners = elements.filter((element) => touched.has(element) && isPrimary(element));
  assertOnePrimary(attribute, winners, label);
  const [winner] = winners;
  if (winner === undefined) return [...elements];
  return elements.map((element) =>
    element !== winner && isPrimary(element) ? { ...(element as JsonObject), primary: false } : element,
  );
}
