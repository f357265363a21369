import type { SchemaAttribute } from "@scimkit/types";
import type {
  AttrPath,
  CompareNode,
  CompareOperator,
  FilterNode,
  FilterValue,
} from "../filter/filter-ast.js";
import { parseScimDateTime } from "../filter/filter-datetime.js";
import { findSubAttribute } from "../schema/attribute-catalog.js";
import { foldCase } from "../schema/case-fold.js";
import { ScimError } from "../scim-error.js";
import { coerceEntraBooleanString } from "../validation/scalar-values.js";
import { isJsonObject, isUnassigned, type JsonObject } from "./patch-json.js";

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

type Predicate = (element: unknown) => boolean;
interface Operand {
  readonly definition: SchemaAttribute;
  readonly read: (element: unknown) => unknown;
}

/**
 * Compiles the `valFilter` of a PATCH path (RFC 7644 §3.5.2, Figure 7) against ONE element of
 * the multi-valued complex attribute `parent`: its attribute paths name sub-attributes of
 * `parent`. Comparison follows RFC 7644
 * §3.4.2.2: strings of `caseExact: false` sub-attributes compare case-insensitively, dateTimes
 * by instant. Everything is checked up front, so an invalid filter fails even with no elements.
 *
 * @throws ScimError invalidFilter for an unknown sub-attribute, a comparison the sub-attribute's
 *   type does not support, or a nested value filter: RFC 7644 §3.12 lists invalidFilter for PATCH
 *   path filters, and the filter parser reports syntax errors inside the brackets the same way.
 */
export function compileValueFilter(filter: FilterNode, parent: SchemaAttribute): ValueSelector {
  return { matches: compile(filter, parent), equalities: equalitiesOf(filter, parent) };
}

function compile(node: FilterNode, parent: SchemaAttribute): Predicate {
  switch (node.kind) {
    case "and":
    case "or": {
      const left = compile(node.left, parent);
      const right = compile(node.right, parent);
      return node.kind === "and" ? (e) => left(e) && right(e) : (e) => left(e) || right(e);
    }
    case "not": {
      const inner = compile(node.filter, parent);
      return (e) => !inner(e);
    }
    case "present": {
      const { read } = operand(node.path, parent);
      return (e) => !isUnassigned(read(e)) && read(e) !== "";
    }
    case "compare":
      return compileComparison(node, parent);
    default:
      throw ScimError.invalidFilter(`Value filters cannot be nested inside the brackets of a PATCH path.`);
  }
}

/** The sub-attribute a path inside the brackets names, and how to read it from an element. */
function operand(path: AttrPath, parent: SchemaAttribute): Operand {
  const name = path.subAttr === undefined && path.uri === undefined ? path.name : undefined;
  const definition = name === undefined ? undefined : findSubAttribute(parent, name);
  if (definition === undefined) {
    throw ScimError.invalidFilter(
      `"${parent.name}" has no sub-attribute ${JSON.stringify(printPath(path))}.`,
    );
  }
  return { definition, read: (element) => (isJsonObject(element) ? element[definition.name] : undefined) };
}

function compileComparison(node: CompareNode, parent: SchemaAttribute): Predicate {
  const { definition, read } = operand(node.path, parent);
  const expected = definition.type === "boolean" ? coerceEntraBooleanString(node.value) : node.value;
  if (expected === null) return compileNullComparison(node.op, read, definition.name);
  const compare = comparatorFor(definition, node.op, expected);
  return (element) => {
    const actual = read(element);
    const values = Array.isArray(actual) ? actual : [actual];
    const hit = values.some((value) => value !== undefined && value !== null && compare(value));
    return node.op === "ne" ? !hit : hit;
  };
}

/** `x eq null` matches an unassigned sub-attribute, `x ne null` an assigned one (RFC 7643 §2.5). */
function compileNullComparison(op: CompareOperator, read: (e: unknown) => unknown, name: string): Predicate {
  if (op === "eq") return (element) => isUnassigned(read(element));
  if (op === "ne") return (element) => !isUnassigned(read(element));
  throw ScimError.invalidFilter(`"${name} ${op} null" is not a valid comparison; use eq or ne with null.`);
}

/**
 * A test of one present value against `expected` (for `ne`, the `eq` test, which the caller
 * negates), or invalidFilter when the types do not compare.
 */
function comparatorFor(
  definition: SchemaAttribute,
  op: CompareOperator,
  expected: Exclude<FilterValue, null>,
): (actual: unknown) => boolean {
  const unsupported = () =>
    ScimError.invalidFilter(`"${definition.name} ${op} ${JSON.stringify(expected)}" compares unlike types.`);
  if (definition.type === "boolean" || definition.type === "complex") {
    if (typeof expected !== "boolean" || (op !== "eq" && op !== "ne")) throw unsupported();
    return (actual) => actual === expected;
  }
  if (definition.type === "integer" || definition.type === "decimal") {
    if (typeof expected !== "number" || ["co", "sw", "ew"].includes(op)) throw unsupported();
    return (actual) => typeof actual === "number" && order(op, actual - expected);
  }
  if (typeof expected !== "string") throw unsupported();
  if (definition.type === "dateTime") return compileDateTime(op, expected, unsupported);
  const fold = definition.caseExact ? (text: string) => text : foldCase;
  const wanted = fold(expected);
  return (actual) => typeof actual === "string" && textMatches(op, fold(actual), wanted);
}

function compileDateTime(op: CompareOperator, expected: string, unsupported: () => ScimError) {
  const instant = parseScimDateTime(expected);
  if (instant === undefined || ["co", "sw", "ew"].includes(op)) throw unsupported();
  return (actual: unknown) => {
    const other = typeof actual === "string" ? parseScimDateTime(actual) : undefined;
    return other !== undefined && order(op, other - instant);
  };
}

function textMatches(op: CompareOperator, actual: string, expected: string): boolean {
  if (op === "co") return actual.includes(expected);
  if (op === "sw") return actual.startsWith(expected);
  if (op === "ew") return actual.endsWith(expected);
  return order(op, actual < expected ? -1 : actual > expected ? 1 : 0);
}

/** Applies an ordering operator to the sign of `actual - expected`; `ne` is handled as "not eq". */
function order(op: CompareOperator, difference: number): boolean {
  switch (op) {
    case "gt":
      return difference > 0;
    case "ge":
      return difference >= 0;
    case "lt":
      return difference < 0;
    case "le":
      return difference <= 0;
    default:
      return difference === 0;
  }
}

/** `a eq x and b eq y` → `{ a: x, b: y }` in the schema's spelling; undefined for other filters. */
function equalitiesOf(node: FilterNode, parent: SchemaAttribute): JsonObject | undefined {
  if (node.kind === "compare") {
    const definition =
      node.op === "eq" && node.value !== null ? findSubAttribute(parent, node.path.name) : undefined;
    if (definition === undefined || node.path.subAttr !== undefined) return undefined;
    const value = definition.type === "boolean" ? coerceEntraBooleanString(node.value) : node.value;
    return { [definition.name]: value };
  }
  if (node.kind !== "and") return undefined;
  const left = equalitiesOf(node.left, parent);
  const right = equalitiesOf(node.right, parent);
  if (left === undefined || right === undefined) return undefined;
  const clash = Object.keys(right).some((key) => Object.hasOwn(left, key) && left[key] !== right[key]);
  return clash ? undefined : { ...left, ...right };
}

function printPath(path: AttrPath): string {
  const name = path.subAttr === undefined ? path.name : `${path.name}.${path.subAttr}`;
  return path.uri === undefined ? name : `${path.uri}:${name}`;
}
