import {
  type AttrPath,
  type CompareNode,
  columnFor,
  type FilterNode,
  findSubAttribute,
  foldCase,
  logicalOperands,
  parseScimDateTime,
  type ResolvedAttribute,
  type ResourceMapping,
  type ResourceSchema,
  resolveAttribute,
  ScimError,
} from "@scimkit/core";
import type { SchemaAttribute } from "@scimkit/types";
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { JsonSql } from "./json-sql.js";

/** Where a resource lives: its table alias, its document column, the tables of its indexed value rows. */
export interface SqlFilterTarget {
  readonly schema: ResourceSchema;
  readonly mapping: ResourceMapping;
  readonly json: JsonSql;
  /** The alias of the resource table in the query, e.g. `u`. */
  readonly alias: string;
  /**
   * Per `mapping.valueRows` attribute: the table of its rows and the column there holding the
   * resource's id (every row table has `tenant_id`).
   */
  readonly valueRowTables: Readonly<Record<string, { table: string; owner: string }>>;
  /**
   * Multi-valued attributes derived from other tables rather than stored with the resource (Group
   * `members`, User `groups`): the table, its column holding the resource's id, and which column
   * holds each sub-attribute.
   */
  readonly relations?: Readonly<
    Record<string, { table: string; owner: string; fields: Readonly<Record<string, string>> }>
  >;
}

/** A target within one tenant: row lookups are bounded by it, so their index drives the query. */
interface ScopedTarget extends SqlFilterTarget {
  readonly tenantId: string;
  /**
   * A fresh alias for a subquery, numbered within this one filter: the same filter shape always
   * compiles to the same SQL text, so its prepared statement is reused (statement-cache.ts).
   */
  readonly nextAlias: (prefix: string) => string;
}

/** Rows holding the values of a multi-valued attribute: the mapping's value rows, or a relation. */
interface RowsSpec {
  readonly table: string;
  readonly owner: string;
  readonly fields: readonly {
    readonly subAttribute: string;
    readonly column: string;
    readonly fold: boolean;
  }[];
}

function rowsFor(attributeName: string, target: SqlFilterTarget): RowsSpec | undefined {
  const relation = target.relations?.[attributeName];
  if (relation !== undefined) {
    // Relation fields hold server-assigned ids (lower-case UUIDs), already in folded form: comparing the
    // column as is keeps the lookup on the primary key instead of folding every row.
    const fields = Object.entries(relation.fields).map(([subAttribute, column]) => ({
      subAttribute,
      column,
      fold: true,
    }));
    return { table: relation.table, owner: relation.owner, fields };
  }
  const spec = target.mapping.valueRows.find((rows) => rows.attribute === attributeName);
  const table = target.valueRowTables[attributeName];
  return spec === undefined || table === undefined
    ? undefined
    : { table: table.table, owner: table.owner, fields: spec.fields };
}

/** Where the candidate values of one attribute path are, and how to reach them. */
interface Source {
  /** Wraps a condition on the candidate value so it holds for SOME value (EXISTS over rows/elements, or as is). */
  readonly some: (condition: (value: RawBuilder<unknown>) => RawBuilder<SqlBool>) => RawBuilder<SqlBool>;
  /** The attribute definition the values have (type, caseExact). */
  readonly definition: SchemaAttribute;
  /** True when the values are stored case-folded already (a `*_key` column). */
  readonly folded: boolean;
  /** True when the values come out of the JSON document (typed by the dialect's JSON functions), false for columns. */
  readonly json?: boolean;
}

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

/**
 * `<resource>.id in (select owner from rows where tenant_id = … and condition)`: the rows holding
 * a matching value, found through their own index and independent of the outer row, so the
 * database can start from them (a correlated EXISTS would be tested against every resource of
 * the tenant). Same meaning as EXISTS, NULLs included: neither side of `in` is ever NULL.
 */
