import { ScimError } from "../scim-error.js";
import type { AttrPath, CompareOperator, FilterNode, FilterValue, PatchPath } from "./filter-ast.js";
import { attrPathFromWord, isAttrName } from "./filter-attr-path.js";
import { describeToken, FilterLexer, quote, type Token } from "./filter-lexer.js";
import { resolveFilterLimits, type ScimFilterLimits } from "./filter-limits.js";

const OPERATORS: ReadonlySet<string> = new Set(["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"]);
const OPERATOR_LIST = "eq, ne, co, sw, ew, gt, ge, lt, le or pr";
/** A JSON number (RFC 8259 §6). */
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

type ErrorKind = "filter" | "path";

/**
 * Parses a filter (RFC 7644 §3.4.2.2, Figure 1) into its AST. Keywords, operators and attribute
 * names are case-insensitive; the AST keeps attribute names as written and operators in lower case.
 * `not` binds tighter than `and`, which binds tighter than `or`; `and`/`or` associate to the left.
 * `attr[valFilter].sub op value` (the PATCH path form, which Entra ID also sends as a filter) is
 * read as `attr[valFilter and sub op value]`, its equivalent.
 *
 * @throws ScimError invalidFilter, saying where and what was expected, also for input that is
 *   longer or more deeply nested than `limits` allow.
 */
export function parseScimFilter(text: string, limits: Partial<ScimFilterLimits> = {}): FilterNode {
  const parser = new FilterParser(text, "filter", limits);
  const node = parser.filter();
  parser.expectClose(undefined);
  return node;
}

/**
 * Parses a PATCH `path` (RFC 7644 §3.5.2, Figure 7): `attrPath`, or `attrPath[valFilter]`
 * optionally followed by `.subAttr`, e.g. `emails[type eq "work"].value`.
 *
 * @throws ScimError invalidPath for a malformed path, and invalidFilter for a malformed value filter
 *   inside the brackets (RFC 7644 §3.12 lists invalidFilter for PATCH path filters).
 */
export function parseScimPatchPath(text: string, limits: Partial<ScimFilterLimits> = {}): PatchPath {
  return new FilterParser(text, "path", limits).patchPath();
}

/**
 * Parses a bare attribute path, `[URI ":"] ATTRNAME ["." subAttr]` (RFC 7644 §3.10), as used by
 * `attributes`, `excludedAttributes` and `sortBy`.
 *
 * @throws ScimError invalidPath when `text` is not exactly one attribute path.
 */
export function parseAttrPath(text: string): AttrPath {
  return new FilterParser(text, "path", {}).attrPathOnly();
}

class FilterParser {
  readonly #lexer: FilterLexer;
  readonly #maxDepth: number;
  #kind: ErrorKind;
  #depth = 0;
  #inValueFilter = false;

  constructor(text: unknown, kind: ErrorKind, limits: Partial<ScimFilterLimits>) {
    this.#kind = kind;
    const { maxLength, maxDepth } = resolveFilterLimits(limits);
    this.#maxDepth = maxDepth;
    if (typeof text !== "string") throw this.#failAt(undefined, `expected text, found ${typeof text}`);
    if (text.length > maxLength) {
      throw this.#failAt(undefined, `it is ${text.length} characters long; the limit is ${maxLength}`);
    }
    this.#lexer = new FilterLexer(text, (position, message) => this.#failAt(position, message));
  }

