import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { userResourceSchema } from "../schema/resource-schemas.js";
import { ScimError } from "../scim-error.js";
import type { AttrPath, CompareOperator, FilterNode, FilterValue } from "./filter-ast.js";
import { evaluateFilter } from "./filter-evaluate.js";
import { parseAttrPath, parseScimFilter, parseScimPatchPath } from "./filter-parser.js";
import { printScimFilter } from "./filter-printer.js";

const CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const OPERATORS: readonly CompareOperator[] = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"];
const runs = { numRuns: 300 };

/** Whether `run` returns or throws a ScimError with one of `scimTypes`; anything else is a bug. */
function failsOnlyWith(run: () => unknown, scimTypes: readonly string[]): boolean {
  try {
    run();
    return true;
  } catch (error) {
    return error instanceof ScimError && error.status === 400 && scimTypes.includes(error.scimType ?? "");
  }
}

describe("printScimFilter and parseScimFilter (properties)", () => {
  const name = fc.oneof(
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,6}$/),
    fc.constantFrom("$ref", "not", "NOT", "and", "or", "pr", "eq", "true", "null"),
  );
  const topPath: fc.Arbitrary<AttrPath> = fc.record(
    { uri: fc.constantFrom(CORE, ENTERPRISE, "urn:example:ext:1.0:Custom", "urn:a"), name, subAttr: name },
    { requiredKeys: ["name"] },
  );
  const innerPath: fc.Arbitrary<AttrPath> = fc.record({ name });
  const value: fc.Arbitrary<FilterValue> = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: "binary", maxLength: 12 }),
    fc.constantFrom("\ud800", "a\udc00b", '"\\/', "\u0000\u001f\u007f", "a+b@x.io"),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((number) => (number === 0 ? 0 : number)),
    fc.boolean(),
    fc.constant(null),
  );

  /** Filters over `path`; with `inner`, value paths whose filters come from `inner`. */
  function filterOver(
    path: fc.Arbitrary<AttrPath>,
    inner?: fc.Arbitrary<FilterNode>,
  ): fc.Arbitrary<FilterNode> {
    return fc.letrec<{ node: FilterNode }>((tie) => {
      const leaf = fc.oneof(
        fc.record({ kind: fc.constant("compare" as const), path, op: fc.constantFrom(...OPERATORS), value }),
        fc.record({ kind: fc.constant("present" as const), path }),
        ...(inner === undefined
          ? []
          : [
              fc.record({
                kind: fc.constant("valuePath" as const),
                path: fc.record({ name }),
                filter: inner,
              }),
            ]),
      );
      const pair = fc.tuple(tie("node"), tie("node"));
      return {
        node: fc.oneof(
          { maxDepth: 4, depthSize: "small", withCrossShrink: true },
          leaf,
          pair.map(([left, right]): FilterNode => ({ kind: "and", left, right })),
          pair.map(([left, right]): FilterNode => ({ kind: "or", left, right })),
          tie("node").map((filter): FilterNode => ({ kind: "not", filter })),
        ),
      };
    }).node;
  }
  const anyFilter = filterOver(topPath, filterOver(innerPath));

  it("re-parses a printed AST to an equal AST", () => {
    fc.assert(
      fc.property(anyFilter, (ast) => {
        expect(parseScimFilter(printScimFilter(ast), { maxLength: 100_000 })).toEqual(ast);
      }),
      runs,
    );
  });

  it("throws nothing but invalidFilter for arbitrary text, and prints what it parses canonically", () => {
    const text = fc.oneof(fc.string({ unit: "binary", maxLength: 60 }), fc.string({ maxLength: 60 }));
    fc.assert(
      fc.property(text, (given) => {
        expect(failsOnlyWith(() => parseScimFilter(given), ["invalidFilter"])).toBe(true);
      }),
      runs,
    );
  });

  const tokens = fc.constantFrom(
    "(",
    ")",
    "[",
    "]",
    "not",
    "NOT",
    "and",
    "or",
    "eq",
    "co",
    "gt",
    "pr",
    "userName",
    "emails",
    "emails[",
    ".value",
    "]",
    '"x"',
    '"',
    '"\\',
    "\\u12",
    "1",
    "-1.5e3",
    "01",
    "true",
    "null",
    ":",
    `${ENTERPRISE}:manager`,
    "urn:",
    " ",
    "\t",
    "\u0000",
    "$ref",
    "a.b.c",
  );
  const tokenSoup = fc
    .tuple(fc.array(tokens, { maxLength: 30 }), fc.constantFrom(" ", ""))
    .map(([parts, glue]) => parts.join(glue));

  it("throws nothing but invalidFilter for filter-ish token soup, and round-trips what it accepts", () => {
    fc.assert(
      fc.property(tokenSoup, (given) => {
        let ast: FilterNode | undefined;
        expect(failsOnlyWith(() => (ast = parseScimFilter(given)), ["invalidFilter"])).toBe(true);
        if (ast !== undefined) expect(parseScimFilter(printScimFilter(ast))).toEqual(ast);
      }),
      runs,
    );
  });

  it("throws nothing but invalidPath or invalidFilter for PATCH paths and attribute paths", () => {
    fc.assert(
      fc.property(fc.oneof(tokenSoup, fc.string({ unit: "binary", maxLength: 40 })), (given) => {
        expect(failsOnlyWith(() => parseScimPatchPath(given), ["invalidPath", "invalidFilter"])).toBe(true);
        expect(failsOnlyWith(() => parseAttrPath(given), ["invalidPath"])).toBe(true);
      }),
      runs,
    );
  });

  const deep: [string, { given: string }][] = [
    ["10,000 opening parentheses", { given: "(".repeat(10_000) }],
    ["5,000 balanced parentheses", { given: `${"(".repeat(5000)}a pr${")".repeat(5000)}` }],
    ["1,000 nested nots", { given: `${"not (".repeat(1000)}a pr${")".repeat(1000)}` }],
    ["4,000 opening brackets", { given: "a[".repeat(4000) }],
  ];
  it.each(deep)("rejects %s with invalidFilter", (_, { given }) => {
    expect(() => parseScimFilter(given)).toThrow(
      expect.objectContaining({ status: 400, scimType: "invalidFilter" }),
    );
  });
});

