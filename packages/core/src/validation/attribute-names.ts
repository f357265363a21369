import type { SchemaAttribute } from "@scimkit/types";
import type { AttrPath } from "../filter/filter-ast.js";
import { resolveAttribute } from "../schema/attribute-catalog.js";
import { commonAttributes } from "../schema/common-attributes.js";
import type { ResourceSchema } from "../schema/resource-schemas.js";

/**
 * The attributes in a schema's namespace (RFC 7643 §3): for the core schema its own attributes
 * plus the common ones (`id`, `externalId`, `meta`, RFC 7643 §3.1); for an extension, its own.
 */
export function attributesOf(schema: ResourceSchema, urn: string): readonly SchemaAttribute[] {
  if (urn === schema.core.id) return [...commonAttributes, ...schema.core.attributes];
  return schema.extensions.find((extension) => extension.id === urn)?.attributes ?? [];
}

/**
 * Splits a URN-qualified key such as `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber`
 * into the URN (as spelled in `urns`) and the rest, matching the URN case-insensitively
 * (RFC 7644 §3.10). Undefined when the key starts with none of `urns` followed by `:`.
 */
export function splitUrnPrefix(
  key: string,
  urns: readonly string[],
): { readonly urn: string; readonly rest: string } | undefined {
  const folded = key.toLowerCase();
  const urn = urns.find((candidate) => folded.startsWith(`${candidate.toLowerCase()}:`));
  return urn === undefined ? undefined : { urn, rest: key.slice(urn.length + 1) };
}

/**
 * Reads `[URN ":"] name ["." subAttr]` (RFC 7644 §3.10) into an {@link AttrPath}, taking only the
 * schema URNs of `schema` as prefixes (URNs contain `:` and `.` themselves). Undefined when malformed.
 */
export function readAttributeKey(schema: ResourceSchema, key: string): AttrPath | undefined {
  const urns = [schema.core.id, ...schema.extensions.map((extension) => extension.id)];
  const qualified = splitUrnPrefix(key, urns);
  const local = qualified?.rest ?? key;
  if (local.includes(":")) return undefined;
  const [name = "", subAttr, ...more] = local.split(".");
  if (name === "" || subAttr === "" || more.length > 0) return undefined;
  return {
    ...(qualified === undefined ? {} : { uri: qualified.urn }),
    name,
    ...(subAttr === undefined ? {} : { subAttr }),
  };
}

/**
 * The canonical spelling of an attribute name or path of the resource type (RFC 7643 §2.1: names are
 * case-insensitive): `USERNAME` → `userName`, `name.givenname` → `name.givenName`,
 * `urn:…:enterprise:2.0:user:employeenumber` → `urn:…:enterprise:2.0:User:employeeNumber`.
 * Extension attributes are returned URN-qualified, core ones without the core URN. Undefined when
 * the resource type has no such attribute.
 */
export function normaliseAttributeName(schema: ResourceSchema, name: string): string | undefined {
  const path = readAttributeKey(schema, name);
  const resolved = path === undefined ? undefined : resolveAttribute(schema, path);
  if (resolved === undefined) return undefined;
  return resolved.inExtension ? `${resolved.schemaUrn}:${resolved.path}` : resolved.path;
}
