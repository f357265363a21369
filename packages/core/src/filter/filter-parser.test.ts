import { describe, expect, it } from "vitest";
import type { AttrPath, CompareOperator, FilterNode, FilterValue, PatchPath } from "./filter-ast.js";
import { defaultScimFilterLimits } from "./filter-limits.js";
import { parseAttrPath, parseScimFilter, parseScimPatchPath } from "./filter-parser.js";

const CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const invalidFilter = { status: 400, scimType: "invalidFilter" };
const invalidPath = { status: 400, scimType: "invalidPath" };

/** `name` or `name.sub`, optionally under a schema URN. */
function path(dotted: string, uri?: string): AttrPath {
  const [name = "", subAttr] = dotted.split(".");
  return { ...(uri === undefined ? {} : { uri }), name, ...(subAttr === undefined ? {} : { subAttr }) };
}
const compare = (attr: string | AttrPath, op: CompareOperator, value: FilterValue): FilterNode => ({
  kind: "compare",
  path: typeof attr === "string" ? path(attr) : attr,
  op,
  value,
});
const present = (attr: string | AttrPath): FilterNode => ({
  kind: "present",
  path: typeof attr === "string" ? path(attr) : attr,
});
const and = (left: FilterNode, right: FilterNode): FilterNode => ({ kind: "and", left, right });
const or = (left: FilterNode, right: FilterNode): FilterNode => ({ kind: "or", left, right });
const not = (filter: FilterNode): FilterNode => ({ kind: "not", filter });
const valuePath = (attr: string | AttrPath, filter: FilterNode): FilterNode => ({
  kind: "valuePath",
  path: typeof attr === "string" ? path(attr) : attr,
  filter,
});

