/**
 * The non-RFC shapes identity providers send in PATCH requests, each normalised in one named
 * function. The shapes and their public sources are in docs/reference/idp-requests.md (cited by
 * section anchor); where a shape is secondary or unverified there, the function says so.
 */
import type { SchemaAttribute } from "@scimkit/types";
import type { FilterNode } from "../filter/filter-ast.js";
import { findSubAttribute } from "../schema/attribute-catalog.js";
import { sameElement } from "../validation/same-value.js";
import { coerceEntraBooleanString } from "../validation/scalar-values.js";
import { isJsonObject, type JsonObject } from "./patch-json.js";

/** The three PATCH operations of RFC 7644 §3.5.2. */
export type PatchOpName = "add" | "replace" | "remove";

/**
 * Entra ID sends `Add`, `Replace` and `Remove` (docs/reference/idp-requests.md#entra-requirements,
 * #entra-default-job, #patch-forms); RFC 7644 §3.5.2 spells them in lower case. Returns the RFC
 * name, or undefined when `op` names no operation in any case.
 */
export function normalizeOpName(op: string): PatchOpName | undefined {
  const folded = op.toLowerCase();
  return folded === "add" || folded === "replace" || folded === "remove" ? folded : undefined;
}

/**
 * Entra ID's default job sends booleans as the strings `"True"` / `"False"`
 * (docs/reference/idp-requests.md#entra-default-job). No IdP documents one in a PATCH path filter,
 * but a filter built from the same mapping would carry it, and reading it is unambiguous, so it is
 * tolerated there (docs/reference/idp-requests.md#tolerated-shapes): `emails[primary eq "True"]`
 * reads as `emails[primary eq true]`. Each literal compared with a boolean sub-attribute of `parent`
 * goes through coerceEntraBooleanString; the filter is otherwise unchanged (RFC 7644 §3.4.2.2), and
 * `filter=` query parameters keep the RFC's literal types.
 */
export function entraBooleanLiterals(filter: FilterNode, parent: SchemaAttribute): FilterNode {
  switch (filter.kind) {
    case "and":
    case "or":
      return {
        ...filter,
        left: entraBooleanLiterals(filter.left, parent),
        right: entraBooleanLiterals(filter.right, parent),
      };
    case "not":
      return { ...filter, filter: entraBooleanLiterals(filter.filter, parent) };
    case "compare": {
      const { path, value } = filter;
      const plain = path.uri === undefined && path.subAttr === undefined;
      const sub = plain && typeof value === "string" ? findSubAttribute(parent, path.name) : undefined;
      return sub?.type === "boolean" ? { ...filter, value: coerceEntraBooleanString(value) } : filter;
    }
    default:
      return filter;
  }
}

/**
 * Entra ID with `aadOptscim062020`, and the Entra SCIM Validator, send a path-less `replace` whose
 * value keys are attribute paths: `"name.givenName"` and URN-qualified
 * `"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"`
 * (docs/reference/idp-requests.md#entra-with-aadoptscim062020, #entra-scim-validator, #patch-forms).
 * RFC 7644 §3.5.2.3 expects plain attribute names there; a key with a dot or a colon is therefore
 * read as a PATCH path.
 */
export function isAttributePathKey(key: string): boolean {
  return key.includes(".") || key.includes(":");
}

/**
 * A single value where a multi-valued attribute expects an array, e.g. `add` `members` with one
 * member object instead of a one-element list. No IdP documents it; it is tolerated as a
 * robustness requirement (docs/reference/idp-requests.md#tolerated-shapes). The value is read as a
 * one-element array (RFC 7643 §2.4).
 */
export function singleAsList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * A one-element array where a single-valued attribute expects one value, e.g. `"value": ["Ann"]`
 * for `name.givenName`. Robustness, as for {@link singleAsList}
 * (docs/reference/idp-requests.md#tolerated-shapes). Longer arrays are returned unchanged and fail
 * the type check.
 */
export function singletonListAsValue(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

/**
 * Entra ID sends the enterprise `manager` as a bare id string,
 * `{"op":"Add","path":"urn:…:enterprise:2.0:User:manager","value":"<id>"}`
 * (docs/reference/idp-requests.md#entra-manager, secondary). RFC 7643 §4.3 defines `manager` as
 * complex with a `value` sub-attribute, so a string, number or boolean given for a complex
 * attribute that has `value` becomes `{ value }`.
 */
export function bareValueAsComplex(definition: SchemaAttribute, value: unknown): unknown {
  if (value === null || typeof value === "object") return value;
  return findSubAttribute(definition, "value") === undefined ? value : { value };
}

/**
 * Entra ID sends group members as `{"$ref": null, "value": "<uid>"}`
 * (docs/reference/idp-requests.md#entra-groups). A null sub-attribute is unassigned (RFC 7643
 * §2.5), so a new value is stored without it.
 */
export function withoutNullMembers(object: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== null));
}

/**
 * Entra ID's default job (docs/reference/idp-requests.md#entra-groups, #entra-default-job) and
 * JumpCloud (#jumpcloud-groups, secondary) remove group members with
 * `{"op":"Remove","path":"members","value":[{"value":"<uid>"}]}`: no filter, the members to remove
 * listed in `value` (#group-push-forms). RFC 7644 §3.5.2.2 has no `value` on remove and would
 * unassign every member; instead only the listed elements are removed. An element matches a listed
 * item by its `value` sub-attribute when the item has one, else by being the same value.
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
