import type { SchemaAttribute } from "@scimkit/types";
import { ScimError } from "../scim-error.js";
import { sameAttributeValue } from "../validation/same-value.js";
import { isUnassigned, type JsonObject } from "./patch-json.js";

/**
 * Decides what a write to one attribute or sub-attribute stores, under the schema's own
 * mutability and `required` (RFC 7643 §2.2; RFC 7644 §3.5.2: "a client MUST NOT modify an
 * attribute that has mutability readOnly or immutable. However, a client MAY add a value to an
 * immutable attribute if the attribute had no previous value"):
 * - the same value as now (see sameAttributeValue) is no change, and the current value is kept — so Okta
 *   re-sending `id` in a path-less replace is accepted;
 * - otherwise readOnly → mutability, and immutable with a current value → mutability;
 * - a required attribute left unassigned → mutability (RFC 7644 §3.5.2.2: "If an attribute is
 *   removed or becomes unassigned and is defined as a required attribute or a read-only
 *   attribute, the server SHALL return … mutability").
 * Application policy (e.g. `userName` immutable by SCIM) is not applied here.
 */
export function guardChange(
  definition: SchemaAttribute,
  before: unknown,
  after: unknown,
  label: string,
): unknown {
  if (sameAttributeValue(definition, before, after)) return before;
  if (definition.mutability === "readOnly") {
    throw ScimError.mutability(`${label} is readOnly; it cannot be changed (RFC 7644 §3.5.2).`);
  }
  if (definition.mutability === "immutable" && !isUnassigned(before)) {
    throw ScimError.mutability(`${label} is immutable; it already has a value (RFC 7644 §3.5.2).`);
  }
  if (definition.required && isUnassigned(after)) {
    throw ScimError.mutability(`${label} is required; it cannot be removed (RFC 7644 §3.5.2.2).`);
  }
  return after;
}

/**
 * The next state of a complex value — a single-valued complex attribute, or one element of a
 * multi-valued one — after writing the sub-attributes of `incoming` into it:
 * - "merge" keeps the sub-attributes `incoming` does not name (add, RFC 7644 §3.5.2.1; replace of
 *   a complex attribute, §3.5.2.3: "Sub-attributes that are not specified in the value parameter
 *   are left unchanged"); "replace" starts empty (an element selected by a filter, §3.5.2.3);
 * - a null sub-attribute unassigns it (RFC 7643 §2.5);
 * - readOnly sub-attributes of a writable attribute (`members.display`, `manager.displayName`) are
 *   the service provider's to compute: values sent for them are ignored and the current ones
 *   kept (RFC 7643 §2.2; RFC 7644 §3.5.1 does the same for PUT). Okta sends `display` with members;
 * - every other sub-attribute goes through guardChange (e.g. immutable `members.value`).
 */
export function writeComplex(
  parent: SchemaAttribute,
  before: JsonObject | undefined,
  incoming: JsonObject,
  mode: "merge" | "replace",
  label: string,
): JsonObject {
  const result: JsonObject = mode === "merge" ? { ...before } : {};
  Object.assign(result, incoming);
  for (const sub of parent.subAttributes ?? []) {
    const previous = before?.[sub.name];
    const ignored = sub.mutability === "readOnly" && parent.mutability !== "readOnly";
    const next = ignored ? previous : guardChange(sub, previous, result[sub.name], `${label}.${sub.name}`);
    assign(result, sub.name, next);
  }
  return result;
}

/**
 * A copy of a complex value with one sub-attribute set to `value` (undefined or null removes it),
 * the sub-attribute named directly by the path (`name.givenName`, `emails[…].value`), so its
 * mutability applies as is (guardChange): a readOnly sub-attribute named by a path must keep its
 * value.
 */
export function writeSubAttribute(
  sub: SchemaAttribute,
  element: JsonObject | undefined,
  value: unknown,
  label: string,
): JsonObject {
  const result: JsonObject = { ...element };
  assign(result, sub.name, guardChange(sub, element?.[sub.name], value, label));
  return result;
}

function assign(object: JsonObject, name: string, value: unknown): void {
  if (isUnassigned(value)) delete object[name];
  else object[name] = value;
}
