import type { ResourceSchema } from "../schema/resource-schemas.js";
import { asJsonObject, isUnassigned, type JsonObject } from "./patch-json.js";
import type { AttributeSlot } from "./patch-target.js";

/** The current value of a top-level attribute: a member of the resource, or of its extension's object. */
export function readSlot(resource: JsonObject, slot: AttributeSlot): unknown {
  const container = slot.extensionUrn === undefined ? resource : asJsonObject(resource[slot.extensionUrn]);
  return container[slot.attribute.name];
}

/**
 * A copy of `resource` with the attribute set to `value`. An unassigned value (undefined, null,
 * `[]`, `{}`; RFC 7643 §2.5) removes the member, and an extension object left empty is removed
 * too, so "unassigned" has one representation. Writing the current value returns `resource`.
 */
export function writeSlot(resource: JsonObject, slot: AttributeSlot, value: unknown): JsonObject {
  if (value === readSlot(resource, slot)) return resource;
  if (slot.extensionUrn === undefined) return withMember(resource, slot.attribute.name, value);
  const extension = withMember(asJsonObject(resource[slot.extensionUrn]), slot.attribute.name, value);
  return withMember(resource, slot.extensionUrn, extension);
}

/** A copy of `object` with `name` set to `value`, or without `name` when the value is unassigned. */
export function withMember(object: JsonObject, name: string, value: unknown): JsonObject {
  const copy = Object.fromEntries(Object.entries(object).filter(([key]) => key !== name));
  if (!isUnassigned(value)) copy[name] = value;
  return copy;
}

/**
 * Keeps `schemas` in step with the extensions (RFC 7643 §3: `schemas` lists the schemas the
 * resource uses): an extension object the PATCH created adds its URN, one it emptied removes it.
 * URNs of extensions whose presence did not change are left as they were; a resource without a
 * `schemas` array is left without one.
 */
export function syncExtensionSchemas(
  before: JsonObject,
  after: JsonObject,
  schema: ResourceSchema,
): JsonObject {
  const { schemas } = after;
  if (!Array.isArray(schemas)) return after;
  let next: unknown[] = schemas;
  for (const { id } of schema.extensions) {
    const present = !isUnassigned(after[id]);
    if (present === !isUnassigned(before[id])) continue;
    const others = next.filter((urn) => typeof urn !== "string" || urn.toLowerCase() !== id.toLowerCase());
    next = present ? [...others, id] : others;
  }
  return next === schemas ? after : { ...after, schemas: next };
}
