import type { SchemaAttribute } from "@scimkit/types";
import type { AttrPath } from "../filter/filter-ast.js";
import { commonAttributes } from "./common-attributes.js";
import type { ResourceSchema } from "./resource-schemas.js";

/** An attribute path resolved against a resource type's schemas, in the schemas' spelling. */
export interface ResolvedAttribute {
  /** The URN of the schema that defines the top-level attribute (the core schema for common attributes). */
  readonly schemaUrn: string;
  /** True when the attribute lives in an extension, i.e. under the extension's URN key in JSON (RFC 7643 §3.3). */
  readonly inExtension: boolean;
  /** The top-level attribute. */
  readonly attribute: SchemaAttribute;
  /** The sub-attribute, when the path names one. */
  readonly subAttribute?: SchemaAttribute;
  /** The definition the path points at: the sub-attribute if any, else the attribute. */
  readonly target: SchemaAttribute;
  /** Canonical dotted path without URN, e.g. `name.givenName`, `emails.value`, `manager.value`. */
  readonly path: string;
}

/** Finds an attribute by name, case-insensitively (RFC 7643 §2.1). */
export function findAttribute(
  attributes: readonly SchemaAttribute[] | undefined,
  name: string,
): SchemaAttribute | undefined {
  const folded = name.toLowerCase();
  return attributes?.find((attribute) => attribute.name.toLowerCase() === folded);
}

/** Finds a sub-attribute of a complex attribute by name, case-insensitively (RFC 7643 §2.1). */
export function findSubAttribute(parent: SchemaAttribute, name: string): SchemaAttribute | undefined {
  return findAttribute(parent.subAttributes, name);
}

/**
 * Resolves an attribute path against a resource type (RFC 7644 §3.10): a URN prefix selects the
 * core schema or an extension; without one, the core schema and common attributes are searched
 * first, then the extensions. Names match case-insensitively. Returns undefined for unknown paths.
 */
export function resolveAttribute(resource: ResourceSchema, path: AttrPath): ResolvedAttribute | undefined {
  const candidates = schemasFor(resource, path.uri);
  for (const { urn, attributes, inExtension } of candidates) {
    const attribute = findAttribute(attributes, path.name);
    if (attribute === undefined) continue;
    if (path.subAttr === undefined) {
      return { schemaUrn: urn, inExtension, attribute, target: attribute, path: attribute.name };
    }
    const subAttribute = findSubAttribute(attribute, path.subAttr);
    if (subAttribute === undefined) return undefined;
    return {
      schemaUrn: urn,
      inExtension,
      attribute,
      subAttribute,
      target: subAttribute,
      path: `${attribute.name}.${subAttribute.name}`,
    };
  }
  return undefined;
}

interface SchemaCandidate {
  readonly urn: string;
  readonly attributes: readonly SchemaAttribute[];
  readonly inExtension: boolean;
}

function schemasFor(resource: ResourceSchema, uri: string | undefined): SchemaCandidate[] {
  const core: SchemaCandidate = {
    urn: resource.core.id,
    attributes: [...commonAttributes, ...resource.core.attributes],
    inExtension: false,
  };
  const extensions = resource.extensions.map((extension) => ({
    urn: extension.id,
    attributes: extension.attributes,
    inExtension: true,
  }));
  if (uri === undefined) return [core, ...extensions];
  const folded = uri.toLowerCase();
  return [core, ...extensions].filter((candidate) => candidate.urn.toLowerCase() === folded);
}

/** Whether a URN names the core schema or one of the extensions of the resource type (case-insensitive). */
export function knownSchemaUrn(resource: ResourceSchema, urn: string): string | undefined {
  const folded = urn.toLowerCase();
  return [resource.core.id, ...resource.extensions.map((extension) => extension.id)].find(
    (candidate) => candidate.toLowerCase() === folded,
  );
}
