import { type AttrPath, type FilterNode, findSubAttribute, logicalOperands, ScimError } from "@scimkit/core";
import type { SchemaAttribute } from "@scimkit/types";
import { type RawBuilder, type SqlBool, sql } from "kysely";

import { compareSql, presentOf } from "./sql-filter-compare.js";
import {
  documentOf,
  documentPath,
  ownersWhere,
  resolve,
  type ScopedTarget,
  type SourceResolver,
  type SqlFilterTarget,
  sourceOf,
} from "./sql-filter-target.js";

export type { SqlFilterTarget } from "./sql-filter-target.js";

/**
 * Compiles a filter AST (already checked by @scimkit/core's compileFilter) into a SQL condition
 * with the same meaning as core's in-memory evaluator: columns for mapped attributes (folded keys
 * for caseExact: false), EXISTS over value rows (emails) or JSON array elements for multi-valued
 * attributes, the JSON document for the rest. Literals are bound parameters; names never reach
 * SQL text except as JSON path keys taken from the schema.
 */
export function compileSqlFilter(
  node: FilterNode,
  target: SqlFilterTarget,
  scope: { readonly tenantId: string },
): RawBuilder<SqlBool> {
  let aliases = 0;
  const scoped: ScopedTarget = {
    ...target,
    tenantId: scope.tenantId,
    nextAlias: (prefix) => `${prefix}${++aliases}`,
  };
  return compileNode(node, (path) => sourceOf(path, scoped), scoped);
}

function compileNode(node: FilterNode, source: SourceResolver, target: ScopedTarget): RawBuilder<SqlBool> {
  switch (node.kind) {
    case "and":
    case "or": {
      const parts = logicalOperands(node).map((operand) => compileNode(operand, source, target));
      return sql<SqlBool>`(${sql.join(parts, sql.raw(node.kind === "and" ? " and " : " or "))})`;
    }
    case "not":
      // SQL's NULL (an absent value) must read as false before it is negated, or `not (…)` would
      // drop rows the evaluator keeps. Only here: elsewhere NULL and false filter alike, and a bare
      // comparison keeps its index (wrapping every comparison in coalesce() forced table scans).
      return sql<SqlBool>`(not coalesce(${compileNode(node.filter, source, target)}, false))`;
    case "present":
      return presentOf(source(node.path));
    case "compare":
      return compareSql(node, source(node.path), target.json);
    case "valuePath":
      return valuePathSql(node.path, node.filter, target);
  }
}

/** `attr[filter]`: one element of the attribute satisfies the whole inner filter. */
function valuePathSql(path: AttrPath, inner: FilterNode, target: ScopedTarget): RawBuilder<SqlBool> {
  const resolved = resolve(path, target);
  const attribute = resolved.attribute;
  const subOf = (innerPath: AttrPath): SchemaAttribute => {
    const sub = findSubAttribute(attribute, innerPath.name);
    if (sub === undefined)
      throw ScimError.invalidFilter(`Unknown sub-attribute "${innerPath.name}" of "${attribute.name}".`);
    return sub;
  };
  const spec = target.mapping.valueRows.find((rows) => rows.attribute === attribute.name);
  const table = target.valueRowTables[attribute.name];
  const innerNames = collectPaths(inner).map((innerPath) => subOf(innerPath).name);
  if (
    spec !== undefined &&
    table !== undefined &&
    innerNames.every((name) => spec.fields.some((f) => f.subAttribute === name))
  ) {
    const alias = target.nextAlias("r");
    const source: SourceResolver = (innerPath) => {
      const definition = subOf(innerPath);
      const field = spec.fields.find((f) => f.subAttribute === definition.name);
      const ref = sql.ref(`${alias}.${field?.column ?? ""}`);
      return { definition, folded: field?.fold ?? false, some: (condition) => condition(ref) };
    };
    return ownersWhere(table, alias, compileNode(inner, source, target), target);
  }
  const { json } = target;
  const document = documentOf(target);
  const base = documentPath(resolved);
  if (!attribute.multiValued) {
    const source: SourceResolver = (innerPath) => {
      const definition = subOf(innerPath);
      return {
        definition,
        folded: false,
        json: true,
        some: (condition) => condition(json.extract(document, [...base, definition.name])),
      };
    };
    return compileNode(inner, source, target);
  }
  const alias = target.nextAlias("j");
  const source: SourceResolver = (innerPath) => {
    const definition = subOf(innerPath);
    return {
      definition,
      folded: false,
      json: true,
      some: (condition) => condition(json.elementField(alias, definition.name)),
    };
  };
  return sql<SqlBool>`exists (select 1 from ${json.each(document, base, alias)} where ${compileNode(inner, source, target)})`;
}

function collectPaths(node: FilterNode): AttrPath[] {
  switch (node.kind) {
    case "and":
    case "or":
      return logicalOperands(node).flatMap(collectPaths);
    case "not":
      return collectPaths(node.filter);
    case "valuePath":
      return [node.path];
    default:
      return [node.path];
  }
}
