import type { ResourceSchema } from "../schema/resource-schemas.js";
import { ScimError } from "../scim-error.js";
import { attributesOf } from "./attribute-names.js";
import {
  assertRequired,
  inSchemaOrder,
  type NormaliseContext,
  normaliseInputAttribute,
  putOnce,
  rejectUnknownAttributes,
} from "./attribute-values.js";
import { assertImmutableUnchanged } from "./immutable-attributes.js";
import { isJsonObject, type JsonObject } from "./json-value.js";
import { type ResourceEntry, readResourceKeys, readSchemas } from "./resource-keys.js";
import { resolveValidationOptions, type ValidationOptions } from "./validation-options.js";

/** A resource accepted by {@link validateResource}. */
export interface ValidatedResource {
  /**
   * The resource in canonical JSON form: `schemas` first (core URN, then the extensions in use),
   * attribute names as the schemas spell them, in schema order, extension attributes nested under
   * their URN, no unassigned, readOnly or writeOnly attributes.
   */
  readonly resource: Record<string, unknown>;
  /** Canonical names of the writeOnly attributes that were given and dropped (e.g. `password`). */
  readonly writeOnly: string[];
}

/**
 * Validates a resource sent on create or replace (RFC 7644 §3.3, §3.5.1) against its resource type's
 * schemas (RFC 7643 §2, §3, §4, §7) and normalises it:
 * - not a JSON object → `invalidSyntax`; `schemas` missing, malformed or without the core URN →
 *   `invalidValue`; an unknown schema URN → `invalidSyntax` (ignored URNs, such as Entra ID's group
 *   URN, are dropped with their attributes);
 * - names match case-insensitively (§2.1); unknown attributes → `invalidSyntax` (or dropped);
 * - readOnly attributes are ignored, writeOnly ones checked and dropped (§2.2);
 * - values are type-checked (§2.3, `invalidValue` naming the path); `null` and `[]` are unassigned (§2.5);
 * - required attributes must be present and non-empty; at most one `primary` value (§2.4);
 * - with `options.existing`, immutable attributes must keep their values (`mutability`).
 * The input is never mutated. Throws only {@link ScimError}.
 */
export function validateResource(
  input: unknown,
  schema: ResourceSchema,
  options: ValidationOptions = {},
): ValidatedResource {
  if (!isJsonObject(input)) throw ScimError.invalidSyntax("A resource must be a JSON object (RFC 7643 §2).");
  const resolved = resolveValidationOptions(options);
  const listed = readSchemas(input, schema, resolved);
  const { entries, unknown } = readResourceKeys(input, schema, resolved);
  const context: NormaliseContext = { unknownAttributes: resolved.unknownAttributes, writeOnly: [] };
  rejectUnknownAttributes(unknown, context);
  const body = assembleBody(schema, entries, context);
  // An extension is in use when listed or given data, even data that is only writeOnly.
  const inUse = schema.extensions.filter(
    (extension) =>
      listed.has(extension.id) ||
      body[extension.id] !== undefined ||
      context.writeOnly.some((path) => path.startsWith(`${extension.id}:`)),
  );
  assertRequired(attributesOf(schema, schema.core.id), body, "", context);
  for (const extension of inUse) {
    assertRequired(extension.attributes, extensionValues(body, extension.id), `${extension.id}:`, context);
  }
  const resource = { schemas: [schema.core.id, ...inUse.map((extension) => extension.id)], ...body };
  if (resolved.existing !== undefined) assertImmutableUnchanged(schema, resource, resolved.existing);
  return { resource, writeOnly: context.writeOnly };
}

/** Normalises every entry and lays the values out by schema: core attributes, then one object per extension. */
function assembleBody(
  schema: ResourceSchema,
  entries: readonly ResourceEntry[],
  context: NormaliseContext,
): JsonObject {
  const bySchema = new Map<string, Map<string, unknown>>();
  for (const { schemaUrn, attribute, value } of entries) {
    const prefix = schemaUrn === schema.core.id ? "" : `${schemaUrn}:`;
    const path = `${prefix}${attribute.name}`;
    const values = bySchema.get(schemaUrn) ?? new Map<string, unknown>();
    bySchema.set(schemaUrn, values);
    putOnce(values, attribute.name, normaliseInputAttribute(attribute, value, path, context), path);
  }
  const body = inSchemaOrder(attributesOf(schema, schema.core.id), bySchema.get(schema.core.id) ?? new Map());
  for (const extension of schema.extensions) {
    const values = inSchemaOrder(extension.attributes, bySchema.get(extension.id) ?? new Map());
    if (Object.keys(values).length > 0) body[extension.id] = values;
  }
  return body;
}

function extensionValues(body: JsonObject, urn: string): JsonObject {
  const values = body[urn];
  return isJsonObject(values) ? values : {};
}
