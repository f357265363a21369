import type { ResourceType, SchemaAttribute, SchemaDefinition } from "@scimkit/types";
import { attributeFor, schemaFor } from "./announced-features.js";

/** Attributes every resource has (RFC 7643 §3) that a resource schema need not define. */
const COMMON_ATTRIBUTES = new Set(["id", "meta", "schemas", "externalId".toLowerCase()]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sub-attribute keys of a complex value (or of each element of a multi-valued one) its definition lacks. */
function undefinedSubAttributes(path: string, value: unknown, definition: SchemaAttribute): string[] {
  if (definition.type !== "complex") return [];
  const elements = Array.isArray(value) ? value : [value];
  const found = new Set<string>();
  for (const element of elements) {
    if (!isObject(element)) continue;
    for (const key of Object.keys(element)) {
      if (attributeFor(definition.subAttributes, key) === undefined) found.add(`${path}.${key}`);
    }
  }
  return [...found];
}

/** Keys of `values` (and their sub-attributes) that `schema` does not define. */
function undefinedIn(values: Record<string, unknown>, schema: SchemaDefinition, prefix: string): string[] {
  return Object.entries(values).flatMap(([key, value]) => {
    const definition = attributeFor(schema.attributes, key);
    if (definition === undefined) return [`${prefix}${key}`];
    return undefinedSubAttributes(`${prefix}${key}`, value, definition);
  });
}

/**
 * What a returned resource holds that the announced schemas do not describe (RFC 7643 §7, RFC 7644 §4):
 * top-level attributes missing from the core schema, extension URN keys the resource type does not
 * list or /Schemas does not define, and attributes missing from their extension schema. The common
 * attributes (`id`, `meta`, `schemas`, `externalId`, RFC 7643 §3) are exempt.
 */
export function attributesNotInSchemas(
  resource: Record<string, unknown>,
  resourceType: ResourceType,
  schemas: readonly SchemaDefinition[],
): string[] {
  const core = schemaFor(schemas, resourceType.schema);
  if (core === undefined) return [`(no schema ${resourceType.schema} in /Schemas)`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(resource)) {
    if (COMMON_ATTRIBUTES.has(key.toLowerCase())) continue;
    if (!key.toLowerCase().startsWith("urn:")) {
      problems.push(...undefinedIn({ [key]: value }, core, ""));
      continue;
    }
    const listed = resourceType.schemaExtensions?.some(
      (ext) => ext.schema.toLowerCase() === key.toLowerCase(),
    );
    const extension = schemaFor(schemas, key);
    if (!listed || extension === undefined || !isObject(value)) {
      problems.push(`${key} (an extension the resource type does not list, or /Schemas does not define)`);
      continue;
    }
    problems.push(...undefinedIn(value, extension, `${key}:`));
  }
  return problems;
}
