import type { SchemaAttribute } from "@scimkit/types";
import type { AttrPath } from "../filter/filter-ast.js";
import { knownSchemaUrn, resolveAttribute } from "../schema/attribute-catalog.js";
import type { ResourceSchema } from "../schema/resource-schemas.js";
import { attributesOf } from "../validation/attribute-names.js";

/** Which attributes one attribute list names, in canonical spelling. */
interface Selection {
  /** Schema URNs named as a whole (all their attributes). */
  readonly schemas: ReadonlySet<string>;
  /** Attributes named as a whole, keyed `urn␟name`. */
  readonly attributes: ReadonlySet<string>;
  /** Sub-attributes named, by their attribute's key. */
  readonly subAttributes: ReadonlyMap<string, ReadonlySet<string>>;
}

/** How one attribute is copied: the sub-attributes to keep, for a complex attribute. */
export interface AttributePlan {
  readonly name: string;
  readonly multiValued: boolean;
  /** Sub-attributes to keep; undefined copies the value whole (attributes without sub-attributes). */
  readonly subAttributes?: readonly string[];
}

/** What to copy from a resource: `schemas`, then top-level attributes and extension containers in order. */
export type ProjectionStep =
  | { readonly kind: "attribute"; readonly plan: AttributePlan }
  | { readonly kind: "extension"; readonly urn: string; readonly plans: readonly AttributePlan[] };

const keyOf = (urn: string, name: string): string => `${urn}\u241f${name}`;

/**
 * Resolves attribute paths against the resource type (RFC 7644 §3.4.2.5). A path that spells a
 * schema URN (`urn:…:enterprise:2.0:User`) names the whole schema. Unknown paths name nothing: they are
 * ignored without error, like attributes a service provider does not support.
 */
function select(schema: ResourceSchema, paths: readonly AttrPath[]): Selection {
  const schemas = new Set<string>();
  const attributes = new Set<string>();
  const subAttributes = new Map<string, Set<string>>();
  for (const path of paths) {
    const whole =
      path.uri !== undefined && path.subAttr === undefined
        ? knownSchemaUrn(schema, `${path.uri}:${path.name}`)
        : undefined;
    const resolved = whole === undefined ? resolveAttribute(schema, path) : undefined;
    if (whole !== undefined) schemas.add(whole);
    if (resolved === undefined) continue;
    const key = keyOf(resolved.schemaUrn, resolved.attribute.name);
    if (resolved.subAttribute === undefined) attributes.add(key);
    else subAttributes.set(key, new Set([...(subAttributes.get(key) ?? []), resolved.subAttribute.name]));
  }
  return { schemas, attributes, subAttributes };
}

/** The two query modes of RFC 7644 §3.4.2.5, or neither (the `default` set). */
type Mode =
  | { readonly kind: "attributes" | "excluded"; readonly selection: Selection }
  | { readonly kind: "default" };

/**
 * Whether an attribute or sub-attribute is returned, by its `returned` characteristic (RFC 7643 §2.4,
 * §7): `always` yes, `never` no; `request` only when `attributes` names it; `default` when
 * `attributes` names it, or else unless `excludedAttributes` does. `named`: the mode's list names it.
 */
function isReturned(attribute: SchemaAttribute, named: boolean, mode: Mode): boolean {
  if (attribute.returned === "always") return true;
  if (attribute.returned === "never") return false;
  if (mode.kind === "attributes") return named;
  return attribute.returned === "default" && !named;
}

function planAttribute(urn: string, attribute: SchemaAttribute, mode: Mode): AttributePlan | undefined {
  if (attribute.returned === "never") return undefined;
  const key = keyOf(urn, attribute.name);
  const selection = mode.kind === "default" ? undefined : mode.selection;
  const listed = selection?.attributes.has(key) === true;
  const inListedSchema = selection?.schemas.has(urn) === true && attribute.returned !== "request";
  const whole = isReturned(attribute, listed || inListedSchema, mode);
  if (attribute.subAttributes === undefined || attribute.subAttributes.length === 0) {
    return whole ? { name: attribute.name, multiValued: attribute.multiValued } : undefined;
  }
  const namedSubs = selection?.subAttributes.get(key) ?? new Set<string>();
  const subAttributes = attribute.subAttributes
    .filter((sub) => {
      const named = namedSubs.has(sub.name);
      if (mode.kind === "attributes") {
        return isReturned(sub, named || (whole && sub.returned !== "request"), mode);
      }
      return (whole || sub.returned === "always") && isReturned(sub, named, mode);
    })
    .map((sub) => sub.name);
  if (subAttributes.length === 0) return undefined;
  return { name: attribute.name, multiValued: attribute.multiValued, subAttributes };
}

/**
 * Compiles the steps that project resources of `schema` for one request. `attributes` wins when both
 * lists are given (RFC 7644 §3.4.2.5 says they SHALL NOT both be given; `excludedAttributes` is
 * then ignored rather than failing the request). Order: `id`, `externalId`, core attributes,
 * extensions, `meta` — the order of the RFC 7643 §8 examples.
 */
export function planProjection(
  schema: ResourceSchema,
  attributes: readonly AttrPath[],
  excludedAttributes: readonly AttrPath[],
): ProjectionStep[] {
  const mode: Mode =
    attributes.length > 0
      ? { kind: "attributes", selection: select(schema, attributes) }
      : excludedAttributes.length > 0
        ? { kind: "excluded", selection: select(schema, excludedAttributes) }
        : { kind: "default" };
  const plansOf = (urn: string, list: readonly SchemaAttribute[]): AttributePlan[] =>
    list.map((attribute) => planAttribute(urn, attribute, mode)).filter((plan) => plan !== undefined);
  const core = plansOf(schema.core.id, attributesOf(schema, schema.core.id));
  const steps: ProjectionStep[] = core
    .filter((plan) => plan.name !== "meta")
    .map((plan) => ({ kind: "attribute", plan }));
  for (const extension of schema.extensions) {
    const plans = plansOf(extension.id, extension.attributes);
    if (plans.length > 0) steps.push({ kind: "extension", urn: extension.id, plans });
  }
  const meta = core.find((plan) => plan.name === "meta");
  if (meta !== undefined) steps.push({ kind: "attribute", plan: meta });
  return steps;
}
