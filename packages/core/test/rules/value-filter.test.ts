/**
 * One comparison for PATCH value paths and `filter=`: compileValueFilter (src/patch/patch-value-filter.ts)
 * compiles `attr[…]` with the filter evaluator's compileElementFilter (src/filter/filter-evaluate.ts),
 * so `remove items[…]` removes exactly the values `filter=items[…]` matches. The one tolerance on
 * top, Entra ID's boolean strings, is entraBooleanLiterals (src/patch/idp-quirks.ts).
 */
import { describe, expect, it } from "vitest";
import { evaluateFilter } from "../../src/filter/filter-evaluate.js";
import { parseScimFilter, parseScimPatchPath } from "../../src/filter/filter-parser.js";
import { entraBooleanLiterals } from "../../src/patch/idp-quirks.js";
import type { ResourceSchema } from "../../src/schema/resource-schemas.js";
import { attribute } from "../support.js";
import { type Outcome, outcomeOf, viaPatch } from "./both-paths.js";

const items = attribute("items", "complex", {
  multiValued: true,
  subAttributes: [
    attribute("value", "string"),
    attribute("code", "string", { caseExact: true }),
    attribute("display", "string"),
    attribute("primary", "boolean"),
    attribute("rank", "integer"),
    attribute("since", "dateTime"),
    attribute("blob", "binary"),
    attribute("tags", "string", { multiValued: true }),
  ],
});
const D = "urn:example:scim:schemas:Device";
const device: ResourceSchema = { name: "Device", core: { id: D, attributes: [items] }, extensions: [] };

/** Four values, named by `value`, that the filters below tell apart. */
const values = [
  {
    value: "Ann",
    code: "AbC",
    primary: true,
    rank: 3,
    since: "2026-11-01T10:00:00+01:00",
    tags: ["red", "blue"],
  },
  { value: "bob", code: "abc", primary: false, rank: 10, display: "", tags: ["blue"] },
  { value: "\u{10000}", rank: 1, blob: "AAAA" },
  { value: "\uE000", display: "E" },
];

/** The values of `items` a path selects: through PATCH (`remove` drops the matches) and through `filter=`. */
const paths: [string, (filter: string) => unknown][] = [
  [
    'PATCH remove path "items[…]"',
    (filter) => {
      const left = (viaPatch([{ op: "remove", path: `items[${filter}]` }], { items: values }, device).items ??
        []) as { value: string }[];
      return values.filter((value) => !left.some((kept) => kept.value === value.value)).map((v) => v.value);
    },
  ],
  [
    "filter=items[…]",
    (filter) => {
      const node = parseScimFilter(`items[${filter}]`);
      return values.filter((value) => evaluateFilter(node, { items: [value] }, device)).map((v) => v.value);
    },
  ],
];

const invalidFilter: Outcome = { error: { status: 400, scimType: "invalidFilter" } };

const cases: [string, { given: string; want: Outcome }][] = [
  ["eq folds case for caseExact:false", { given: 'value eq "ann"', want: { value: ["Ann"] } }],
  ["eq keeps case for caseExact:true", { given: 'code eq "abc"', want: { value: ["bob"] } }],
  ["eq on a boolean", { given: "primary eq true", want: { value: ["Ann"] } }],
  [
    "ne matches a multi-valued sub-attribute when any value differs",
    { given: 'tags ne "blue"', want: { value: ["Ann", "\u{10000}", "\uE000"] } },
  ],
  [
    "ne matches values without the sub-attribute",
    { given: "rank ne 3", want: { value: ["bob", "\u{10000}", "\uE000"] } },
  ],
  ["gt orders strings by code point", { given: 'value gt "\uE000"', want: { value: ["\u{10000}"] } }],
  [
    "lt orders strings by code point",
    { given: 'value lt "\u{10000}"', want: { value: ["Ann", "bob", "\uE000"] } },
  ],
  ["ge on an integer", { given: "rank ge 3", want: { value: ["Ann", "bob"] } }],
  ["compares dateTimes as instants", { given: 'since eq "2026-11-01T09:00:00Z"', want: { value: ["Ann"] } }],
  [
    "eq null matches an empty string",
    { given: "display eq null", want: { value: ["Ann", "bob", "\u{10000}"] } },
  ],
  ["pr skips an empty string", { given: "display pr", want: { value: ["\uE000"] } }],
  ["eq on binary", { given: 'blob eq "AAAA"', want: { value: ["\u{10000}"] } }],
  ["not negates", { given: 'not (value eq "bob")', want: { value: ["Ann", "\u{10000}", "\uE000"] } }],
  ["rejects gt on binary", { given: 'blob gt "AAAA"', want: invalidFilter }],
  ["rejects gt on a boolean", { given: "primary gt false", want: invalidFilter }],
  ["rejects a number for a string", { given: "value eq 1", want: invalidFilter }],
  ["rejects co on an integer", { given: "rank co 1", want: invalidFilter }],
  ["rejects an unknown sub-attribute", { given: 'kind eq "x"', want: invalidFilter }],
  ["rejects a nested value filter", { given: 'tags[value eq "x"]', want: invalidFilter }],
];

describe.each(paths)("value filters through %s (RFC 7644 §3.4.2.2, §3.5.2)", (_path, run) => {
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(outcomeOf(() => run(given))).toEqual(want);
  });
});

describe("entraBooleanLiterals: the one PATCH-only tolerance", () => {
  const tolerated: [string, { given: string; want: Outcome }][] = [
    ['reads "True" as true', { given: 'primary eq "True"', want: { value: ["Ann"] } }],
    [
      'reads "false" as false inside and',
      { given: 'primary eq "false" and rank gt 1', want: { value: ["bob"] } },
    ],
    ["leaves other strings to the type check", { given: 'primary eq "yes"', want: invalidFilter }],
  ];
  const [patch, query] = paths.map(([, run]) => run);
  if (patch === undefined || query === undefined) throw new Error("two paths");
  const normalised = (text: string) => {
    const { filter } = parseScimPatchPath(`items[${text}]`);
    if (filter === undefined) throw new Error("no filter");
    return entraBooleanLiterals(filter, items);
  };

  it.each(tolerated)("PATCH %s", (_name, { given, want }) => {
    expect(outcomeOf(() => patch(given))).toEqual(want);
  });

  it.each(tolerated)("filter= agrees once the literal is normalised: %s", (_name, { given, want }) => {
    const run = () =>
      values
        .filter((value) =>
          evaluateFilter(
            { kind: "valuePath", path: { name: "items" }, filter: normalised(given) },
            { items: [value] },
            device,
          ),
        )
        .map((v) => v.value);
    expect(outcomeOf(run)).toEqual(want);
  });

  it('filter= keeps the RFC literal types: primary eq "True" is invalidFilter', () => {
    expect(outcomeOf(() => query('primary eq "True"'))).toEqual(invalidFilter);
  });

  it("leaves URN-qualified and dotted paths and non-boolean sub-attributes alone", () => {
    const filter = parseScimFilter('value eq "True" or urn:x:primary eq "True"');
    expect(entraBooleanLiterals(filter, items)).toEqual(filter);
  });
});
