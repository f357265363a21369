import type { SchemaAttribute } from "@scimkit/types";
import { findSubAttribute, resolveAttribute } from "../schema/attribute-catalog.js";
import type { ResourceSchema } from "../schema/resource-schemas.js";
import { ScimError } from "../scim-error.js";
import { isJsonObject } from "../validation/json-value.js";
import type { AttrPath } from "./filter-ast.js";
import type { ComparedAttribute } from "./filter-compare.js";
import { quote } from "./filter-lexer.js";
import { printAttrPath } from "./filter-printer.js";

/** A JSON object: a resource, or one value of a complex attribute. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** Where a filter's paths are resolved: the resource, or the values of `parent` inside `parent[…]`. */
export type FilterScope =
  | { readonly kind: "resource"; readonly schema: ResourceSchema }
  | { readonly kind: "element"; readonly parent: SchemaAttribute; readonly label: string };

/** An attribute path resolved against a scope, with a reader for the values it yields. */
export interface FilterTarget extends ComparedAttribute {
  /** The path's values in one scope object, multi-valued attributes flattened, null/undefined dropped. */
  readonly read: (scope: JsonObject) => unknown[];
}

/** What the path is used for: `pr` tests the attribute itself, a comparison a complex attribute's `value`. */
export type TargetUse = "present" | "compare" | "valuePath";

/**
 * `schemas` is on every resource (RFC 7643 §3) but in no schema definition; RFC 7644 §3.4.2.2
 * filters on it (`schemas eq "urn:…:enterprise:2.0:User"`). URIs compare case-insensitively here.
 */
const schemasAttribute: SchemaAttribute = {
  name: "schemas",
  type: "reference",
  multiValued: true,
  required: true,
  caseExact: false,
  mutability: "readWrite",
  returned: "always",
  uniqueness: "none",
};

/**
 * Resolves a filter path (RFC 7644 §3.4.2.2, §3.10) with the attribute catalog. At resource scope
 * the path may carry a schema URN and a sub-attribute; extension attributes are read under their
 * URN key (RFC 7643 §3.3). Inside `attr[…]` a path names a sub-attribute of `attr`.
 *
 * @throws ScimError invalidFilter naming an unknown attribute or a misplaced value filter.
 */
export function resolveFilterTarget(path: AttrPath, scope: FilterScope, use: TargetUse): FilterTarget {
  const found = scope.kind === "resource" ? inResource(path, scope.schema) : inElement(path, scope);
  if (use === "valuePath") return valuePathTarget(found, scope);
  if (found.subAttribute === undefined && use === "compare" && found.attribute.type === "complex") {
    const value = findSubAttribute(found.attribute, "value");
    if (value !== undefined) return target({ ...found, label: `${found.label}.value`, subAttribute: value });
  }
  return target(found);
}

interface FoundPath {
  readonly label: string;
  readonly attribute: SchemaAttribute;
  readonly subAttribute?: SchemaAttribute | undefined;
  /** Reads the top-level attribute's raw value from a scope object. */
  readonly top: (scope: JsonObject) => unknown;
}

function inResource(path: AttrPath, schema: ResourceSchema): FoundPath {
  const label = printAttrPath(path);
  if (path.uri === undefined && path.subAttr === undefined && path.name.toLowerCase() === "schemas") {
    return { label, attribute: schemasAttribute, top: (resource) => resource.schemas };
  }
  const resolved = resolveAttribute(schema, path);
  if (resolved === undefined) {
    throw ScimError.invalidFilter(
      `The filter names ${quote(label)}, which is not an attribute of ${schema.name}.`,
    );
  }
  const { attribute, inExtension, schemaUrn } = resolved;
  const top = (resource: JsonObject): unknown => {
    const container = inExtension ? resource[schemaUrn] : resource;
    return isJsonObject(container) ? container[attribute.name] : undefined;
  };
  return { label, attribute, subAttribute: resolved.subAttribute, top };
}

function inElement(
  path: AttrPath,
  scope: { readonly parent: SchemaAttribute; readonly label: string },
): FoundPath {
  const label = `${scope.label}.${printAttrPath(path)}`;
  const attribute =
    path.uri === undefined && path.subAttr === undefined
      ? findSubAttribute(scope.parent, path.name)
      : undefined;
  if (attribute === undefined) {
    throw ScimError.invalidFilter(
      `The value filter of "${scope.label}" names ${quote(printAttrPath(path))}, which is not one of its sub-attributes.`,
    );
  }
  return { label, attribute, top: (element) => element[attribute.name] };
}

function valuePathTarget(found: FoundPath, scope: FilterScope): FilterTarget {
  if (scope.kind === "element") {
    throw ScimError.invalidFilter(`Value filters cannot be nested, as in "${found.label}[…]".`);
  }
  if (found.subAttribute !== undefined || found.attribute.type !== "complex") {
    throw ScimError.invalidFilter(
      `A value filter "[…]" needs a complex attribute, and "${found.label}" is not one.`,
    );
  }
  return target(found);
}

function target(found: FoundPath): FilterTarget {
  const { label, attribute, subAttribute, top } = found;
  if (subAttribute === undefined)
    return { label, definition: attribute, read: (scope) => valuesOf(top(scope)) };
  const read = (scope: JsonObject): unknown[] =>
    valuesOf(top(scope)).flatMap((value) => (isJsonObject(value) ? valuesOf(value[subAttribute.name]) : []));
  return { label, definition: subAttribute, read };
}

/** A value as a list: an array's non-null items, one non-null value, or nothing. */
function valuesOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.filter((item) => item !== undefined && item !== null);
  return [value];
}
