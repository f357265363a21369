import type { SchemaAttribute } from "@scimkit/types";
import type { AttrPath } from "../filter/filter-ast.js";
import { parseScimPatchPath } from "../filter/filter-parser.js";
import { findSubAttribute, knownSchemaUrn, resolveAttribute } from "../schema/attribute-catalog.js";
import type { ResourceSchema } from "../schema/resource-schemas.js";
import { ScimError } from "../scim-error.js";
import { compileValueFilter, type ValueSelector } from "./patch-value-filter.js";

/** Where a top-level attribute lives in a resource in JSON form. */
export interface AttributeSlot {
  readonly attribute: SchemaAttribute;
  /** The extension whose URN-named object holds the attribute (RFC 7643 §3.3); undefined for core attributes. */
  readonly extensionUrn: string | undefined;
  /** Canonical name: `displayName`, `name`, or `<extension URN>:<attribute>`. */
  readonly label: string;
}

/** What a PATCH path names (RFC 7644 §3.5.2, Figure 7), resolved against the resource's schemas. */
export interface AttributeTarget {
  readonly kind: "attribute";
  readonly slot: AttributeSlot;
  /** `givenName` of `name.givenName`, or `value` of `emails[type eq "work"].value`. */
  readonly subAttribute: SchemaAttribute | undefined;
  /** The compiled value filter of `emails[type eq "work"]`. */
  readonly selector: ValueSelector | undefined;
  /** The path as the client wrote it, for error details. */
  readonly label: string;
}

/** A path that is a schema URN on its own: the whole extension (or core schema) is the target. */
export interface SchemaTarget {
  readonly kind: "schema";
  readonly urn: string;
}

/** A resolved PATCH path. */
export type PatchTarget = AttributeTarget | SchemaTarget;

/**
 * Resolves a PATCH `path` (RFC 7644 §3.5.2): `attrPath`, `valuePath [subAttr]`, either of them
 * URN-qualified (RFC 7644 §3.10), or a bare schema URN (the whole extension object).
 *
 * @throws ScimError invalidPath for a malformed path, an attribute or sub-attribute the schemas do
 *   not define (never noTarget: the path is wrong, not the resource), or a value filter on an
 *   attribute that is not multi-valued and complex; invalidFilter for a bad value filter (see compileValueFilter).
 */
export function resolvePatchTarget(path: string, schema: ResourceSchema): PatchTarget {
  const urn = knownSchemaUrn(schema, path);
  return urn === undefined ? resolveAttributeTarget(path, schema) : { kind: "schema", urn };
}

/** Resolves a PATCH path that must name an attribute (not a bare schema URN); errors as resolvePatchTarget. */
export function resolveAttributeTarget(path: string, schema: ResourceSchema): AttributeTarget {
  const parsed = parseScimPatchPath(path);
  const target = resolveAttributePath(parsed.attribute, schema, path);
  if (parsed.filter === undefined) return target;
  const { attribute } = target.slot;
  if (!attribute.multiValued || attribute.type !== "complex") {
    const detail = `"${attribute.name}" is not a multi-valued complex attribute; it takes no value filter.`;
    throw ScimError.invalidPath(`${JSON.stringify(path)}: ${detail}`);
  }
  const subAttribute =
    parsed.subAttr === undefined ? undefined : subAttributeOf(attribute, parsed.subAttr, path);
  return { ...target, subAttribute, selector: compileValueFilter(parsed.filter, attribute) };
}

/**
 * Resolves `[URI ":"] ATTRNAME ["." subAttr]` to its attribute and sub-attribute in the schemas'
 * spelling (names are case-insensitive, RFC 7643 §2.1).
 *
 * @throws ScimError invalidPath when the schemas define no such attribute.
 */
export function resolveAttributePath(
  path: AttrPath,
  schema: ResourceSchema,
  written: string,
): AttributeTarget {
  const resolved = resolveAttribute(schema, {
    ...(path.uri === undefined ? {} : { uri: path.uri }),
    name: path.name,
  });
  if (resolved === undefined) {
    throw ScimError.invalidPath(
      `${JSON.stringify(written)} names no attribute of the ${schema.name} schemas.`,
    );
  }
  const { attribute } = resolved;
  const extensionUrn = resolved.inExtension ? resolved.schemaUrn : undefined;
  const label = extensionUrn === undefined ? attribute.name : `${extensionUrn}:${attribute.name}`;
  const subAttribute =
    path.subAttr === undefined ? undefined : subAttributeOf(attribute, path.subAttr, written);
  return {
    kind: "attribute",
    slot: { attribute, extensionUrn, label },
    subAttribute,
    selector: undefined,
    label: written,
  };
}

function subAttributeOf(attribute: SchemaAttribute, name: string, written: string): SchemaAttribute {
  const sub = findSubAttribute(attribute, name);
  if (sub === undefined) {
    throw ScimError.invalidPath(
      `${JSON.stringify(written)}: "${attribute.name}" has no sub-attribute "${name}".`,
    );
  }
  return sub;
}
