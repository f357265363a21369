/**
 * The non-RFC shapes identity providers send in PATCH requests, each normalised in one named
 * function. The facts and their sources are in /work/shared/reference/idp-behaviour.md (cited as
 * "idp-behaviour.md §…"); where that file marks a shape as unverified, the function says so.
 */
import type { SchemaAttribute } from "@scimkit/types";
import { findSubAttribute } from "../schema/attribute-catalog.js";
import { isJsonObject, type JsonObject, sameElement } from "./patch-json.js";

/** The three PATCH operations of RFC 7644 §3.5.2. */
export type PatchOpName = "add" | "replace" | "remove";

/**
 * Entra ID sends `Add`, `Replace` and `Remove` (idp-behaviour.md §3.1 "Do not require
 * case-sensitive op", §3.3, §6 item 6); RFC 7644 §3.5.2 spells them in lower case. Returns the
 * RFC name, or undefined when `op` names no operation in any case.
 */
export function normalizeOpName(op: string): PatchOpName | undefined {
  const folded = op.toLowerCase();
  return folded === "add" || folded === "replace" || folded === "remove" ? folded : undefined;
}

/**
 * Entra ID's default `scim` job disables and enables users with `"value": "False"` / `"True"` —
 * strings, in any case (idp-behaviour.md §3.3, §6 item 3). For a boolean attribute such a string
 * becomes the boolean (RFC 7643 §2.3.2); anything else is returned unchanged for the type check.
 */
export function coerceBooleanString<T>(value: T): T | boolean {
  if (typeof value !== "string") return value;
  const folded = value.toLowerCase();
  if (folded === "true") return true;
  return folded === "false" ? false : value;
}

/**
 * Entra ID with `aadOptscim062020`, and the Entra SCIM Validator, send a path-less `replace` whose
 * value keys are attribute paths: `"name.givenName"` and URN-qualified
 * `"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"`
 * (idp-behaviour.md §3.3, §3.4, §6 item 6). RFC 7644 §3.5.2.3 expects plain attribute names
 * there; a key with a dot or a colon is therefore read as a PATCH path.
 */
export function isAttributePathKey(key: string): boolean {
  return key.includes(".") || key.includes(":");
}

/**
 * A single value where a multi-valued attribute expects an array, e.g. `add` `members` with one
 * member object instead of a one-element list. No IdP in idp-behaviour.md documents it; the file
 * asks for unverified shapes to be tolerated as a robustness requirement (its introduction). The
 * value is read as a one-element array (RFC 7643 §2.4).
 */
export function singleAsList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * A one-element array where a single-valued attribute expects one value, e.g. `"value": ["Ann"]`
 * for `name.givenName`. Robustness, as for {@link singleAsList} (idp-behaviour.md introduction).
 * Longer arrays are returned unchanged and fail the type check.
 */
export function singletonListAsValue(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

/**
 * Entra ID sends the enterprise `manager` as a bare id string,
 * `{"op":"Add","path":"urn:…:enterprise:2.0:User:manager","value":"<id>"}` (idp-behaviour.md §3.3
 * "Manager", secondary). RFC 7643 §4.3 defines `manager` as complex with a `value` sub-attribute,
 * so a string, number or boolean given for a complex attribute that has `value` becomes `{ value }`.
 */
export function bareValueAsComplex(definition: SchemaAttribute, value: unknown): unknown {
  if (value === null || typeof value === "object") return value;
  return findSubAttribute(definition, "value") === undefined ? value : { value };
}

/**
 * Entra ID sends group members as `{"$ref": null, "value": "<uid>"}` (idp-behaviour.md §3.2). A
 * null sub-attribute is unassigned (RFC 7643 §2.5), so a new value is stored without it.
 */
export function withoutNullMembers(object: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== null));
}

/**
 * Entra ID's default job (idp-behaviour.md §3.2, §3.3) and JumpCloud (§2, secondary) remove group
 * members with `{"op":"Remove","path":"members","value":[{"value":"<uid>"}]}`: no filter, the
 * members to remove listed in `value` (§6 item 9). RFC 7644 §3.5.2.2 has no `value` on remove and
 * would unassign every member; instead only the listed elements are removed. An element matches a
 * listed item by its `value` sub-attribute when the item has one, else by being the same value.
 */
export function listedValueMatcher(
  definition: SchemaAttribute,
  listed: readonly unknown[],
): (element: unknown) => boolean {
  const valueAttribute = findSubAttribute(definition, "value");
  return (element) =>
    listed.some((item) => {
      if (valueAttribute !== undefined && isJsonObject(item) && item.value !== undefined) {
        return isJsonObject(element) && sameElement(valueAttribute, element.value, item.value);
      }
      return sameElement(definition, element, item);
    });
}
