import type { SchemaAttribute } from "@scimkit/types";
import { findSubAttribute } from "../schema/attribute-catalog.js";
import { ScimError } from "../scim-error.js";
import { assertOnePrimary } from "../validation/attribute-values.js";
import { jsonTypeOf } from "../validation/json-value.js";
import { normaliseScalar } from "../validation/scalar-values.js";
import { bareValueAsComplex, singleAsList, singletonListAsValue } from "./idp-quirks.js";
import { isJsonObject, type JsonObject } from "./patch-json.js";

/**
 * Checks a PATCH value against the attribute it targets and returns it in canonical form
 * (RFC 7644 §3.5.2: an operation must be compatible with the attribute's schema):
 * - the JSON type must match the attribute type (RFC 7643 §2.3), else `invalidValue`;
 * - member names of complex values take the schema's spelling (case-insensitive, RFC 7643 §2.1);
 *   a member the schema does not define is `invalidValue` (the value, not the path, is wrong);
 * - a multi-valued attribute takes an array (RFC 7643 §2.4) with at most one `primary: true`;
 * - `null` stays `null` (unassigned, RFC 7643 §2.5); callers decide what it means, and null
 *   sub-attributes inside a complex value are kept as "unassign this sub-attribute" markers.
 * The IdP shapes of idp-quirks.ts are normalised on the way.
 */
export function normalizeValue(definition: SchemaAttribute, raw: unknown, label: string): unknown {
  if (raw === null) return null;
  if (!definition.multiValued) return normalizeSingle(definition, singletonListAsValue(raw), label);
  const values = singleAsList(raw).map((item, index) => {
    if (item === null) throw ScimError.invalidValue(`${label}[${index}] is null; a list holds values only.`);
    return normalizeSingle(definition, item, label);
  });
  assertOnePrimary(definition, values, label);
  return values;
}

/**
 * One element of a multi-valued attribute, as a value filter path without sub-attribute targets
 * it (`emails[type eq "work"]`); a one-element array is unwrapped like a single value.
 */
export function normalizeElement(definition: SchemaAttribute, raw: unknown, label: string): unknown {
  return normalizeValue({ ...definition, multiValued: false }, raw, label);
}

/**
 * One value of an attribute (the value of a single-valued one, or one element of a multi-valued one).
 * A non-complex value is checked by normaliseScalar, as resource validation checks it.
 */
function normalizeSingle(definition: SchemaAttribute, raw: unknown, label: string): unknown {
  if (definition.type !== "complex") return normaliseScalar(definition.type, raw, label);
  return normalizeComplex(definition, bareValueAsComplex(definition, raw), label);
}

/** A complex value: an object whose members are sub-attributes, in canonical spelling. */
function normalizeComplex(definition: SchemaAttribute, raw: unknown, label: string): JsonObject {
  if (!isJsonObject(raw)) throw ScimError.invalidValue(`${label} must be an object; got ${jsonTypeOf(raw)}.`);
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(raw)) {
    const sub = findSubAttribute(definition, key);
    if (sub === undefined) {
      throw ScimError.invalidValue(`${label} has no sub-attribute ${JSON.stringify(key)}.`);
    }
    if (Object.hasOwn(result, sub.name)) {
      throw ScimError.invalidValue(`${label} names the sub-attribute "${sub.name}" twice.`);
    }
    result[sub.name] = normalizeValue(sub, value, `${label}.${sub.name}`);
  }
  return result;
}