/** Catches what `run` throws, so tests can assert its shape. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("parseScimFilter", () => {
  const rfcExamples: [string, { given: string; want: FilterNode }][] = [
    ["userName eq", { given: 'userName eq "bjensen"', want: compare("userName", "eq", "bjensen") }],
    [
      "sub-attribute with a quote in the value",
      { given: `name.familyName co "O'Malley"`, want: compare("name.familyName", "co", "O'Malley") },
    ],
    ["starts with", { given: 'userName sw "J"', want: compare("userName", "sw", "J") }],
    [
      "core schema URN prefix",
      { given: `${CORE}:userName sw "J"`, want: compare(path("userName", CORE), "sw", "J") },
    ],
    ["present", { given: "title pr", want: present("title") }],
    ...(["gt", "ge", "lt", "le"] as const).map((op): [string, { given: string; want: FilterNode }] => [
      `dateTime ${op}`,
      {
        given: `meta.lastModified ${op} "2011-05-13T04:42:34Z"`,
        want: compare("meta.lastModified", op, "2011-05-13T04:42:34Z"),
      },
    ]),
    [
      "and",
      {
        given: 'title pr and userType eq "Employee"',
        want: and(present("title"), compare("userType", "eq", "Employee")),
      },
    ],
    [
      "or",
      {
        given: 'title pr or userType eq "Intern"',
        want: or(present("title"), compare("userType", "eq", "Intern")),
      },
    ],
    ["schemas", { given: `schemas eq "${ENTERPRISE}"`, want: compare("schemas", "eq", ENTERPRISE) }],
    [
      "parenthesised or under and",
      {
        given: 'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
        want: and(
          compare("userType", "eq", "Employee"),
          or(compare("emails", "co", "example.com"), compare("emails.value", "co", "example.org")),
        ),
      },
    ],
    [
      "not with a parenthesised or",
      {
        given: 'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
        want: and(
          compare("userType", "ne", "Employee"),
          not(or(compare("emails", "co", "example.com"), compare("emails.value", "co", "example.org"))),
        ),
      },
    ],
    [
      "redundant parentheses",
      {
        given: 'userType eq "Employee" and (emails.type eq "work")',
        want: and(compare("userType", "eq", "Employee"), compare("emails.type", "eq", "work")),
      },
    ],
    [
      "value filter in a conjunction",
      {
        given: 'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
        want: and(
          compare("userType", "eq", "Employee"),
          valuePath("emails", and(compare("type", "eq", "work"), compare("value", "co", "@example.com"))),
        ),
      },
    ],
    [
      "two value filters",
      {
        given:
          'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
        want: or(
          valuePath("emails", and(compare("type", "eq", "work"), compare("value", "co", "@example.com"))),
          valuePath("ims", and(compare("type", "eq", "xmpp"), compare("value", "co", "@foo.com"))),
        ),
      },
    ],
  ];
  it.each(rfcExamples)("parses the RFC 7644 §3.4.2.2 example: %s", (_, { given, want }) => {
    expect(parseScimFilter(given)).toEqual(want);
  });

  const valid: [string, { given: string; want: FilterNode }][] = [
    [
      "an enterprise attribute by its URN, whose version contains a dot",
      {
        given: `${ENTERPRISE}:employeeNumber eq "701984"`,
        want: compare(path("employeeNumber", ENTERPRISE), "eq", "701984"),
      },
    ],
    [
      "an enterprise sub-attribute after the last colon",
      {
        given: `${ENTERPRISE}:manager.value eq "26118915"`,
        want: compare(path("manager.value", ENTERPRISE), "eq", "26118915"),
      },
    ],
    [
      "and binds tighter than or (or first)",
      { given: "a pr or b pr and c pr", want: or(present("a"), and(present("b"), present("c"))) },
    ],
    [
      "and binds tighter than or (and first)",
      { given: "a pr and b pr or c pr", want: or(and(present("a"), present("b")), present("c")) },
    ],
    [
      "or associates to the left",
      { given: "a pr or b pr or c pr", want: or(or(present("a"), present("b")), present("c")) },
    ],
    [
      "and associates to the left",
      { given: "a pr and b pr and c pr", want: and(and(present("a"), present("b")), present("c")) },
    ],
    [
      "parentheses group to the right",
      { given: "a pr and (b pr and c pr)", want: and(present("a"), and(present("b"), present("c"))) },
    ],
    [
      "parentheses lift or over and",
      { given: "(a pr or b pr) and c pr", want: and(or(present("a"), present("b")), present("c")) },
    ],
    [
      "not binds tighter than and",
      { given: "not (a pr) and b pr", want: and(not(present("a")), present("b")) },
    ],
    ["not inside not", { given: "not (not (a pr))", want: not(not(present("a"))) }],
    ["not without a space", { given: "not(a pr)", want: not(present("a")) }],
    ["operators in upper case", { given: 'userName EQ "x"', want: compare("userName", "eq", "x") }],
    ["pr in upper case", { given: "title PR", want: present("title") }],
    [
      "keywords in mixed case",
      { given: "a pr AND b pr Or NOT (c pr)", want: or(and(present("a"), present("b")), not(present("c"))) },
    ],
    [
      "literals in any case",
      {
        given: "active eq TRUE or nickName eq Null",
        want: or(compare("active", "eq", true), compare("nickName", "eq", null)),
      },
    ],
    [
      "attribute names keep the client's spelling",
      { given: 'EMAILS[TYPE Eq "work"]', want: valuePath("EMAILS", compare("TYPE", "eq", "work")) },
    ],
    [
      "every JSON escape",
      {
        given: String.raw`displayName eq "q\" b\\ s\/ \b\f\n\r\t \u00e9\u0041"`,
        want: compare("displayName", "eq", 'q" b\\ s/ \b\f\n\r\t éA'),
      },
    ],
    [
      "a surrogate pair written as escapes",
      { given: String.raw`nickName eq "\ud83d\ude00"`, want: compare("nickName", "eq", "😀") },
    ],
    [
      "raw non-ASCII text",
      { given: 'displayName eq "Zoë Ægir 😀"', want: compare("displayName", "eq", "Zoë Ægir 😀") },
    ],
    [
      "an e-mail with a plus",
      {
        given: 'userName eq "test.user+scim@okta.local"',
        want: compare("userName", "eq", "test.user+scim@okta.local"),
      },
    ],
    [
      "a value path followed by a sub-attribute comparison (Entra ID)",
      {
        given: 'emails[type eq "work"].value eq "a+b@contoso.com"',
        want: valuePath(
          "emails",
          and(compare("type", "eq", "work"), compare("value", "eq", "a+b@contoso.com")),
        ),
      },
    ],
    [
      "a value path followed by a sub-attribute pr",
      {
        given: 'emails[type eq "work" or type eq "home"].value pr',
        want: valuePath(
          "emails",
          and(or(compare("type", "eq", "work"), compare("type", "eq", "home")), present("value")),
        ),
      },
    ],
    [
      "a value path alone",
      { given: 'emails[type eq "work"]', want: valuePath("emails", compare("type", "eq", "work")) },
    ],
    [
      "not inside a value path",
      {
        given: 'emails[not (type eq "work")]',
        want: valuePath("emails", not(compare("type", "eq", "work"))),
      },
    ],
    [
      "a value path on an extension attribute",
      {
        given: `${ENTERPRISE}:manager[value eq "x"]`,
        want: valuePath(path("manager", ENTERPRISE), compare("value", "eq", "x")),
      },
    ],
    ["an integer", { given: "x eq 42", want: compare("x", "eq", 42) }],
    ["a negative decimal", { given: "x gt -1.5", want: compare("x", "gt", -1.5) }],
    ["an exponent", { given: "x lt 2.5E-2", want: compare("x", "lt", 0.025) }],
    ["zero", { given: "x eq 0", want: compare("x", "eq", 0) }],
    ["negative zero as zero", { given: "x eq -0", want: compare("x", "eq", 0) }],
    [
      "booleans",
      {
        given: "active eq true and active ne false",
        want: and(compare("active", "eq", true), compare("active", "ne", false)),
      },
    ],
    ["null", { given: "nickName eq null", want: compare("nickName", "eq", null) }],
    ["an empty string", { given: 'nickName eq ""', want: compare("nickName", "eq", "") }],
    [
      "$ref as a sub-attribute",
      { given: 'members.$ref co "/Users/"', want: compare("members.$ref", "co", "/Users/") },
    ],
    [
      "$ref inside a value filter",
      { given: 'groups[$ref co "Groups"]', want: valuePath("groups", compare("$ref", "co", "Groups")) },
    ],
    [
      "extra white space, tabs and newlines",
      { given: '  userName \t eq\n"x"  ', want: compare("userName", "eq", "x") },
    ],
    [
      "no space before a parenthesis or string",
      { given: 'title pr and(userType eq"a")', want: and(present("title"), compare("userType", "eq", "a")) },
    ],
    [
      "a group member lookup",
      { given: 'members.value eq "2819c223"', want: compare("members.value", "eq", "2819c223") },
    ],
    [
      "names that are keywords, where a path is expected",
      { given: "not pr and or pr", want: and(present("not"), present("or")) },
    ],
    ["a name with digits, dashes and underscores", { given: "x-1_y pr", want: present("x-1_y") }],
  ];
  it.each(valid)("parses %s", (_, { given, want }) => {
    expect(parseScimFilter(given)).toEqual(want);
  });

  const invalid: [string, { given: string }][] = [
    ["empty input", { given: "" }],
    ["only white space", { given: "   " }],
    ["a path without operator", { given: "userName" }],
    ["an operator without value", { given: "userName eq" }],
    ["an unterminated string", { given: 'userName eq "bjensen' }],
    ["a dangling and", { given: 'userName eq "x" and' }],
    ["a dangling or", { given: 'userName eq "x" or' }],
    ["an unclosed parenthesis", { given: '(userName eq "x"' }],
    ["a lone closing parenthesis", { given: 'userName eq "x")' }],
    ["an unclosed bracket", { given: 'emails[type eq "work"' }],
    ["a lone closing bracket", { given: "]" }],
    ["a lone opening bracket", { given: "[" }],
    ["a bracket after a bracket", { given: 'emails[type eq "work"]]' }],
    ["trailing garbage", { given: 'userName eq "x" garbage' }],
    ["two expressions without operator", { given: 'userName eq "x" userName eq "y"' }],
    ["an unknown operator", { given: 'userName xx "x"' }],
    ["a string as operator", { given: 'userName "x"' }],
    ["an unquoted value", { given: "userName eq bjensen" }],
    ["a single-quoted value", { given: "userName eq 'bjensen'" }],
    ["an unknown escape", { given: String.raw`userName eq "\x"` }],
    ["a short \\u escape", { given: String.raw`userName eq "\u12"` }],
    ["a backslash at the end", { given: 'userName eq "\\' }],
    ["a raw control character in a string", { given: 'userName eq "a\u0001b"' }],
    ["not without parentheses", { given: 'not userName eq "x"' }],
    ["empty parentheses", { given: "()" }],
    ["not with empty parentheses", { given: "not ()" }],
    ["an empty value filter", { given: "emails[]" }],
    ["nested value filters", { given: 'emails[type[value eq "x"]]' }],
    ["a value filter after a sub-attribute", { given: 'emails.value[type eq "x"]' }],
    ["two sub-attributes", { given: 'name.given.x eq "a"' }],
    ["a name starting with a digit", { given: '1abc eq "x"' }],
    ["an empty sub-attribute", { given: 'name. eq "x"' }],
    ["a prefix that is not a URI", { given: 'foo:bar eq "x"' }],
    ["a URN without attribute name", { given: `${ENTERPRISE}: eq "x"` }],
    ["a number out of range", { given: "x eq 1e999" }],
    ["a number with a leading zero", { given: "x eq 01" }],
    ["a number without integer part", { given: "x eq .5" }],
    ["a number with a plus sign", { given: "x eq +1" }],
    ["a doubled and", { given: "a pr and and" }],
    ["a doubled pr", { given: "title pr pr" }],
    ["a value path sub-attribute without operator", { given: 'emails[type eq "work"].value' }],
    ["a value path with an invalid sub-attribute", { given: 'emails[type eq "work"].1x eq "y"' }],
    ["a parenthesised value", { given: 'userName eq ("x")' }],
    ["an operator as a value", { given: "userName eq eq" }],
  ];
  it.each(invalid)("rejects %s with invalidFilter", (_, { given }) => {
    expect(() => parseScimFilter(given)).toThrow(expect.objectContaining(invalidFilter));
  });

  it("says where the error is and what was expected", () => {
    const error = thrownBy(() => parseScimFilter("displayName eq"));
    expect(error).toMatchObject({
      ...invalidFilter,
      detail: 'Invalid filter at position 14: expected a comparison value after "eq", found end of input',
    });
  });

  it("points at the opening parenthesis that is never closed", () => {
    expect(thrownBy(() => parseScimFilter('a pr and (b eq "x"'))).toMatchObject({
      detail:
        'Invalid filter at position 18: expected "and", "or" or ")" to close the "(" at position 9, found end of input',
    });
  });

  it("rejects a text that is not a string", () => {
    expect(() => parseScimFilter(undefined as unknown as string)).toThrow(
      expect.objectContaining(invalidFilter),
    );
  });

  it("accepts a filter of exactly the maximum length", () => {
    const given = `title pr${" ".repeat(defaultScimFilterLimits.maxLength - 8)}`;
    expect(parseScimFilter(given)).toEqual(present("title"));
  });

  const tooBig: [string, { given: string; limits?: { maxLength?: number; maxDepth?: number } }][] = [
    [
      "one character over the maximum length",
      { given: `title pr${" ".repeat(defaultScimFilterLimits.maxLength - 7)}` },
    ],
    ["10,000 opening parentheses (by length)", { given: "(".repeat(10_000) }],
    ["4,000 nested parentheses", { given: `${"(".repeat(4000)}title pr${")".repeat(4000)}` }],
    ["33 nested parentheses", { given: `${"(".repeat(33)}title pr${")".repeat(33)}` }],
    ["33 nested nots", { given: `${"not (".repeat(33)}title pr${")".repeat(33)}` }],
    ["a value filter at depth 33", { given: `${"(".repeat(32)}emails[type eq "w"]${")".repeat(32)}` }],
    ["a filter over a smaller length limit", { given: 'userName eq "x"', limits: { maxLength: 10 } }],
    ["nesting over a smaller depth limit", { given: "((title pr))", limits: { maxDepth: 1 } }],
    [
      "100,000 parentheses under generous limits (depth is capped)",
      { given: "(".repeat(100_000), limits: { maxLength: 1_000_000, maxDepth: 1_000_000 } },
    ],
  ];
  it.each(tooBig)("rejects %s with invalidFilter", (_, { given, limits }) => {
    expect(() => parseScimFilter(given, limits)).toThrow(expect.objectContaining(invalidFilter));
  });

  const deepButAllowed: [string, { given: string; limits?: { maxDepth: number } }][] = [
    ["32 nested parentheses", { given: `${"(".repeat(32)}title pr${")".repeat(32)}` }],
    ["a value filter at depth 32", { given: `${"(".repeat(31)}emails[type eq "w"]${")".repeat(31)}` }],
    [
      "nesting within a larger depth limit",
      { given: `${"(".repeat(100)}title pr${")".repeat(100)}`, limits: { maxDepth: 100 } },
    ],
  ];
  it.each(deepButAllowed)("accepts %s", (_, { given, limits }) => {
    expect(() => parseScimFilter(given, limits)).not.toThrow();
  });

  it("parses a long and-chain without deep recursion", () => {
    const given = Array.from({ length: 900 }, () => "a pr").join(" and ");
    let node = parseScimFilter(given);
    let length = 1;
    while (node.kind === "and") {
      length += 1;
      node = node.left;
    }
    expect(length).toBe(900);
  });
});

describe("parseScimPatchPath", () => {
  const valid: [string, { given: string; want: PatchPath }][] = [
    ["an attribute", { given: "userName", want: { attribute: path("userName") } }],
    ["a sub-attribute", { given: "name.familyName", want: { attribute: path("name.familyName") } }],
    [
      "a value filter with a sub-attribute",
      {
        given: 'emails[type eq "work"].value',
        want: { attribute: path("emails"), filter: compare("type", "eq", "work"), subAttr: "value" },
      },
    ],
    [
      "a member by value",
      {
        given: 'members[value eq "2819c223-7f76-453a-919d-413861904646"]',
        want: {
          attribute: path("members"),
          filter: compare("value", "eq", "2819c223-7f76-453a-919d-413861904646"),
        },
      },
    ],
    [
      "a member's display",
      {
        given: 'members[value eq "2819c223"].display',
        want: { attribute: path("members"), filter: compare("value", "eq", "2819c223"), subAttr: "display" },
      },
    ],
    [
      "an extension attribute",
      { given: `${ENTERPRISE}:manager`, want: { attribute: path("manager", ENTERPRISE) } },
    ],
    [
      "an extension sub-attribute",
      { given: `${ENTERPRISE}:manager.value`, want: { attribute: path("manager.value", ENTERPRISE) } },
    ],
    [
      "a URN-prefixed value filter with and",
      {
        given: `${CORE}:emails[type eq "work" and primary eq true].value`,
        want: {
          attribute: path("emails", CORE),
          filter: and(compare("type", "eq", "work"), compare("primary", "eq", true)),
          subAttr: "value",
        },
      },
    ],
    [
      "upper-case names, kept as written",
      {
        given: 'EMAILS[TYPE EQ "work"].VALUE',
        want: { attribute: path("EMAILS"), filter: compare("TYPE", "eq", "work"), subAttr: "VALUE" },
      },
    ],
    ["a $ref sub-attribute", { given: "groups.$ref", want: { attribute: path("groups.$ref") } }],
  ];
  it.each(valid)("parses %s", (_, { given, want }) => {
    expect(parseScimPatchPath(given)).toEqual(want);
  });

  const invalidPaths: [string, { given: string }][] = [
    ["an empty path", { given: "" }],
    ["text after the value filter", { given: 'emails[type eq "work"] x' }],
    ["two sub-attributes", { given: "name.familyName.x" }],
    ["a value filter after a sub-attribute", { given: 'emails.value[type eq "work"]' }],
    ["a filter instead of a path", { given: 'userName eq "x"' }],
    ["a dot without sub-attribute", { given: 'emails[type eq "work"].' }],
    ["an invalid sub-attribute", { given: 'emails[type eq "work"].1' }],
    ["a name glued to the bracket", { given: 'emails[type eq "work"]value' }],
    ["a parenthesised path", { given: "(userName)" }],
    ["a quoted path", { given: '"userName"' }],
    ["a name starting with a digit", { given: "1abc" }],
    ["a path over the length limit", { given: "a".repeat(8193) }],
  ];
  it.each(invalidPaths)("rejects %s with invalidPath", (_, { given }) => {
    expect(() => parseScimPatchPath(given)).toThrow(expect.objectContaining(invalidPath));
  });

  const invalidFilters: [string, { given: string }][] = [
    ["a value filter without value", { given: "emails[type eq]" }],
    ["an unclosed value filter", { given: 'emails[type eq "work"' }],
    ["an unterminated string in the value filter", { given: 'emails[type eq "work]' }],
    ["a dangling and in the value filter", { given: 'members[value eq "x" and]' }],
    ["an empty value filter", { given: "members[]" }],
  ];
  it.each(invalidFilters)("rejects %s with invalidFilter (RFC 7644 §3.12)", (_, { given }) => {
    expect(() => parseScimPatchPath(given)).toThrow(expect.objectContaining(invalidFilter));
  });
});

describe("parseAttrPath", () => {
  const valid: [string, { given: string; want: AttrPath }][] = [
    ["an attribute", { given: "userName", want: path("userName") }],
    ["a sub-attribute", { given: "name.givenName", want: path("name.givenName") }],
    [
      "a URN-prefixed attribute",
      { given: `${ENTERPRISE}:employeeNumber`, want: path("employeeNumber", ENTERPRISE) },
    ],
    ["surrounding white space", { given: " meta.lastModified ", want: path("meta.lastModified") }],
  ];
  it.each(valid)("parses %s", (_, { given, want }) => {
    expect(parseAttrPath(given)).toEqual(want);
  });

  const invalid: [string, { given: string }][] = [
    ["a value filter", { given: 'emails[type eq "x"]' }],
    ["nothing", { given: "" }],
    ["two words", { given: "a b" }],
    ["two sub-attributes", { given: "name.a.b" }],
  ];
  it.each(invalid)("rejects %s with invalidPath", (_, { given }) => {
    expect(() => parseAttrPath(given)).toThrow(expect.objectContaining(invalidPath));
  });
});
