import type { SchemaAttribute } from "@scimkit/types";
import type { FilterNode } from "../filter/filter-ast.js";
import { compileElementFilter } from "../filter/filter-evaluate.js";
import { findSubAttribute } from "../schema/attribute-catalog.js";
import { entraBooleanLiterals } from "./idp-quirks.js";
import { isJsonObject, type JsonObject } from "./patch-json.js";

/** The value filter of a PATCH path (`emails[type eq "work"]`), compiled against its attribute. */
export interface ValueSelector {
  /** Whether one element of the multi-valued attribute matches the filter. */
  readonly matches: (element: unknown) => boolean;
  /**
   * The sub-attribute values the filter pins down when it is `eq` comparisons joined by `and`
   * (`type eq "work"` → `{ type: "work" }`), used when `add` creates the element it targets;
   * undefined for any other filter.
   */
  readonly equalities: JsonObject | undefined;
}

/**
 * Compiles the `valFilter` of a PATCH path (RFC 7644 §3.5.2, Figure 7) against ONE element of
 * the multi-valued complex attribute `parent`. Matching is the `filter=` evaluator's
 * (filter-evaluate.ts compileElementFilter, RFC 7644 §3.4.2.2), so a PATCH path selects exactly the
 * values `filter=parent[…]` would match; the one tolerance on top is Entra ID's boolean strings in
 * literals (idp-quirks.ts entraBooleanLiterals). Everything is checked up front, so an invalid
 * filter fails even with no elements.
 *
 * @throws ScimError invalidFilter for an unknown sub-attribute, a comparison the sub-attribute's
 *   type does not support, or a nested value filter: RFC 7644 §3.12 lists invalidFilter for PATCH
 *   path filters, and the filter parser reports syntax errors inside the brackets the same way.
 */
export function compileValueFilter(filter: FilterNode, parent: SchemaAttribute): ValueSelector {
  const tolerated = entraBooleanLiterals(filter, parent);
  const matches = compileElementFilter(tolerated, parent, parent.name);
  return {
    matches: (element) => isJsonObject(element) && matches(element),
    equalities: equalitiesOf(tolerated, parent),
  };
}

/** `a eq x and b eq y` → `{ a: x, b: y }` in the schema's spelling; undefined for other filters. */
function equalitiesOf(node: FilterNode, parent: SchemaAttribute): JsonObject | undefined {
  if (node.kind === "compare") {
    const definition =
      node.op === "eq" && node.value !== null ? findSubAttribute(parent, node.path.name) : undefined;
    if (definition === undefined || node.path.subAttr !== undefined) return undefined;
    return { [definition.name]: node.value };
  }
  if (node.kind !== "and") return undefined;
  const left = equalitiesOf(node.left, parent);
  const right = equalitiesOf(node.right, parent);
  if (left === undefined || right === undefined) return undefined;
  const clash = Object.keys(right).some((key) => Object.hasOwn(left, key) && left[key] !== right[key]);
  return clash ? undefined : { ...left, ...right };
}
