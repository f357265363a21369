import { ScimError } from "../scim-error.js";
import { applyAdd, writeSingleValued } from "./patch-add.js";
import { asValueList, type JsonObject } from "./patch-json.js";
import { appendValues, updateSelected } from "./patch-multi-valued.js";
import { guardChange, writeComplex, writeSubAttribute } from "./patch-mutability.js";
import { applyRemove } from "./patch-remove.js";
import { readSlot, writeSlot } from "./patch-resource.js";
import type { AttributeTarget } from "./patch-target.js";
import { normalizeElement, normalizeValue } from "./patch-value.js";

/**
 * The `replace` operation on one attribute (RFC 7644 §3.5.2.3), returning a new resource:
 * - multi-valued attribute without filter: all values are replaced (`[]` unassigns it);
 * - single-valued complex attribute: the sub-attributes of the value replace the current ones,
 *   and sub-attributes the value does not name are left unchanged (as §3.5.2.3 says);
 * - other single-valued attribute: the value is set (an absent attribute is added);
 * - `emails[type eq "work"].value`: the sub-attribute of every matching element is replaced;
 *   `emails[type eq "work"]`: every matching element is replaced by the value; a filter that
 *   matches nothing is noTarget (§3.5.2.3);
 * - `emails.value` (no filter): the sub-attribute of every element; with no elements, an add.
 * A null value unassigns the target (RFC 7643 §2.5): the operation is then a `remove`.
 *
 * @throws ScimError invalidValue when `value` is missing or of the wrong type; noTarget as above;
 *   mutability per guardChange.
 */
export function applyReplace(resource: JsonObject, target: AttributeTarget, raw: unknown): JsonObject {
  if (raw === undefined) {
    throw ScimError.invalidValue(
      `replace ${JSON.stringify(target.label)} needs a value (RFC 7644 §3.5.2.3).`,
    );
  }
  if (raw === null) return applyRemove(resource, target, undefined);
  const { slot, selector, subAttribute } = target;
  const before = readSlot(resource, slot);
  const addsFirstValue = slot.attribute.multiValued && selector === undefined && subAttribute !== undefined;
  if (addsFirstValue && asValueList(before).length === 0) return applyAdd(resource, target, raw);
  return writeSlot(
    resource,
    slot,
    guardChange(slot.attribute, before, replacedValue(before, target, raw), slot.label),
  );
}

function replacedValue(before: unknown, target: AttributeTarget, raw: unknown): unknown {
  const { attribute } = target.slot;
  const { subAttribute, label } = target;
  if (attribute.multiValued) {
    if (target.selector !== undefined || subAttribute !== undefined) {
      return replaceSelected(before, target, raw);
    }
    return appendValues(attribute, [], normalizeValue(attribute, raw, label) as unknown[], label);
  }
  return writeSingleValued(before, target, raw);
}

function replaceSelected(before: unknown, target: AttributeTarget, raw: unknown): unknown[] {
  const { attribute } = target.slot;
  const { subAttribute: sub, label } = target;
  const value = sub === undefined ? normalizeElement(attribute, raw, label) : normalizeValue(sub, raw, label);
  const update = (element: JsonObject) =>
    sub === undefined
      ? writeComplex(attribute, element, value as JsonObject, "replace", label)
      : writeSubAttribute(sub, element, value, label);
  const updated = updateSelected(attribute, asValueList(before), target.selector, update, label);
  if (updated === undefined) {
    throw ScimError.noTarget(`${JSON.stringify(label)} matches no value (RFC 7644 §3.5.2.3).`);
  }
  return updated;
}
