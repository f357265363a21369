import type { SchemaAttribute } from "@scimkit/types";
import { foldCase } from "../schema/case-fold.js";
import { ScimError } from "../scim-error.js";
import type { CompareOperator, FilterValue } from "./filter-ast.js";
import { parseScimDateTime } from "./filter-datetime.js";

/** Tests the values an attribute path yields in one resource (already without null/undefined). */
export type CandidatesTest = (candidates: readonly unknown[]) => boolean;

/** What is compared: the definition that types the values, and how to name it in an error. */
export interface ComparedAttribute {
  readonly label: string;
  readonly definition: SchemaAttribute;
}

type ValueTest = (candidate: unknown) => boolean;
/** `ne` is compiled as the negation of `eq`, so value tests never see it. */
type PositiveOperator = Exclude<CompareOperator, "ne">;
type Literal = string | number | boolean;

/**
 * Compiles `attr op value` (RFC 7644 §3.4.2.2) for an attribute's type. A multi-valued attribute
 * matches when ANY value matches; `ne` therefore matches when any value differs, and also when the
 * attribute has no value. `eq null` matches an attribute without a non-empty value (the same as
 * `not (attr pr)`), `ne null` one with a value (the same as `attr pr`).
 *
 * @throws ScimError invalidFilter when the operator does not apply to the attribute's type
 *   (`co` on a number, `gt` on a boolean or binary, anything on a complex attribute) or the literal
 *   has the wrong type (`active eq "true"`, `userName eq 5`, a dateTime that is not one).
 */
export function compileComparison(
  target: ComparedAttribute,
  op: CompareOperator,
  value: FilterValue,
): CandidatesTest {
  if (value === null) return compileNullComparison(target, op);
  if (op === "ne") {
    const equal = compileValueTest(target, "eq", value);
    return (candidates) => candidates.length === 0 || candidates.some((candidate) => !equal(candidate));
  }
  const test = compileValueTest(target, op, value);
  return (candidates) => candidates.some(test);
}

/**
 * Whether a value counts as present for `pr` (RFC 7644 §3.4.2.2: "has a non-empty value"): not
 * null or undefined, not an empty string, array or object.
 */
export function isPresentValue(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}

function compileNullComparison(target: ComparedAttribute, op: CompareOperator): CandidatesTest {
  if (op === "eq") return (candidates) => !candidates.some(isPresentValue);
  if (op === "ne") return (candidates) => candidates.some(isPresentValue);
  throw ScimError.invalidFilter(`Operator "${op}" cannot compare "${target.label}" with null; use eq or ne.`);
}

function compileValueTest(target: ComparedAttribute, op: PositiveOperator, value: Literal): ValueTest {
  switch (target.definition.type) {
    case "string":
    case "reference":
    case "binary":
      return stringTest(target, op, value);
    case "boolean":
      return booleanTest(target, op, value);
    case "integer":
    case "decimal":
      return numberTest(target, op, value);
    case "dateTime":
      return dateTimeTest(target, op, value);
    default:
      throw ScimError.invalidFilter(
        `"${target.label}" is a complex attribute; compare one of its sub-attributes, e.g. "${target.label}.value".`,
      );
  }
}

/** caseExact:false strings compare on their folded form (RFC 7643 §2.2); ordering is by code point. */
function stringTest(target: ComparedAttribute, op: PositiveOperator, value: Literal): ValueTest {
  const { definition } = target;
  if (typeof value !== "string") throw wrongLiteral(target, "a string in double quotes", value);
  if (definition.type === "binary" && isOrdering(op)) throw notApplicable(target, op);
  const normalise = definition.caseExact ? (text: string) => text : foldCase;
  const literal = normalise(value);
  const check = stringOperators[op];
  return (candidate) => typeof candidate === "string" && check(normalise(candidate), literal);
}

const stringOperators: Readonly<Record<PositiveOperator, (actual: string, literal: string) => boolean>> = {
  eq: (actual, literal) => actual === literal,
  co: (actual, literal) => actual.includes(literal),
  sw: (actual, literal) => actual.startsWith(literal),
  ew: (actual, literal) => actual.endsWith(literal),
  gt: (actual, literal) => compareCodePoints(actual, literal) > 0,
  ge: (actual, literal) => compareCodePoints(actual, literal) >= 0,
  lt: (actual, literal) => compareCodePoints(actual, literal) < 0,
  le: (actual, literal) => compareCodePoints(actual, literal) <= 0,
};

/** Booleans support only eq/ne, with a boolean literal: `active eq "true"` is a client error, not a quirk to absorb. */
function booleanTest(target: ComparedAttribute, op: PositiveOperator, value: Literal): ValueTest {
  if (op !== "eq") throw notApplicable(target, op);
  if (typeof value !== "boolean") throw wrongLiteral(target, "true or false", value);
  return (candidate) => candidate === value;
}

function numberTest(target: ComparedAttribute, op: PositiveOperator, value: Literal): ValueTest {
  if (isSubstring(op)) throw notApplicable(target, op);
  if (typeof value !== "number") throw wrongLiteral(target, "a number", value);
  return (candidate) => typeof candidate === "number" && ordered(op, compareNumbers(candidate, value));
}

/** dateTime values compare as instants, so `…34Z` equals `…34.000Z` and `…04:42:34+02:00` is earlier. */
function dateTimeTest(target: ComparedAttribute, op: PositiveOperator, value: Literal): ValueTest {
  if (isSubstring(op)) throw notApplicable(target, op);
  const instant = typeof value === "string" ? parseScimDateTime(value) : undefined;
  if (instant === undefined)
    throw wrongLiteral(target, 'a dateTime string such as "2011-05-13T04:42:34Z"', value);
  return (candidate) => {
    const actual = typeof candidate === "string" ? parseScimDateTime(candidate) : undefined;
    return actual !== undefined && ordered(op, compareNumbers(actual, instant));
  };
}

/** Applies eq/gt/ge/lt/le to the result of a three-way comparison of actual and literal. */
function ordered(op: PositiveOperator, comparison: number): boolean {
  if (op === "gt") return comparison > 0;
  if (op === "ge") return comparison >= 0;
  if (op === "lt") return comparison < 0;
  if (op === "le") return comparison <= 0;
  return comparison === 0;
}

function compareNumbers(left: number, right: number): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Orders strings by Unicode code point, as UTF-8 bytes (and so SQLite's BINARY collation) order
 * them; plain `<` orders by UTF-16 code unit, which puts U+10000… before U+E000….
 */
function compareCodePoints(left: string, right: string): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    const a = left.charCodeAt(index);
    const b = right.charCodeAt(index);
    if (a !== b) return codePointRank(a) - codePointRank(b);
  }
  return left.length - right.length;
}

/** Moves surrogates (D800–DFFF) above E000–FFFF, which is where the code points they encode sort. */
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

function isOrdering(op: PositiveOperator): boolean {
  return op === "gt" || op === "ge" || op === "lt" || op === "le";
}

function isSubstring(op: PositiveOperator): boolean {
  return op === "co" || op === "sw" || op === "ew";
}

function notApplicable({ label, definition }: ComparedAttribute, op: PositiveOperator): ScimError {
  return ScimError.invalidFilter(
    `Operator "${op}" does not apply to "${label}", which is of type ${definition.type}.`,
  );
}

function wrongLiteral(
  { label, definition }: ComparedAttribute,
  expected: string,
  value: FilterValue,
): ScimError {
  return ScimError.invalidFilter(
    `"${label}" is of type ${definition.type}; compare it with ${expected}, not ${JSON.stringify(value)}.`,
  );
}
