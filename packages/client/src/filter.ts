import { assertAttributePath } from "./attribute-path.js";

/** A comparison value of a filter (`compValue`, RFC 7644 §3.4.2.2); a `Date` is sent as a dateTime string. */
export type ScimFilterValue = string | number | boolean | null | Date;

/** A value that may be ordered: `gt`, `ge`, `lt`, `le` (RFC 7644 §3.4.2.2, boolean excluded). */
export type ScimOrderedValue = string | number | Date;

type FilterKind = "attr" | "valuePath" | "not" | "and" | "or";

const brand: unique symbol = Symbol("ScimFilter");

/**
 * A filter expression (RFC 7644 §3.4.2.2) built only by {@link filter}, so every value in it is a
 * quoted literal and every attribute a validated path. `toString()` yields the wire form.
 */
export interface ScimFilter {
  readonly [brand]: true;
  /** The filter expression as sent in the `filter` query parameter. */
  toString(): string;
}

/** Immutable; `hasValuePath` marks `attr[...]`, which may not nest inside another value filter. */
class FilterNode implements ScimFilter {
  readonly [brand] = true as const;

  constructor(
    readonly kind: FilterKind,
    private readonly expression: string,
    readonly hasValuePath: boolean,
  ) {
    Object.freeze(this);
  }

  toString(): string {
    return this.expression;
  }

  toJSON(): string {
    return this.expression;
  }
}

function node(kind: FilterKind, expression: string, hasValuePath = false): FilterNode {
  return new FilterNode(kind, expression, hasValuePath);
}

/**
 * Renders a value as a `compValue` (RFC 7644 §3.4.2.2). Strings use JSON string syntax, which the
 * RFC's ABNF adopts (RFC 7159 §7), so `"`, `\` and control characters are always escaped.
 */
function literal(value: unknown): string {
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`A filter number must be finite: ${value}`);
    return JSON.stringify(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError("A filter Date must be a valid date");
    return JSON.stringify(value.toISOString());
  }
  throw new TypeError(`Not a SCIM filter value: ${typeof value}`);
}

function assertFilter(value: unknown): FilterNode {
  if (!(value instanceof FilterNode)) {
    throw new TypeError("Expected a filter built with filter.*(), not a string or other value");
  }
  return value;
}

function compare(op: string, path: string, value: unknown): ScimFilter {
  return node("attr", `${assertAttributePath(path)} ${op} ${literal(value)}`);
}

function ordered(op: string) {
  return (path: string, value: ScimOrderedValue): ScimFilter => {
    if (typeof value === "boolean")
      throw new TypeError(`${op} does not apply to booleans (RFC 7644 §3.4.2.2)`);
    return compare(op, path, value);
  };
}

function substring(op: string) {
  return (path: string, value: string): ScimFilter => {
    if (typeof value !== "string") throw new TypeError(`${op} takes a string value (RFC 7644 §3.4.2.2)`);
    return compare(op, path, value);
  };
}

/**
 * Joins operands with `and` or `or`. Operands of the same operator are flattened (both are
 * associative); any other compound operand is parenthesised, which is required for `or` inside `and`
 * (`and` binds tighter, RFC 7644 §3.4.2.2 Table 4) and kept for `and` inside `or` for readability.
 */
function logical(kind: "and" | "or", operands: readonly ScimFilter[]): ScimFilter {
  const [first, ...rest] = operands.map(assertFilter);
  if (first === undefined) throw new TypeError(`${kind}() needs at least one filter`);
  if (rest.length === 0) return first;
  const all = [first, ...rest];
  const parts = all.map((f) => {
    const k = f.kind;
    return k === kind || k === "attr" || k === "valuePath" || k === "not" ? String(f) : `(${String(f)})`;
  });
  return node(
    kind,
    parts.join(` ${kind} `),
    all.some((f) => f.hasValuePath),
  );
}

/**
 * Builds SCIM filter expressions (RFC 7644 §3.4.2.2) that cannot be injected into: attribute paths
 * are validated against the RFC ABNF (a `TypeError` otherwise) and values are always literals.
 *
 * @example filter.and(filter.eq("userName", "o'brien@x.io"), filter.pr("title"))
 * // userName eq "o'brien@x.io" and title pr
 */
export const filter = {
  /** `path eq value`: equal (RFC 7644 §3.4.2.2). */
  eq: (path: string, value: ScimFilterValue): ScimFilter => compare("eq", path, value),
  /** `path ne value`: not equal (RFC 7644 §3.4.2.2). */
  ne: (path: string, value: ScimFilterValue): ScimFilter => compare("ne", path, value),
  /** `path co "value"`: contains (RFC 7644 §3.4.2.2). */
  co: substring("co"),
  /** `path sw "value"`: starts with (RFC 7644 §3.4.2.2). */
  sw: substring("sw"),
  /** `path ew "value"`: ends with (RFC 7644 §3.4.2.2). */
  ew: substring("ew"),
  /** `path gt value`: greater than (RFC 7644 §3.4.2.2). */
  gt: ordered("gt"),
  /** `path ge value`: greater than or equal to (RFC 7644 §3.4.2.2). */
  ge: ordered("ge"),
  /** `path lt value`: less than (RFC 7644 §3.4.2.2). */
  lt: ordered("lt"),
  /** `path le value`: less than or equal to (RFC 7644 §3.4.2.2). */
  le: ordered("le"),
  /** `path pr`: present, i.e. has a non-empty value (RFC 7644 §3.4.2.2). */
  pr: (path: string): ScimFilter => node("attr", `${assertAttributePath(path)} pr`),
  /** All operands match (RFC 7644 §3.4.2.2 `and`); one operand is returned as is. */
  and: (...filters: readonly ScimFilter[]): ScimFilter => logical("and", filters),
  /** Any operand matches (RFC 7644 §3.4.2.2 `or`); one operand is returned as is. */
  or: (...filters: readonly ScimFilter[]): ScimFilter => logical("or", filters),
  /**
   * `not (filter)`: the operand does not match (RFC 7644 §3.4.2.2). Written with a space, as in the
   * RFC's examples (`not (emails co "example.com")`); the ABNF itself omits it.
   */
  not: (f: ScimFilter): ScimFilter => {
    const inner = assertFilter(f);
    return node("not", `not (${String(inner)})`, inner.hasValuePath);
  },
  /**
   * `path[valFilter]`: a value filter on a multi-valued complex attribute, e.g.
   * `emails[type eq "work"]` (RFC 7644 §3.4.2.2 `valuePath`). Value filters do not nest.
   */
  valuePath: (path: string, valFilter: ScimFilter): ScimFilter => {
    const inner = assertFilter(valFilter);
    if (inner.hasValuePath) throw new TypeError("A value filter cannot contain another value filter");
    return node("valuePath", `${assertAttributePath(path)}[${String(inner)}]`, true);
  },
} as const;