/** An attribute of the reference model: where its values live and how they compare. */
interface ReferenceAttribute {
  readonly path: string;
  readonly type: "string" | "boolean" | "dateTime";
  readonly caseExact: boolean;
  /** Keys from the resource to the compared values; arrays are walked on the way. */
  readonly segments: readonly string[];
  /** Keys to the values `pr` tests, when they differ (a complex attribute itself, not its `value`). */
  readonly presentSegments?: readonly string[];
}

const referenceAttributes: readonly ReferenceAttribute[] = [
  { path: "userName", type: "string", caseExact: false, segments: ["userName"] },
  { path: "externalId", type: "string", caseExact: true, segments: ["externalId"] },
  { path: "name.givenName", type: "string", caseExact: false, segments: ["name", "givenName"] },
  { path: "emails.value", type: "string", caseExact: false, segments: ["emails", "value"] },
  {
    path: "emails",
    type: "string",
    caseExact: false,
    segments: ["emails", "value"],
    presentSegments: ["emails"],
  },
  { path: "emails.type", type: "string", caseExact: false, segments: ["emails", "type"] },
  {
    path: `${ENTERPRISE}:employeeNumber`,
    type: "string",
    caseExact: false,
    segments: [ENTERPRISE, "employeeNumber"],
  },
  { path: "active", type: "boolean", caseExact: false, segments: ["active"] },
  { path: "meta.lastModified", type: "dateTime", caseExact: false, segments: ["meta", "lastModified"] },
];

const text = fc.constantFrom(
  "",
  "a",
  "A",
  "ab",
  "AB",
  "b",
  "é",
  "É",
  "e\u0301",
  "ß",
  "SS",
  "😀",
  "\uE000",
  "\uFFFD",
  "a😀",
);
const instant = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2000-01-01T00:00:09Z"), noInvalidDate: true })
  .map((date) => date.toISOString());