function ownersWhere(
  rows: { table: string; owner: string },
  alias: string,
  condition: RawBuilder<SqlBool>,
  target: ScopedTarget,
): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${target.alias}.id`)} in (select ${sql.ref(`${alias}.${rows.owner}`)} from ${sql.table(rows.table)} as ${sql.raw(alias)} where ${sql.ref(`${alias}.tenant_id`)} = ${target.tenantId} and ${condition})`;
}

type SourceResolver = (path: AttrPath) => Source;

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

function resolve(path: AttrPath, target: ScopedTarget): ResolvedAttribute {
  const resolved = resolveAttribute(target.schema, path);
  if (resolved === undefined) throw ScimError.invalidFilter(`Unknown attribute "${path.name}" in filter.`);
  return resolved;
}

/** The sub-attribute a comparison on a complex attribute means: `emails eq x` is `emails.value eq x`. */
function effective(resolved: ResolvedAttribute): { sub?: SchemaAttribute; definition: SchemaAttribute } {
  if (resolved.subAttribute !== undefined)
    return { sub: resolved.subAttribute, definition: resolved.subAttribute };
  if (resolved.attribute.type !== "complex") return { definition: resolved.attribute };
  const value = findSubAttribute(resolved.attribute, "value");
  if (value === undefined)
    throw ScimError.invalidFilter(`"${resolved.path}" is complex; name a sub-attribute.`);
  return { sub: value, definition: value };
}

function sourceOf(path: AttrPath, target: ScopedTarget): Source {
  const resolved = resolve(path, target);
  const { sub, definition } = effective(resolved);
  const attribute = resolved.attribute;
  const caseInsensitive = definition.type === "string" && !definition.caseExact;
  const canonical = sub === undefined ? attribute.name : `${attribute.name}.${sub.name}`;
  const column = resolved.inExtension ? undefined : columnFor(target.mapping, canonical, caseInsensitive);
  if (column !== undefined) {
    const ref = sql.ref(`${target.alias}.${column.column}`);
    return { some: (condition) => condition(ref), definition, folded: column.role === "key" };
  }
  const rows = attribute.multiValued ? rowSource(attribute, sub, definition, target) : undefined;
  if (rows !== undefined) return rows;
  return jsonSource(resolved, sub, definition, target);
}

function rowSource(
  attribute: SchemaAttribute,
  sub: SchemaAttribute | undefined,
  definition: SchemaAttribute,
  target: ScopedTarget,
): Source | undefined {
  const rows = rowsFor(attribute.name, target);
  const field = rows?.fields.find((candidate) => candidate.subAttribute === sub?.name);
  if (field === undefined || rows === undefined) return undefined;
  const table = rows;
  return {
    definition,
    folded: field.fold,
    some: (condition) => {
      const alias = target.nextAlias("r");
      const value = sql.ref(`${alias}.${field.column}`);
      return ownersWhere(table, alias, condition(value), target);
    },
  };
}

function jsonSource(
  resolved: ResolvedAttribute,
  sub: SchemaAttribute | undefined,
  definition: SchemaAttribute,
  target: ScopedTarget,
): Source {
  const { json } = target;
  const document = sql.ref(`${target.alias}.document`);
  const base = resolved.inExtension
    ? [resolved.schemaUrn, resolved.attribute.name]
    : [resolved.attribute.name];
  if (!resolved.attribute.multiValued) {
    const path = sub === undefined ? base : [...base, sub.name];
    return {
      definition,
      folded: false,
      json: true,
      some: (condition) => condition(json.extract(document, path)),
    };
  }
  return {
    definition,
    folded: false,
    json: true,
    some: (condition) => {
      const alias = target.nextAlias("j");
      const element = json.element(alias);
      const value = sub === undefined ? element : json.elementField(alias, sub.name);
      return sql<SqlBool>`exists (select 1 from ${json.each(document, base, alias)} where ${condition(value)})`;
    },
  };
}

