import { describe, expect, it } from "vitest";
import type { FilterNode } from "./filter-ast.js";
import { parseAttrPath, parseScimFilter, parseScimPatchPath } from "./filter-parser.js";
import { printAttrPath, printScimFilter, printScimPatchPath } from "./filter-printer.js";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

describe("printScimFilter", () => {
  const canonical: [string, { given: string; want: string }][] = [
    [
      "lower-cases operators and keywords",
      { given: 'userName EQ "x" AND title PR', want: 'userName eq "x" and title pr' },
    ],
    ["drops redundant parentheses", { given: "((a pr))", want: "a pr" }],
    [
      "keeps parentheses that group a chain to the right",
      { given: "a pr and (b pr and c pr)", want: "a pr and (b pr and c pr)" },
    ],
    [
      "drops parentheses of a left-grouped chain",
      { given: "(a pr and b pr) and c pr", want: "a pr and b pr and c pr" },
    ],
    [
      "keeps parentheses of or under and",
      { given: "(a pr or b pr) and c pr", want: "(a pr or b pr) and c pr" },
    ],
    [
      "drops parentheses of and under or",
      { given: "a pr or (b pr and c pr)", want: "a pr or b pr and c pr" },
    ],
    [
      "keeps parentheses of an or on the right of an or",
      { given: "a pr or (b pr or c pr)", want: "a pr or (b pr or c pr)" },
    ],
    ["writes not with a space", { given: "not(a pr)", want: "not (a pr)" }],
    ["writes a value path", { given: 'emails[ type  eq "work" ]', want: 'emails[type eq "work"]' }],
    [
      "writes the Entra ID value path form as one value filter",
      { given: 'emails[type eq "work"].value eq "x"', want: 'emails[type eq "work" and value eq "x"]' },
    ],
    [
      "keeps a URN prefix",
      { given: `${ENTERPRISE}:manager.value eq "m"`, want: `${ENTERPRISE}:manager.value eq "m"` },
    ],
    ["writes strings as JSON", { given: String.raw`a eq "\/\u00e9\"\\"`, want: String.raw`a eq "/é\"\\"` }],
    ["escapes control characters", { given: String.raw`a eq "\u0001\n"`, want: String.raw`a eq "\u0001\n"` }],
    ["writes numbers as JSON", { given: "a eq 1E3 or a eq -2.50", want: "a eq 1000 or a eq -2.5" }],
    [
      "writes literals in lower case",
      { given: "a eq TRUE or a eq NULL or a eq False", want: "a eq true or a eq null or a eq false" },
    ],
    ["keeps an e-mail with a plus", { given: 'userName eq "a+b@x.io"', want: 'userName eq "a+b@x.io"' }],
  ];
  it.each(canonical)("%s", (_, { given, want }) => {
    expect(printScimFilter(parseScimFilter(given))).toBe(want);
  });

  const roundTrips: [string, { given: string }][] = [
    [
      "an RFC example with not",
      { given: 'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")' },
    ],
    [
      "two value filters",
      {
        given:
          'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      },
    ],
    ["mixed precedence", { given: "a pr or b pr and not (c pr or d pr) and (e pr or f pr)" }],
    ["a dateTime", { given: 'meta.lastModified gt "2011-05-13T04:42:34Z"' }],
    ["an or inside a value filter", { given: 'emails[(type eq "work" or type eq "home") and value pr]' }],
    ["names that are keywords", { given: "not pr and or pr and and eq 1" }],
  ];
  it.each(roundTrips)("re-parses to an equal AST: %s", (_, { given }) => {
    const ast = parseScimFilter(given);
    expect(parseScimFilter(printScimFilter(ast))).toEqual(ast);
    expect(printScimFilter(ast)).toBe(given);
  });

  it("prints a long chain without deep recursion", () => {
    const operand: FilterNode = { kind: "present", path: { name: "a" } };
    let node: FilterNode = operand;
    for (let index = 1; index < 50_000; index += 1) node = { kind: "or", left: node, right: operand };
    expect(printScimFilter(node)).toBe(Array.from({ length: 50_000 }, () => "a pr").join(" or "));
  });
});

describe("printScimPatchPath", () => {
  const paths: [string, { given: string }][] = [
    ["an attribute", { given: "userName" }],
    ["a sub-attribute", { given: "name.familyName" }],
    ["a value filter", { given: 'members[value eq "2819c223"]' }],
    ["a value filter and a sub-attribute", { given: 'emails[type eq "work"].value' }],
    ["an extension attribute", { given: `${ENTERPRISE}:manager` }],
  ];
  it.each(paths)("writes %s as it was read", (_, { given }) => {
    expect(printScimPatchPath(parseScimPatchPath(given))).toBe(given);
  });
});

describe("printAttrPath", () => {
  const paths: [string, { given: string }][] = [
    ["an attribute", { given: "userName" }],
    ["a sub-attribute", { given: "name.givenName" }],
    ["an extension sub-attribute", { given: `${ENTERPRISE}:manager.value` }],
  ];
  it.each(paths)("writes %s as it was read", (_, { given }) => {
    expect(printAttrPath(parseAttrPath(given))).toBe(given);
  });
});
