import { knownSchemaUrn } from "../schema/attribute-catalog.js";
import type { ResourceSchema } from "../schema/resource-schemas.js";
import { ScimError } from "../scim-error.js";
import { isAttributePathKey } from "./idp-quirks.js";
import { isJsonObject } from "./patch-json.js";
import { type AttributeTarget, resolveAttributePath, resolveAttributeTarget } from "./patch-target.js";

/** One attribute of a path-less `add`/`replace` value, with the value to write to it. */
export interface PathlessEntry {
  readonly target: AttributeTarget;
  readonly value: unknown;
}

/**
 * Splits the value of an `add` or `replace` without `path` (RFC 7644 §3.5.2.1, §3.5.2.3: "the
 * target location is assumed to be the resource itself") into one entry per attribute:
 * - a plain key names an attribute of the core schema or an extension (`active`, `displayName`);
 * - a schema URN key holds an object of that schema's attributes (RFC 7643 §3.3);
 * - a key with a dot or colon is an attribute path (Entra ID, idp-quirks.ts isAttributePathKey);
 * - `schemas` is skipped: the service provider maintains it (patch-resource.ts).
 * Unknown attribute names are invalidPath, as in a `path`: a key of this object is a path.
 *
 * @throws ScimError invalidValue when the value is not a non-empty object, or a URN key does not
 *   hold an object; invalidPath for a key that names no attribute.
 */
export function pathlessEntries(value: unknown, schema: ResourceSchema): PathlessEntry[] {
  if (!isJsonObject(value) || Object.keys(value).length === 0) {
    throw ScimError.invalidValue(
      "An add or replace without a path needs an object of one or more attributes as value (RFC 7644 §3.5.2).",
    );
  }
  return Object.entries(value).flatMap(([key, member]) => entriesOf(key, member, schema));
}

function entriesOf(key: string, member: unknown, schema: ResourceSchema): PathlessEntry[] {
  if (key.toLowerCase() === "schemas") return [];
  const urn = knownSchemaUrn(schema, key);
  if (urn === undefined) return [{ target: targetOf(key, schema), value: member }];
  if (!isJsonObject(member)) {
    throw ScimError.invalidValue(`${JSON.stringify(key)} must hold an object of the schema's attributes.`);
  }
  return Object.entries(member).map(([name, inner]) => ({
    target: targetOf(`${urn}:${name}`, schema),
    value: inner,
  }));
}

function targetOf(key: string, schema: ResourceSchema): AttributeTarget {
  return isAttributePathKey(key)
    ? resolveAttributeTarget(key, schema)
    : resolveAttributePath({ name: key }, schema, key);
}
