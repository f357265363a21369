/**
 * Tokens of the filter grammar (RFC 7644 §3.4.2.2, Figure 1) and of PATCH paths (§3.5.2,
 * Figure 7). Words are maximal runs of characters that are not white space, quotes, brackets or
 * parentheses; the parser decides from their position whether a word is an attribute path, an
 * operator, a keyword or a number, so `and` or `not` may also name an attribute.
 */

/** The kinds of token: punctuation, a word, a JSON string literal, or the end of the input. */
export type TokenKind = "word" | "string" | "(" | ")" | "[" | "]" | "end";

/** A token; `text` is the raw word, the decoded string value, or the punctuation itself. */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Offset (0-based, in UTF-16 code units) of the first character. */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
}

/** Builds the error for a problem at `position`; the lexer throws what it returns. */
export type FailAt = (position: number, message: string) => Error;

const PUNCTUATION = new Set(["(", ")", "[", "]"]);
const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};
const HEX4 = /^[0-9A-Fa-f]{4}$/;

/**
 * A lazy tokenizer with lookahead. Each token is read when the parser first asks for it, so a
 * lexical error is reported with the error kind the parser is in at that point (a PATCH path's
 * value filter fails as `invalidFilter`, the rest of the path as `invalidPath`).
 */
export class FilterLexer {
  readonly #text: string;
  readonly #failAt: FailAt;
  readonly #buffer: Token[] = [];
  #offset = 0;

  constructor(text: string, failAt: FailAt) {
    this.#text = text;
    this.#failAt = failAt;
  }

  /** The token `ahead` positions after the current one, without consuming anything. */
  peek(ahead = 0): Token {
    while (this.#buffer.length <= ahead) this.#buffer.push(this.#read());
    return this.#buffer[ahead] as Token;
  }

  /** Consumes and returns the current token. */
  next(): Token {
    const token = this.peek();
    this.#buffer.shift();
    return token;
  }

  #read(): Token {
    const text = this.#text;
    while (this.#offset < text.length && WHITESPACE.has(text.charAt(this.#offset))) this.#offset += 1;
    const start = this.#offset;
    if (start >= text.length) return { kind: "end", text: "", start, end: start };
    const char = text.charAt(start);
    if (PUNCTUATION.has(char)) {
      this.#offset = start + 1;
      return { kind: char as TokenKind, text: char, start, end: start + 1 };
    }
    if (char === '"') return this.#readString(start);
    let end = start;
    while (end < text.length && isWordChar(text.charAt(end))) end += 1;
    this.#offset = end;
    return { kind: "word", text: text.slice(start, end), start, end };
  }

  /** A JSON string (RFC 8259 §7): the escapes `\" \\ \/ \b \f \n \r \t \uXXXX`, no raw control characters. */
  #readString(start: number): Token {
    const text = this.#text;
    let value = "";
    let index = start + 1;
    while (index < text.length) {
      const char = text.charAt(index);
      if (char === '"') {
        this.#offset = index + 1;
        return { kind: "string", text: value, start, end: index + 1 };
      }
      if (char === "\\") {
        const [decoded, length] = this.#readEscape(index);
        value += decoded;
        index += length;
        continue;
      }
      if (char < " ") {
        throw this.#failAt(index, "control characters must be escaped in a string (use \\n, \\t or \\uXXXX)");
      }
      value += char;
      index += 1;
    }
    throw this.#failAt(start, "unterminated string: expected a closing '\"'");
  }

  /** Decodes the escape at `index` (the backslash); returns the text and the escape's length. */
  #readEscape(index: number): readonly [string, number] {
    const letter = this.#text.charAt(index + 1);
    const simple = SIMPLE_ESCAPES[letter];
    if (simple !== undefined) return [simple, 2];
    if (letter === "u") {
      const hex = this.#text.slice(index + 2, index + 6);
      if (HEX4.test(hex)) return [String.fromCharCode(Number.parseInt(hex, 16)), 6];
      throw this.#failAt(index, "expected four hexadecimal digits after \\u");
    }
    const found = letter === "" ? "end of input" : `"\\${letter}"`;
    throw this.#failAt(
      index,
      `invalid escape ${found} in a string; use one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`,
    );
  }
}

function isWordChar(char: string): boolean {
  return char !== '"' && !PUNCTUATION.has(char) && !WHITESPACE.has(char);
}

/** How an error message names a token: `"eq"`, `"("`, `the string "abc"`, `end of input`. */
export function describeToken(token: Token): string {
  if (token.kind === "end") return "end of input";
  return token.kind === "string" ? `the string ${quote(token.text)}` : quote(token.text);
}

/** Text from the input as an error message shows it: JSON-quoted, cut after 40 characters. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
