import type { SchemaAttribute } from "@scimkit/types";
import { commonAttributes } from "../schema/common-attributes.js";
import type { ResourceSchema } from "../schema/resource-schemas.js";
import { sameJson } from "../validation/json-value.js";
import { asJsonObject, isUnassigned, type JsonObject } from "./patch-json.js";

/**
 * The attributes whose value differs between two states of a resource, as a sorted list of
 * canonical names without duplicates — names only, never values (`password` may be listed):
 * - top-level attributes by name: `active`, `emails`, `members`;
 * - sub-attributes of single-valued complex core attributes: `name.givenName`;
 * - extension attributes by their URN-qualified name (RFC 7644 §3.10), complex ones included:
 *   `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber`, `…:User:manager`
 *   (as the IdP fixtures in packages/core/test/fixtures/idp expect).
 * Values compare exactly (a change of case is a change); unassigned forms (absent, null, `[]`,
 * `{}`) are equal (RFC 7643 §2.5). Members the schemas do not define are not compared.
 */
export function changedAttributes(
  before: Readonly<JsonObject>,
  after: Readonly<JsonObject>,
  schema: ResourceSchema,
): string[] {
  const names = new Set<string>();
  collect(names, before, after, [...commonAttributes, ...schema.core.attributes], "");
  for (const extension of schema.extensions) {
    const prefix = `${extension.id}:`;
    collect(
      names,
      asJsonObject(before[extension.id]),
      asJsonObject(after[extension.id]),
      extension.attributes,
      prefix,
    );
  }
  return [...names].sort();
}

function collect(
  names: Set<string>,
  before: Readonly<JsonObject>,
  after: Readonly<JsonObject>,
  attributes: readonly SchemaAttribute[],
  prefix: string,
): void {
  for (const attribute of attributes) {
    const [a, b] = [before[attribute.name], after[attribute.name]];
    if (same(a, b)) continue;
    if (attribute.type !== "complex" || attribute.multiValued || prefix !== "") {
      names.add(`${prefix}${attribute.name}`);
      continue;
    }
    const subs = (attribute.subAttributes ?? []).filter(
      (sub) => !same(asJsonObject(a)[sub.name], asJsonObject(b)[sub.name]),
    );
    if (subs.length === 0) names.add(`${prefix}${attribute.name}`);
    for (const sub of subs) names.add(`${prefix}${attribute.name}.${sub.name}`);
  }
}

function same(a: unknown, b: unknown): boolean {
  return isUnassigned(a) ? isUnassigned(b) : sameJson(a, b);
}