const messy = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof(arbitrary, arbitrary, fc.constant(null), fc.integer());
const email = fc.record(
  { value: messy(text), type: fc.constantFrom("work", "home", "WORK") },
  { requiredKeys: [] },
);
const resource = fc.record(
  {
    userName: messy(text),
    externalId: text,
    name: fc.record({ givenName: text }, { requiredKeys: [] }),
    emails: fc.array(fc.oneof(email, email, fc.constant(null)), { maxLength: 3 }),
    active: fc.oneof(fc.boolean(), fc.constant(null)),
    meta: fc.record({ lastModified: messy(instant) }, { requiredKeys: [] }),
    [ENTERPRISE]: fc.record({ employeeNumber: text }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

function literalFor(attribute: ReferenceAttribute): fc.Arbitrary<FilterValue> {
  const typed = { string: text, boolean: fc.boolean(), dateTime: instant }[attribute.type];
  return fc.oneof(typed, typed, typed, fc.constant(null));
}

function operatorsFor(attribute: ReferenceAttribute, value: FilterValue): readonly CompareOperator[] {
  if (value === null || attribute.type === "boolean") return ["eq", "ne"];
  return attribute.type === "string" ? OPERATORS : ["eq", "ne", "gt", "ge", "lt", "le"];
}

const compareCase = fc
  .constantFrom(...referenceAttributes)
  .chain((attribute) =>
    literalFor(attribute).chain((value) =>
      fc.constantFrom(...operatorsFor(attribute, value)).map((op) => ({ attribute, op, value })),
    ),
  );

/** Walks the resource along `segments`, flattening arrays and dropping null/undefined. */
function collect(object: unknown, segments: readonly string[]): unknown[] {
  let values: unknown[] = [object];
  for (const segment of segments) {
    values = values
      .flatMap((value) => (isObject(value) ? [value[segment]].flat() : []))
      .filter((value) => value !== undefined && value !== null);
  }
  return values;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isPresent(value: unknown): boolean {
  if (value === "" || value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  return !isObject(value) || Object.keys(value).length > 0;
}

/** Orders two strings by their arrays of code points. */
function byCodePoints(left: string, right: string): number {
  const a = Array.from(left, (char) => char.codePointAt(0) ?? 0);
  const b = Array.from(right, (char) => char.codePointAt(0) ?? 0);
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    if (a[index] !== b[index]) return (a[index] ?? 0) - (b[index] ?? 0);
  }
  return a.length - b.length;
}

function sign(op: CompareOperator, comparison: number): boolean {
  return {
    eq: comparison === 0,
    gt: comparison > 0,
    ge: comparison >= 0,
    lt: comparison < 0,
    le: comparison <= 0,
  }[op as "eq"];
}

/** One value against the literal, straight from RFC 7644 §3.4.2.2 Table 3. */
function referenceMatch(
  attribute: ReferenceAttribute,
  op: CompareOperator,
  literal: FilterValue,
  value: unknown,
) {
  if (attribute.type === "boolean") return value === literal;
  if (typeof value !== "string" || typeof literal !== "string") return false;
  if (attribute.type === "dateTime") return sign(op, Date.parse(value) - Date.parse(literal));
  const fold = (s: string) => (attribute.caseExact ? s : s.normalize("NFC").toLowerCase());
  const [actual, expected] = [fold(value), fold(literal)];
  if (op === "co") return actual.includes(expected);
  if (op === "sw") return actual.startsWith(expected);
  if (op === "ew") return actual.endsWith(expected);
  return sign(op, byCodePoints(actual, expected));
}

function reference(
  attribute: ReferenceAttribute,
  op: CompareOperator,
  literal: FilterValue,
  object: unknown,
) {
  const values = collect(object, attribute.segments);
  if (literal === null) return (op === "eq") !== values.some(isPresent);
  if (op === "ne")
    return values.length === 0 || values.some((value) => !referenceMatch(attribute, "eq", literal, value));
  return values.some((value) => referenceMatch(attribute, op, literal, value));
}

const evaluate = (node: FilterNode, object: Record<string, unknown>) =>
  evaluateFilter(node, object, userResourceSchema);

describe("evaluateFilter (properties)", () => {
  it("agrees with a brute-force reference on comparisons", () => {
    fc.assert(
      fc.property(resource, compareCase, (object, { attribute, op, value }) => {
        const node: FilterNode = { kind: "compare", path: parseAttrPath(attribute.path), op, value };
        expect(evaluate(node, object)).toBe(reference(attribute, op, value, object));
      }),
      { numRuns: 1000 },
    );
  });

  it("agrees with a brute-force reference on pr", () => {
    fc.assert(
      fc.property(resource, fc.constantFrom(...referenceAttributes), (object, attribute) => {
        const node: FilterNode = { kind: "present", path: parseAttrPath(attribute.path) };
        const want = collect(object, attribute.presentSegments ?? attribute.segments).some(isPresent);
        expect(evaluate(node, object)).toBe(want);
      }),
      runs,
    );
  });

  it("matches a value filter when one single e-mail satisfies both conditions", () => {
    const type = fc.constantFrom("work", "home");
    fc.assert(
      fc.property(resource, type, text, (object, wantedType, wantedValue) => {
        const node = parseScimFilter(
          `emails[type eq ${JSON.stringify(wantedType)} and value eq ${JSON.stringify(wantedValue)}]`,
        );
        const fold = (s: unknown) => (typeof s === "string" ? s.normalize("NFC").toLowerCase() : s);
        const want = collect(object, ["emails"]).some(
          (email) =>
            isObject(email) && fold(email.type) === wantedType && fold(email.value) === fold(wantedValue),
        );
        expect(evaluate(node, object)).toBe(want);
      }),
      runs,
    );
  });

  const leaf = compareCase.map(
    ({ attribute, op, value }): FilterNode => ({
      kind: "compare",
      path: parseAttrPath(attribute.path),
      op,
      value,
    }),
  );
  it("is consistent with boolean algebra for and, or and not", () => {
    fc.assert(
      fc.property(resource, leaf, leaf, (object, left, right) => {
        const [l, r] = [evaluate(left, object), evaluate(right, object)];
        expect(evaluate({ kind: "and", left, right }, object)).toBe(l && r);
        expect(evaluate({ kind: "or", left, right }, object)).toBe(l || r);
        expect(evaluate({ kind: "not", filter: left }, object)).toBe(!l);
        expect(evaluate(parseScimFilter(printScimFilter({ kind: "or", left, right })), object)).toBe(l || r);
      }),
      runs,
    );
  });
});
