import { type CompareNode, foldCase, parseScimDateTime, ScimError } from "@scimkit/core";
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { JsonSql } from "./json-sql.js";
import type { Source } from "./sql-filter-target.js";

/** `pr`: a value that is not null and, as text (JSON values and text columns), not "", [] or {}. */
export function presentOf(source: Source): RawBuilder<SqlBool> {
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
export function compareSql(node: CompareNode, source: Source, json: JsonSql): RawBuilder<SqlBool> {
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
