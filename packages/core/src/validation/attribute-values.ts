import type { SchemaAttribute } from "@scimkit/types";
import { findAttribute } from "../schema/attribute-catalog.js";
import { ScimError } from "../scim-error.js";
import { isJsonObject, type JsonObject, sameJson } from "./json-value.js";
import { normaliseScalar } from "./scalar-values.js";

/** What value normalisation needs besides the value: the policy for unknown names and a writeOnly log. */
export interface NormaliseContext {
  readonly unknownAttributes: "reject" | "ignore";
  /** Canonical paths of writeOnly attributes that were given, checked and dropped (RFC 7643 §2.2). */
  readonly writeOnly: string[];
}

/** Rejects unknown attribute names (`400 invalidSyntax` naming them) unless the policy ignores them. */
export function rejectUnknownAttributes(
  names: readonly string[],
  context: Pick<NormaliseContext, "unknownAttributes">,
): void {
  if (names.length === 0 || context.unknownAttributes === "ignore") return;
  throw ScimError.invalidSyntax(`Unknown attribute(s): ${names.join(", ")}.`);
}

/** Whether a required attribute counts as absent: unassigned (RFC 7643 §2.5) or the empty string. */
export function isMissing(value: unknown): boolean {
  return value === undefined || value === "";
}

/**
 * Checks the required attributes among `attributes` in a normalised `container` (RFC 7643 §2.2
 * `required`): missing or empty is `400 invalidValue`. readOnly attributes are the server's to set;
 * writeOnly ones count as present when they were given.
 */
export function assertRequired(
  attributes: readonly SchemaAttribute[],
  container: JsonObject,
  prefix: string,
  context: NormaliseContext,
): void {
  for (const attribute of attributes) {
    if (!attribute.required || attribute.mutability === "readOnly") continue;
    const path = `${prefix}${attribute.name}`;
    const present =
      attribute.mutability === "writeOnly"
        ? context.writeOnly.includes(path)
        : !isMissing(container[attribute.name]);
    if (!present) throw ScimError.invalidValue(`Attribute "${path}" is required.`);
  }
}

/**
 * Normalises an attribute as it appears in input, by mutability (RFC 7643 §2.2): readOnly values are
 * ignored (the server owns them; Okta re-sends `id`, `meta`, `groups` on PUT); writeOnly values are
 * type-checked, logged in `context.writeOnly` and dropped; others are normalised.
 * Returns undefined when nothing is to be kept.
 */
export function normaliseInputAttribute(
  attribute: SchemaAttribute,
  value: unknown,
  path: string,
  context: NormaliseContext,
): unknown {
  if (attribute.mutability === "readOnly") return undefined;
  const normalised = normaliseAttributeValue(attribute, value, path, context);
  if (attribute.mutability !== "writeOnly") return normalised;
  if (normalised !== undefined && !context.writeOnly.includes(path)) context.writeOnly.push(path);
  return undefined;
}

/**
 * Normalises one attribute value against its definition (RFC 7643 §2.3, §2.4). `null`, and `[]` for a
 * multi-valued attribute, mean unassigned (RFC 7643 §2.5) and yield undefined. A single value where an
 * array is expected is tolerated and wrapped. Complex values keep only known, non-readOnly
 * sub-attributes, in schema order; at most one value of a multi-valued attribute may be `primary`.
 */
export function normaliseAttributeValue(
  attribute: SchemaAttribute,
  value: unknown,
  path: string,
  context: NormaliseContext,
): unknown {
  if (value === null || value === undefined) return undefined;
  if (!attribute.multiValued) return normaliseSingleValue(attribute, value, path, context);
  const items = Array.isArray(value) ? value : [value];
  const normalised = items
    .map((item) => (item === null ? undefined : normaliseSingleValue(attribute, item, path, context)))
    .filter((item) => item !== undefined);
  if (normalised.length === 0) return undefined;
  assertOnePrimary(attribute, normalised, path);
  return normalised;
}

function normaliseSingleValue(
  attribute: SchemaAttribute,
  value: unknown,
  path: string,
  context: NormaliseContext,
): unknown {
  if (attribute.type !== "complex") return normaliseScalar(attribute.type, value, path);
  if (!isJsonObject(value)) {
    throw ScimError.invalidValue(`Attribute "${path}" must be a complex value (a JSON object).`);
  }
  return normaliseComplex(attribute, value, path, context);
}

function normaliseComplex(
  attribute: SchemaAttribute,
  value: JsonObject,
  path: string,
  context: NormaliseContext,
): JsonObject | undefined {
  const subAttributes = attribute.subAttributes ?? [];
  const given = new Map<string, unknown>();
  const unknown: string[] = [];
  for (const [key, raw] of Object.entries(value)) {
    const sub = findAttribute(subAttributes, key);
    if (sub === undefined) {
      unknown.push(`${path}.${key}`);
      continue;
    }
    const normalised = normaliseInputAttribute(sub, raw, `${path}.${sub.name}`, context);
    putOnce(given, sub.name, normalised, `${path}.${sub.name}`);
  }
  rejectUnknownAttributes(unknown, context);
  const result = inSchemaOrder(subAttributes, given);
  assertRequired(subAttributes, result, `${path}.`, context);
  return Object.keys(result).length === 0 ? undefined : result;
}

/**
 * Records a normalised value under its canonical name. Names are case-insensitive (RFC 7643 §2.1),
 * so `userName` and `USERNAME` are one attribute: given twice with different values is ambiguous,
 * `400 invalidSyntax`.
 */
export function putOnce(values: Map<string, unknown>, name: string, value: unknown, path: string): void {
  if (values.has(name) && !sameJson(values.get(name), value)) {
    throw ScimError.invalidSyntax(`Attribute "${path}" is given more than once with different values.`);
  }
  values.set(name, value);
}

/** A JSON object of the defined values in `values`, keyed and ordered as `attributes` are. */
export function inSchemaOrder(
  attributes: readonly SchemaAttribute[],
  values: ReadonlyMap<string, unknown>,
): JsonObject {
  const result: JsonObject = {};
  for (const attribute of attributes) {
    const value = values.get(attribute.name);
    if (value !== undefined) result[attribute.name] = value;
  }
  return result;
}

/**
 * RFC 7643 §2.4: "The primary attribute value 'true' MUST appear no more than once." Checks the
 * values of a multi-valued attribute that has a `primary` sub-attribute: two `primary: true` are
 * `400 invalidValue`. Resource validation (POST, PUT), PATCH values and PATCH's demotion of other
 * primaries (patch-multi-valued.ts settlePrimary) all call it.
 */
export function assertOnePrimary(attribute: SchemaAttribute, values: readonly unknown[], path: string): void {
  if (findAttribute(attribute.subAttributes, "primary") === undefined) return;
  const primaries = values.filter((value) => isJsonObject(value) && value.primary === true).length;
  if (primaries > 1) {
    throw ScimError.invalidValue(`At most one value of "${path}" may be primary (RFC 7643 §2.4).`);
  }
}
