import type { SchemaAttribute } from "@scimkit/types";
import type { ResourceSchema } from "../schema/resource-schemas.js";
import { ScimError } from "../scim-error.js";
import { attributesOf } from "./attribute-names.js";
import { isJsonObject, type JsonObject } from "./json-value.js";
import { sameAttributeValue } from "./same-value.js";

/**
 * Enforces immutability on replace (RFC 7644 §3.5.1, RFC 7643 §2.2 `immutable`): an immutable
 * attribute that has a value in `existing` must have the same value in `next` (leaving it out is a
 * change too); otherwise `400 mutability`. Immutable sub-attributes are checked where both sides give
 * them: in a single complex value directly; in a multi-valued one per value, matching values by their
 * `value` sub-attribute (RFC 7643 §2.4). A different `value` is another value, not a change: a PUT
 * replaces the whole collection, so group members may be swapped (Okta custom apps push membership by PUT).
 */
export function assertImmutableUnchanged(
  schema: ResourceSchema,
  next: JsonObject,
  existing: JsonObject,
): void {
  for (const urn of [schema.core.id, ...schema.extensions.map((extension) => extension.id)]) {
    const inExtension = urn !== schema.core.id;
    const nextValues = inExtension ? next[urn] : next;
    const oldValues = inExtension ? existing[urn] : existing;
    const prefix = inExtension ? `${urn}:` : "";
    for (const attribute of attributesOf(schema, urn)) {
      const before = isJsonObject(oldValues) ? oldValues[attribute.name] : undefined;
      const after = isJsonObject(nextValues) ? nextValues[attribute.name] : undefined;
      if (before === undefined || attribute.mutability === "readOnly") continue;
      const path = `${prefix}${attribute.name}`;
      if (attribute.mutability === "immutable" && !sameAttributeValue(attribute, before, after)) {
        throw immutable(path);
      }
      if (attribute.type === "complex" && after !== undefined) {
        assertSubAttributesKept(attribute, before, after, path);
      }
    }
  }
}

function assertSubAttributesKept(
  attribute: SchemaAttribute,
  before: unknown,
  after: unknown,
  path: string,
): void {
  const immutables = (attribute.subAttributes ?? []).filter((sub) => sub.mutability === "immutable");
  if (immutables.length === 0) return;
  const pairs = attribute.multiValued ? pairByValue(attribute, before, after) : [[before, after] as const];
  for (const [old, value] of pairs) {
    if (!isJsonObject(old) || !isJsonObject(value)) continue;
    const changed = immutables.find(
      (sub) =>
        old[sub.name] !== undefined &&
        value[sub.name] !== undefined &&
        !sameAttributeValue(sub, old[sub.name], value[sub.name]),
    );
    if (changed !== undefined) throw immutable(`${path}.${changed.name}`);
  }
}

function pairByValue(
  attribute: SchemaAttribute,
  before: unknown,
  after: unknown,
): (readonly [unknown, unknown])[] {
  const valueAttribute = attribute.subAttributes?.find((sub) => sub.name === "value");
  if (valueAttribute === undefined || !Array.isArray(before) || !Array.isArray(after)) return [];
  return after.flatMap((item) => {
    const key = isJsonObject(item) ? item.value : undefined;
    const old = before.find(
      (candidate) =>
        isJsonObject(candidate) &&
        key !== undefined &&
        sameAttributeValue(valueAttribute, candidate.value, key),
    );
    return old === undefined ? [] : [[old, item] as const];
  });
}

const immutable = (path: string): ScimError =>
  ScimError.mutability(`Attribute "${path}" is immutable and already has a different value (RFC 7643 §2.2).`);
