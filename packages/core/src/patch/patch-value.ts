import type { SchemaAttribute } from "@scimkit/types";
import { parseScimDateTime } from "../filter/filter-datetime.js";
import { findSubAttribute } from "../schema/attribute-catalog.js";
import { ScimError } from "../scim-error.js";
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

/** One value of an attribute (the value of a single-valued one, or one element of a multi-valued one). */
function normalizeSingle(definition: SchemaAttribute, raw: unknown, label: string): unknown {
  switch (definition.type) {
    case "complex":
      return normalizeComplex(definition, bareValueAsComplex(definition, raw), label);
    case "boolean":
    case "binary":
      return normaliseScalar(definition.type, raw, label);
    case "integer":
      return checked(Number.isSafeInteger(raw), raw, "an integer", label);
    case "decimal":
      return checked(typeof raw === "number" && Number.isFinite(raw), raw, "a number", label);
    case "dateTime":
      return checked(
        typeof raw === "string" && parseScimDateTime(raw) !== undefined,
        raw,
        "a dateTime",
        label,
      );
    default:
      return checked(typeof raw === "string", raw, `a ${definition.type}`, label);
  }
}

/** A complex value: an object whose members are sub-attributes, in canonical spelling. */
function normalizeComplex(definition: SchemaAttribute, raw: unknown, label: string): JsonObject {
  if (!isJsonObject(raw)) throw ScimError.invalidValue(`${label} must be an object, found ${typeName(raw)}.`);
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

/** RFC 7643 §2.4: the primary attribute value `true` MUST appear no more than once. */
function assertOnePrimary(definition: SchemaAttribute, values: readonly unknown[], label: string): void {
  const primaries = values.filter((value) => isJsonObject(value) && value.primary === true);
  if (primaries.length > 1 && findSubAttribute(definition, "primary") !== undefined) {
    throw ScimError.invalidValue(`${label}: at most one value may have "primary": true (RFC 7643 §2.4).`);
  }
}

function checked(ok: boolean, value: unknown, wanted: string, label: string): unknown {
  if (!ok) throw ScimError.invalidValue(`${label} must be ${wanted}, found ${typeName(value)}.`);
  return value;
}

/** Names the JSON type of a value for an error detail; never echoes the value (it may be a secret). */
function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
