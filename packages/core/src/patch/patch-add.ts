import { ScimError } from "../scim-error.js";
import { asJsonObject, asValueList, type JsonObject } from "./patch-json.js";
import { appendValues, newElement, settlePrimary, updateSelected } from "./patch-multi-valued.js";
import { guardChange, writeComplex, writeSubAttribute } from "./patch-mutability.js";
import { readSlot, writeSlot } from "./patch-resource.js";
import type { AttributeTarget } from "./patch-target.js";
import { normalizeElement, normalizeValue } from "./patch-value.js";

/**
 * The `add` operation on one attribute (RFC 7644 §3.5.2.1), returning a new resource:
 * - multi-valued attribute: the values are appended, values already present are skipped;
 * - single-valued complex attribute: the sub-attributes of the value are merged in;
 * - other single-valued attribute: the value is set, replacing any current one;
 * - `name.givenName`: the sub-attribute is set;
 * - `emails[type eq "work"].value` / `emails[type eq "work"]`: the sub-attribute is set on (or the
 *   value merged into) every matching element. RFC 7644 does not define `add` with a value filter;
 *   when nothing matches and the filter is `eq` comparisons joined by `and`, an element carrying
 *   those values is added (`emails[type eq "work"].value` adds a work e-mail), else noTarget.
 *   `emails.value` (no filter) applies to every element, or adds one when there is none.
 *
 * @throws ScimError invalidValue when `value` is missing, null or of the wrong type; mutability
 *   per guardChange; noTarget as above.
 */
export function applyAdd(resource: JsonObject, target: AttributeTarget, raw: unknown): JsonObject {
  if (raw === undefined || raw === null) {
    throw ScimError.invalidValue(`add ${JSON.stringify(target.label)} needs a value (RFC 7644 §3.5.2.1).`);
  }
  const { slot } = target;
  const before = readSlot(resource, slot);
  return writeSlot(
    resource,
    slot,
    guardChange(slot.attribute, before, addedValue(before, target, raw), slot.label),
  );
}

function addedValue(before: unknown, target: AttributeTarget, raw: unknown): unknown {
  const { attribute } = target.slot;
  const { subAttribute, label } = target;
  if (attribute.multiValued) {
    if (target.selector !== undefined || subAttribute !== undefined) {
      return addToSelected(before, target, raw);
    }
    return appendValues(
      attribute,
      asValueList(before),
      normalizeValue(attribute, raw, label) as unknown[],
      label,
    );
  }
  return writeSingleValued(before, target, raw);
}

/**
 * A single-valued attribute after `add` or `replace` (the two agree here, RFC 7644 §3.5.2.1 and
 * §3.5.2.3): a named sub-attribute is set, a complex value is merged in, anything else replaces.
 */
export function writeSingleValued(before: unknown, target: AttributeTarget, raw: unknown): unknown {
  const { attribute } = target.slot;
  const { subAttribute, label } = target;
  if (subAttribute !== undefined) {
    return writeSubAttribute(
      subAttribute,
      asJsonObject(before),
      normalizeValue(subAttribute, raw, label),
      label,
    );
  }
  const value = normalizeValue(attribute, raw, label);
  if (attribute.type !== "complex") return value;
  return writeComplex(attribute, asJsonObject(before), value as JsonObject, "merge", label);
}

function addToSelected(before: unknown, target: AttributeTarget, raw: unknown): unknown[] {
  const { attribute } = target.slot;
  const { subAttribute: sub, label } = target;
  const elements = asValueList(before);
  const value = sub === undefined ? normalizeElement(attribute, raw, label) : normalizeValue(sub, raw, label);
  const update = (element: JsonObject) =>
    sub === undefined
      ? writeComplex(attribute, element, value as JsonObject, "merge", label)
      : writeSubAttribute(sub, element, value, label);
  const updated = updateSelected(attribute, elements, target.selector, update, label);
  if (updated !== undefined) return updated;
  const pinned = target.selector === undefined ? {} : target.selector.equalities;
  if (pinned === undefined) {
    throw ScimError.noTarget(
      `${JSON.stringify(label)} matches no value, and its filter does not define one to add.`,
    );
  }
  const element = newElement(attribute, update(pinned), label);
  return settlePrimary(attribute, [...elements, element], new Set([element]), label);
}
