import type { SchemaAttribute } from "@scimkit/types";
import { findSubAttribute } from "../schema/attribute-catalog.js";
import { listedValueMatcher } from "./idp-quirks.js";
import { asJsonObject, asValueList, isJsonObject, type JsonObject } from "./patch-json.js";
import { updateSelected } from "./patch-multi-valued.js";
import { guardChange, writeSubAttribute } from "./patch-mutability.js";
import { readSlot, writeSlot } from "./patch-resource.js";
import type { AttributeTarget } from "./patch-target.js";
import { normalizeValue } from "./patch-value.js";

/**
 * The `remove` operation on one attribute (RFC 7644 §3.5.2.2), returning a new resource:
 * - an attribute: it is unassigned (all values of a multi-valued one);
 * - `name.givenName`: the sub-attribute is unassigned, and `name` too when nothing is left;
 * - `members[value eq "…"]`: the matching elements are removed;
 * - `emails[type eq "work"].display` / `emails.display`: the sub-attribute is removed from the
 *   matching (all) elements, and elements left empty are removed.
 * Removing what is not there is no change, not an error: a filter that matches nothing is a no-op
 * (IdPs retry removals, and the state they ask for already holds; RFC 7644 §3.5.2.2 prescribes
 * noTarget only for a missing path). Entra ID's `value` list on `members` removes just the listed
 * members (idp-quirks.ts listedValueMatcher); otherwise a `value` is ignored, as the RFC has none.
 *
 * @throws ScimError mutability for a readOnly, immutable or required attribute that has a value
 *   (§3.5.2.2, via guardChange); invalidValue for a malformed `value` list.
 */
export function applyRemove(resource: JsonObject, target: AttributeTarget, raw: unknown): JsonObject {
  const { slot } = target;
  const before = readSlot(resource, slot);
  return writeSlot(
    resource,
    slot,
    guardChange(slot.attribute, before, removedValue(before, target, raw), slot.label),
  );
}

function removedValue(before: unknown, target: AttributeTarget, raw: unknown): unknown {
  const { attribute } = target.slot;
  const { subAttribute: sub, label } = target;
  if (attribute.multiValued && (target.selector !== undefined || sub !== undefined)) {
    const update = (element: JsonObject) =>
      sub === undefined ? undefined : writeSubAttribute(sub, element, undefined, label);
    return updateSelected(attribute, asValueList(before), target.selector, update, label) ?? before;
  }
  if (sub !== undefined) return writeSubAttribute(sub, asJsonObject(before), undefined, label);
  const listed = attribute.multiValued ? listedRemoval(attribute, raw, label) : undefined;
  return listed === undefined ? undefined : asValueList(before).filter((element) => !listed.matches(element));
}

/** What a `remove` of a multi-valued attribute with a `value` list removes (see listedRemoval). */
export interface ListedRemoval {
  /** Whether an element of the attribute is one of the listed values, and so goes. */
  readonly matches: (element: unknown) => boolean;
  /**
   * The `value` sub-attribute of every listed item (for `members`, the member ids), when each item
   * has one; undefined when the attribute has no `value` sub-attribute or an item lacks it.
   */
  readonly values: readonly unknown[] | undefined;
}

/**
 * Reads the `value` of a `remove` that names a multi-valued attribute without a filter. Absent or
 * null: undefined, every value goes (RFC 7644 §3.5.2.2). A list: Entra ID's and JumpCloud's member
 * removal, only the listed values go (idp-quirks.ts listedValueMatcher); the list is normalised as
 * any PATCH value of the attribute (normalizeValue: `{"$ref": null}`, a bare id, member names in
 * any case). Core's `remove` and a store that deletes membership rows by id (the reference
 * server's group-patch.ts) both read the list here, so they remove the same members.
 *
 * @throws ScimError invalidValue for a list the attribute's values cannot hold.
 */
export function listedRemoval(
  attribute: SchemaAttribute,
  raw: unknown,
  label: string,
): ListedRemoval | undefined {
  if (raw === undefined || raw === null) return undefined;
  const listed = normalizeValue(attribute, raw, label) as unknown[];
  const hasValue = findSubAttribute(attribute, "value") !== undefined;
  const values = listed.map((item) => (isJsonObject(item) ? item.value : undefined));
  return {
    matches: listedValueMatcher(attribute, listed),
    values: hasValue && values.every((value) => value !== undefined) ? values : undefined,
  };
}