/** `pr`: a value that is not null and, as text (JSON values and text columns), not "", [] or {}. */
function presentOf(source: Source): RawBuilder<SqlBool> {
  const textual =
    source.json === true || ["string", "reference", "binary", "dateTime"].includes(source.definition.type);
  return source.some((value) =>
    textual
      ? sql<SqlBool>`(${value} is not null and ${value} not in ('', '[]', '{}'))`
      : sql<SqlBool>`${value} is not null`,
  );
}

type Condition = (value: RawBuilder<unknown>) => RawBuilder<SqlBool>;

/** RFC 7644 §3.4.2.2 comparison with core's evaluator semantics (see filter-compare.ts there). */
function compareSql(node: CompareNode, source: Source, json: JsonSql): RawBuilder<SqlBool> {
  if (node.value === null) {
    const present = presentOf(source);
    return node.op === "eq" ? sql<SqlBool>`(not ${present})` : present;
  }
  const test = comparison(node, source, json);
  if (node.op !== "ne") return source.some(test);
  // ne: true when the attribute has no value, or some value differs (core's evaluator does the same).
  const hasValue = source.some((value) => sql<SqlBool>`${value} is not null`);
  const differs = source.some((value) => sql<SqlBool>`(${value} is not null and not ${test(value)})`);
  return sql<SqlBool>`(not ${hasValue} or ${differs})`;
}

function comparison(node: CompareNode, source: Source, json: JsonSql): Condition {
  const { definition } = source;
  const literal = node.value;
  switch (definition.type) {
    case "boolean":
      // Columns hold 1/0 on every dialect; JSON values are whatever the dialect's JSON functions return.
      return (value) =>
        sql<SqlBool>`${value} = ${source.json === true ? json.boolean(literal === true) : sql.lit(literal === true ? 1 : 0)}`;
    case "integer":
    case "decimal":
      return (value) => ordered(node.op, source.json === true ? json.number(value) : value, sql`${literal}`);
    case "dateTime":
      return dateTimeComparison(node, json);
    default:
      return stringComparison(node, source, json);
  }
}

function dateTimeComparison(node: CompareNode, json: JsonSql): Condition {
  const instant = parseScimDateTime(String(node.value));
  if (instant === undefined) throw ScimError.invalidFilter(`"${String(node.value)}" is not a dateTime.`);
  const iso = new Date(instant).toISOString();
  // Columns hold Date#toISOString() text, which orders as the instants do; JSON values may not.
  return (value) => ordered(node.op, json.instant(value), json.instant(sql`${iso}`));
}

function stringComparison(node: CompareNode, source: Source, json: JsonSql): Condition {
  const caseInsensitive = source.definition.type === "string" && !source.definition.caseExact;
  const literal = caseInsensitive ? foldCase(String(node.value)) : String(node.value);
  const prepare = (value: RawBuilder<unknown>) =>
    caseInsensitive && !source.folded ? json.fold(value) : value;
  switch (node.op) {
    case "co":
      return (value) => json.contains(prepare(value), literal);
    case "sw":
      return (value) => json.startsWith(prepare(value), literal);
    case "ew":
      return (value) => json.endsWith(prepare(value), literal);
    default:
      return (value) => ordered(node.op, prepare(value), sql`${literal}`);
  }
}

const operators = { eq: "=", ne: "=", gt: ">", ge: ">=", lt: "<", le: "<=" } as const;

function ordered(
  op: CompareNode["op"],
  left: RawBuilder<unknown>,
  right: RawBuilder<unknown>,
): RawBuilder<SqlBool> {
  if (!(op in operators)) throw ScimError.invalidFilter(`"${op}" does not apply to this attribute.`);
  return sql<SqlBool>`${left} ${sql.raw(operators[op as keyof typeof operators])} ${right}`;
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
  const document = sql.ref(`${target.alias}.document`);
  const base = resolved.inExtension ? [resolved.schemaUrn, attribute.name] : [attribute.name];
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
