import type { SchemaAttribute } from "@scimkit/types";
import { findAttribute, knownSchemaUrn } from "../schema/attribute-catalog.js";
import type { ResourceSchema } from "../schema/resource-schemas.js";
import { ScimError } from "../scim-error.js";
import { attributesOf, splitUrnPrefix } from "./attribute-names.js";
import { isJsonObject, type JsonObject } from "./json-value.js";
import type { ResolvedValidationOptions } from "./validation-options.js";

/** One top-level attribute of the input, matched to its definition. */
export interface ResourceEntry {
  /** The schema whose namespace holds the attribute: the core URN, or an extension URN (RFC 7643 §3.3). */
  readonly schemaUrn: string;
  readonly attribute: SchemaAttribute;
  readonly value: unknown;
}

/** The input's attributes sorted out: known entries, and the names no schema defines. */
export interface ResourceKeys {
  readonly entries: readonly ResourceEntry[];
  readonly unknown: readonly string[];
}

const isSchemasKey = (key: string): boolean => key.toLowerCase() === "schemas";

const isIgnored = (urn: string, options: ResolvedValidationOptions): boolean =>
  options.ignoredSchemaUrns.some((ignored) => ignored.toLowerCase() === urn.toLowerCase());

/**
 * Reads `schemas` (RFC 7643 §3): a non-empty array of strings that contains the core URN, each a
 * schema of the resource type (`400 invalidSyntax` otherwise) or an ignored URN (dropped).
 * Returns the listed URNs in canonical spelling. Missing is `400 invalidValue` unless
 * `requireSchemas` is off, in which case the core URN is assumed.
 */
export function readSchemas(
  input: JsonObject,
  schema: ResourceSchema,
  options: ResolvedValidationOptions,
): Set<string> {
  const key = Object.keys(input).find(isSchemasKey);
  const raw = key === undefined ? undefined : input[key];
  if (raw === undefined || raw === null) {
    if (options.requireSchemas) throw ScimError.invalidValue('"schemas" is required (RFC 7643 §3).');
    return new Set([schema.core.id]);
  }
  if (!Array.isArray(raw) || !raw.every((urn) => typeof urn === "string")) {
    throw ScimError.invalidValue('"schemas" must be an array of schema URN strings (RFC 7643 §3).');
  }
  if (!raw.some((urn) => knownSchemaUrn(schema, urn) === schema.core.id)) {
    throw ScimError.invalidValue(`"schemas" must contain ${schema.core.id} (RFC 7643 §3).`);
  }
  const listed = new Set<string>();
  const unknown: string[] = [];
  for (const urn of raw) {
    const known = knownSchemaUrn(schema, urn);
    if (known !== undefined) listed.add(known);
    else if (!isIgnored(urn, options)) unknown.push(urn);
  }
  if (unknown.length > 0) {
    throw ScimError.invalidSyntax(`Unknown schema(s) for ${schema.name}: ${unknown.join(", ")}.`);
  }
  return listed;
}

/**
 * Sorts the input's keys (all but `schemas`) into attribute entries, case-insensitively
 * (RFC 7643 §2.1): core and common attributes at the top level; extension attributes nested under
 * the extension URN (RFC 7643 §3.3) or as URN-qualified keys (`urn:…:User:employeeNumber`, as Entra ID
 * writes them); keys of ignored URNs are dropped; anything else is unknown.
 */
export function readResourceKeys(
  input: JsonObject,
  schema: ResourceSchema,
  options: ResolvedValidationOptions,
): ResourceKeys {
  const entries: ResourceEntry[] = [];
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (isSchemasKey(key) || isIgnored(key, options)) continue;
    const extensionUrn = schema.extensions.find(
      (extension) => extension.id.toLowerCase() === key.toLowerCase(),
    )?.id;
    if (extensionUrn !== undefined) {
      readExtensionObject(schema, extensionUrn, value, entries, unknown);
      continue;
    }
    const entry = readFlatKey(schema, key, value, options);
    if (entry === "ignored") continue;
    if (entry === undefined) unknown.push(key);
    else entries.push(entry);
  }
  return { entries, unknown };
}

function readExtensionObject(
  schema: ResourceSchema,
  urn: string,
  value: unknown,
  entries: ResourceEntry[],
  unknown: string[],
): void {
  if (value === null) return;
  if (!isJsonObject(value)) {
    throw ScimError.invalidValue(`"${urn}" must be a JSON object of extension attributes (RFC 7643 §3.3).`);
  }
  const attributes = attributesOf(schema, urn);
  for (const [name, item] of Object.entries(value)) {
    const attribute = findAttribute(attributes, name);
    if (attribute === undefined) unknown.push(`${urn}:${name}`);
    else entries.push({ schemaUrn: urn, attribute, value: item });
  }
}

function readFlatKey(
  schema: ResourceSchema,
  key: string,
  value: unknown,
  options: ResolvedValidationOptions,
): ResourceEntry | "ignored" | undefined {
  const urns = [schema.core.id, ...schema.extensions.map((extension) => extension.id)];
  const qualified = splitUrnPrefix(key, urns);
  if (qualified === undefined && splitUrnPrefix(key, options.ignoredSchemaUrns) !== undefined)
    return "ignored";
  const schemaUrn = qualified?.urn ?? schema.core.id;
  const attribute = findAttribute(attributesOf(schema, schemaUrn), qualified?.rest ?? key);
  return attribute === undefined ? undefined : { schemaUrn, attribute, value };
}
