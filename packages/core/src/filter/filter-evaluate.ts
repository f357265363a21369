import type { SchemaAttribute } from "@scimkit/types";
import type { ResourceSchema } from "../schema/resource-schemas.js";
import { isJsonObject } from "../validation/json-value.js";
import type { FilterNode, ValuePathNode } from "./filter-ast.js";
import { compileComparison, isPresentValue } from "./filter-compare.js";
import { logicalOperands } from "./filter-operands.js";
import { type FilterScope, type JsonObject, resolveFilterTarget } from "./filter-target.js";

/** A compiled filter: whether a resource (SCIM JSON, extensions under their URN key) matches. */
export type FilterPredicate = (resource: JsonObject) => boolean;

/**
 * Compiles a filter (RFC 7644 §3.4.2.2) for one resource type: every path is resolved and every
 * comparison type-checked once, so the predicate itself never throws. See `evaluateFilter` for the
 * matching rules.
 *
 * @throws ScimError invalidFilter for an unknown attribute, an operator that does not apply to the
 *   attribute's type, or a literal of the wrong type.
 */
export function compileFilter(node: FilterNode, schema: ResourceSchema): FilterPredicate {
  return compileNode(node, { kind: "resource", schema });
}

/**
 * Whether `resource` matches the filter (RFC 7644 §3.4.2.2). caseExact:false strings compare
 * case-insensitively (foldCase); dateTimes as instants; a multi-valued attribute matches when any
 * value does; a complex attribute named without a sub-attribute compares its `value`; in
 * `attr[valFilter]` one single value of `attr` must satisfy the whole inner filter.
 *
 * @throws ScimError invalidFilter as `compileFilter` does, whatever the resource holds.
 */
export function evaluateFilter(node: FilterNode, resource: JsonObject, schema: ResourceSchema): boolean {
  return compileFilter(node, schema)(resource);
}

/**
 * Checks a filter against a resource type without a resource (RFC 7644 §3.4.2.2), so a server can
 * reject it once before translating it to a query.
 *
 * @throws ScimError invalidFilter as `compileFilter` does.
 */
export function checkFilterAttributes(node: FilterNode, schema: ResourceSchema): void {
  compileFilter(node, schema);
}

/**
 * Compiles the filter inside `parent[…]` against ONE value of the multi-valued complex attribute
 * `parent`, its paths naming sub-attributes of `parent`: the same matching as `compileFilter` applies
 * to the values of `attr[valFilter]`. PATCH value paths (`emails[type eq "work"]`, RFC 7644 §3.5.2)
 * use it, so a PATCH path and a `filter=` select the same values.
 *
 * @throws ScimError invalidFilter as `compileFilter` does; a nested value filter is invalidFilter too.
 */
export function compileElementFilter(
  node: FilterNode,
  parent: SchemaAttribute,
  label: string,
): FilterPredicate {
  return compileNode(node, { kind: "element", parent, label });
}

function compileNode(node: FilterNode, scope: FilterScope): FilterPredicate {
  switch (node.kind) {
    case "compare": {
      const target = resolveFilterTarget(node.path, scope, "compare");
      const test = compileComparison(target, node.op, node.value);
      return (object) => test(target.read(object));
    }
    case "present": {
      const target = resolveFilterTarget(node.path, scope, "present");
      return (object) => target.read(object).some(isPresentValue);
    }
    case "not": {
      const operand = compileNode(node.filter, scope);
      return (object) => !operand(object);
    }
    case "valuePath":
      return compileValuePath(node, scope);
    case "and": {
      const operands = logicalOperands(node).map((operand) => compileNode(operand, scope));
      return (object) => operands.every((operand) => operand(object));
    }
    case "or": {
      const operands = logicalOperands(node).map((operand) => compileNode(operand, scope));
      return (object) => operands.some((operand) => operand(object));
    }
  }
}

function compileValuePath(node: ValuePathNode, scope: FilterScope): FilterPredicate {
  const target = resolveFilterTarget(node.path, scope, "valuePath");
  const inner = compileNode(node.filter, { kind: "element", parent: target.definition, label: target.label });
  return (object) => target.read(object).some((value) => isJsonObject(value) && inner(value));
}