  /** The error for a problem at `position` (none for the input as a whole), of the kind being parsed. */
  #failAt(position: number | undefined, message: string): ScimError {
    const where = position === undefined ? "" : ` at position ${position}`;
    const detail = `Invalid ${this.#kind}${where}: ${message}`;
    return this.#kind === "filter" ? ScimError.invalidFilter(detail) : ScimError.invalidPath(detail);
  }

  /** FILTER, as `or` of `and` of unary terms; the loops keep long chains off the stack. */
  filter(): FilterNode {
    let left = this.#conjunction();
    while (isKeyword(this.#lexer.peek(), "or")) {
      this.#lexer.next();
      left = { kind: "or", left, right: this.#conjunction() };
    }
    return left;
  }

  #conjunction(): FilterNode {
    let left = this.#unary();
    while (isKeyword(this.#lexer.peek(), "and")) {
      this.#lexer.next();
      left = { kind: "and", left, right: this.#unary() };
    }
    return left;
  }

  #unary(): FilterNode {
    const token = this.#lexer.peek();
    if (token.kind === "(") return this.#nested(token, () => this.#group());
    if (isKeyword(token, "not") && this.#lexer.peek(1).kind === "(") {
      return this.#nested(token, () => {
        this.#lexer.next();
        return { kind: "not", filter: this.#group() };
      });
    }
    if (token.kind === "word") return this.#attrExpression();
    throw this.#failAt(
      token.start,
      `expected an attribute path, "(" or "not", found ${describeToken(token)}`,
    );
  }

  /** Counts one level of nesting BEFORE descending, so depth is bounded before the stack is. */
  #nested<T>(token: Token, parse: () => T): T {
    if (this.#depth >= this.#maxDepth) {
      throw this.#failAt(token.start, `nesting is deeper than ${this.#maxDepth} levels`);
    }
    this.#depth += 1;
    const result = parse();
    this.#depth -= 1;
    return result;
  }

  #group(): FilterNode {
    return this.#enclosed()[0];
  }

  /** `(` or `[`, a filter, and the matching closer; returns the filter and the closer. */
  #enclosed(): readonly [FilterNode, Token] {
    const open = this.#lexer.next();
    const node = this.filter();
    return [node, this.expectClose(open)];
  }

  /** After a complete expression: the closing `)`/`]` of `open`, or the end of input when `open` is undefined. */
  expectClose(open: Token | undefined): Token {
    const token = this.#lexer.peek();
    const closer = open === undefined ? "end" : open.kind === "(" ? ")" : "]";
    if (token.kind === closer) return this.#lexer.next();
    const wanted =
      open === undefined
        ? "end of input"
        : `"${closer}" to close the "${open.kind}" at position ${open.start}`;
    throw this.#failAt(token.start, `expected "and", "or" or ${wanted}, found ${describeToken(token)}`);
  }

  #attrExpression(): FilterNode {
    const word = this.#lexer.next();
    const path = attrPathFromWord(word.text, word.start, (p, m) => this.#failAt(p, m));
    if (this.#lexer.peek().kind === "[") return this.#valuePath(path, word);
    return this.#comparison(path, word.text);
  }

  #comparison(path: AttrPath, written: string): FilterNode {
    const token = this.#lexer.next();
    const op = token.kind === "word" ? token.text.toLowerCase() : "";
    if (op === "pr") return { kind: "present", path };
    if (!OPERATORS.has(op)) {
      const found = describeToken(token);
      throw this.#failAt(
        token.start,
        `expected an operator (${OPERATOR_LIST}) after ${quote(written)}, found ${found}`,
      );
    }
    return { kind: "compare", path, op: op as CompareOperator, value: this.#value(op) };
  }

  /** compValue: `false / null / true / number / string` (keywords in any case). */
  #value(op: string): FilterValue {
    const token = this.#lexer.next();
    if (token.kind === "string") return token.text;
    const word = token.kind === "word" ? token.text.toLowerCase() : "";
    if (word === "true") return true;
    if (word === "false") return false;
    if (word === "null") return null;
    if (NUMBER.test(word)) {
      const value = Number(word);
      if (!Number.isFinite(value)) throw this.#failAt(token.start, `the number ${word} is out of range`);
      return value === 0 ? 0 : value;
    }
    const found = describeToken(token);
    throw this.#failAt(token.start, `expected a comparison value after "${op}", found ${found}`);
  }

  #valuePath(path: AttrPath, word: Token): FilterNode {
    if (this.#inValueFilter) throw this.#failAt(word.start, "value filters cannot be nested");
    const [filter, close] = this.#bracketed(path, word);
    const subAttr = this.#subAttrAfter(close);
    if (subAttr === undefined) return { kind: "valuePath", path, filter };
    const tail = this.#comparison({ name: subAttr }, `${word.text}[…].${subAttr}`);
    return { kind: "valuePath", path, filter: { kind: "and", left: filter, right: tail } };
  }

  /** `[valFilter]`; inside it, errors are invalidFilter even in a PATCH path. */
  #bracketed(path: AttrPath, word: Token): readonly [FilterNode, Token] {
    if (path.subAttr !== undefined) {
      throw this.#failAt(
        word.start,
        `a value filter "[…]" must follow an attribute name without a sub-attribute`,
      );
    }
    const open = this.#lexer.peek();
    const outer = this.#kind;
    this.#kind = "filter";
    this.#inValueFilter = true;
    const enclosed = this.#nested(open, () => this.#enclosed());
    this.#inValueFilter = false;
    this.#kind = outer;
    return enclosed;
  }

  /** `.subAttr` written right after `]`, as in `emails[type eq "work"].value`. */
  #subAttrAfter(close: Token): string | undefined {
    const token = this.#lexer.peek();
    if (token.kind !== "word" || !token.text.startsWith(".") || token.start !== close.end) return undefined;
    this.#lexer.next();
    const name = token.text.slice(1);
    if (!isAttrName(name)) throw this.#failAt(token.start + 1, `expected a sub-attribute name after "]."`);
    return name;
  }

  patchPath(): PatchPath {
    const [attribute, word] = this.#leadingAttrPath();
    if (this.#lexer.peek().kind !== "[") return this.#endOf({ attribute });
    const [filter, close] = this.#bracketed(attribute, word);
    const subAttr = this.#subAttrAfter(close);
    return this.#endOf({ attribute, filter, ...(subAttr === undefined ? {} : { subAttr }) });
  }

  attrPathOnly(): AttrPath {
    return this.#endOf(this.#leadingAttrPath()[0]);
  }

  #leadingAttrPath(): readonly [AttrPath, Token] {
    const word = this.#lexer.next();
    if (word.kind !== "word") {
      throw this.#failAt(word.start, `expected an attribute path, found ${describeToken(word)}`);
    }
    return [attrPathFromWord(word.text, word.start, (p, m) => this.#failAt(p, m)), word];
  }

  #endOf<T>(result: T): T {
    const token = this.#lexer.peek();
    if (token.kind !== "end")
      throw this.#failAt(token.start, `expected end of input, found ${describeToken(token)}`);
    return result;
  }
}

function isKeyword(token: Token, keyword: string): boolean {
  return token.kind === "word" && token.text.toLowerCase() === keyword;
}
