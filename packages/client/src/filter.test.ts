import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { clientFor, fakeScimServer } from "../test/fake-scim-server.js";
import { filter as f, type ScimFilter } from "./filter.js";
import { paginate } from "./paginate.js";

const work = f.eq("type", "work");

describe("filter", () => {
  it.each<[string, { given: ScimFilter; want: string }]>([
    [
      "quotes a string",
      { given: f.eq("userName", "o'brien+test@x.io"), want: `userName eq "o'brien+test@x.io"` },
    ],
    [
      "escapes quotes and backslashes",
      { given: f.eq("title", 'a"b\\c'), want: String.raw`title eq "a\"b\\c"` },
    ],
    [
      "escapes control characters",
      { given: f.eq("title", "a\nb\u0000"), want: String.raw`title eq "a\nb\u0000"` },
    ],
    ["writes a number", { given: f.gt("meta.version", 42.5), want: "meta.version gt 42.5" }],
    ["writes a boolean", { given: f.eq("active", true), want: "active eq true" }],
    ["writes null", { given: f.ne("title", null), want: "title ne null" }],
    [
      "writes a Date as an ISO dateTime string",
      {
        given: f.ge("meta.lastModified", new Date(Date.UTC(2024, 0, 2, 3, 4, 5))),
        want: `meta.lastModified ge "2024-01-02T03:04:05.000Z"`,
      },
    ],
    ["co", { given: f.co("emails.value", "@example.com"), want: `emails.value co "@example.com"` }],
    ["sw", { given: f.sw("userName", "j"), want: `userName sw "j"` }],
    ["ew", { given: f.ew("userName", ".io"), want: `userName ew ".io"` }],
    ["lt", { given: f.lt("x", 1), want: "x lt 1" }],
    ["le", { given: f.le("x", "b"), want: `x le "b"` }],
    ["pr", { given: f.pr("title"), want: "title pr" }],
    [
      "accepts a schema URN prefix",
      {
        given: f.eq(`${ScimUrn.EnterpriseUser}:manager.value`, "26118915-6090-4610-87e4-49d8ca9f808d"),
        want: `${ScimUrn.EnterpriseUser}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`,
      },
    ],
    ["accepts $ref", { given: f.pr("members.$ref"), want: "members.$ref pr" }],
    ["joins with and", { given: f.and(f.pr("a"), f.pr("b"), f.pr("c")), want: "a pr and b pr and c pr" }],
    [
      "flattens nested and",
      { given: f.and(f.pr("a"), f.and(f.pr("b"), f.pr("c"))), want: "a pr and b pr and c pr" },
    ],
    [
      "parenthesises or inside and",
      { given: f.and(f.pr("a"), f.or(f.pr("b"), f.pr("c"))), want: "a pr and (b pr or c pr)" },
    ],
    [
      "parenthesises and inside or",
      { given: f.or(f.and(f.pr("a"), f.pr("b")), f.pr("c")), want: "(a pr and b pr) or c pr" },
    ],
    ["returns a single operand as is", { given: f.or(f.pr("a")), want: "a pr" }],
    ["wraps not in parentheses", { given: f.not(f.or(f.pr("a"), f.pr("b"))), want: "not (a pr or b pr)" }],
    [
      "keeps not atomic inside and",
      { given: f.and(f.not(f.pr("a")), f.pr("b")), want: "not (a pr) and b pr" },
    ],
    ["writes a value filter", { given: f.valuePath("emails", work), want: `emails[type eq "work"]` }],
    [
      "writes a compound value filter",
      {
        given: f.valuePath("emails", f.and(work, f.co("value", "@x.io"))),
        want: `emails[type eq "work" and value co "@x.io"]`,
      },
    ],
    [
      "combines a value filter with others",
      { given: f.or(f.valuePath("emails", work), f.pr("title")), want: `emails[type eq "work"] or title pr` },
    ],
  ])("%s", (_name, { given, want }) => {
    expect(String(given)).toBe(want);
    expect(JSON.stringify({ filter: given })).toBe(JSON.stringify({ filter: want }));
  });

  it.each([
    ["an empty name", ""],
    ["a space", "user name"],
    ["an injected expression", 'userName eq "x" or id'],
    ["a leading digit", "1abc"],
    ["a bracket", "emails[type"],
    ["a parenthesis", "userName)"],
    ["two sub-attributes", "name.givenName.x"],
    ["a trailing dot", "name."],
    ["a quote in a URN", 'urn:x"y:userName'],
    ["a space in a URN", "urn:a b:userName"],
    ["a newline", "userName\n"],
  ])("rejects an attribute path with %s", (_name, path) => {
    expect(() => f.eq(path, "x")).toThrow(TypeError);
    expect(() => f.pr(path)).toThrow(TypeError);
    expect(() => f.valuePath(path, work)).toThrow(TypeError);
  });

  // Casts stand in for JavaScript callers, whom the types do not stop.
  it.each<[string, () => unknown]>([
    ["NaN", () => f.eq("x", Number.NaN)],
    ["Infinity", () => f.gt("x", Number.POSITIVE_INFINITY)],
    ["an invalid Date", () => f.eq("x", new Date(Number.NaN))],
    ["an object", () => f.eq("x", {} as unknown as string)],
    ["undefined", () => f.eq("x", undefined as unknown as string)],
    ["a boolean for gt", () => f.gt("x", true as unknown as number)],
    ["a number for co", () => f.co("x", 1 as unknown as string)],
    ["no operands for and", () => f.and()],
    ["a string operand", () => f.or("userName pr" as unknown as ScimFilter)],
    ["a nested value filter", () => f.valuePath("emails", f.valuePath("x", work))],
    ["a nested value filter in a compound", () => f.valuePath("a", f.and(work, f.valuePath("b", work)))],
  ])("rejects %s", (_name, build) => {
    expect(build).toThrow(TypeError);
  });

  it("is immutable", () => {
    const built = f.pr("a");
    expect(Object.isFrozen(built)).toBe(true);
  });
});

describe("filter on the wire", () => {
  const hostile = [
    'x" or userName pr or "',
    "o'brien+test@x.io",
    String.raw`a\" or 1 eq 1 or \"`,
    '") or (userName pr',
    "%22 and &filter=x&count=9",
    "line\nbreak\ttab\u0000nul\u2028",
    "ünïcødé 😀",
  ];

  it.each(hostile)("sends %j as one string literal", async (value) => {
    const server = await fakeScimServer();
    const client = clientFor(server);

    for await (const _ of paginate(client, "/Users", { filter: f.eq("userName", value) })) {
      // The fake server has no users; only the query it received matters.
    }

    const sent = server.requests[0]?.query.getAll("filter");
    expect(sent).toHaveLength(1);
    // One JSON string literal from the operator to the end: no quote closes early.
    const literal = /^userName eq ("(?:[^"\\]|\\.)*")$/s.exec(sent?.[0] ?? "")?.[1];
    expect(literal).toBeDefined();
    expect(JSON.parse(literal ?? "")).toBe(value);
    expect(server.requests[0]?.query.get("count")).toBeNull();
  });
});
