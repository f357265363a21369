import { describe, expect, it } from "vitest";
import { attribute } from "../../test/support.js";
import type { FilterNode } from "../filter/filter-ast.js";
import { parseScimPatchPath } from "../filter/filter-parser.js";
import { ScimError } from "../scim-error.js";
import { compileValueFilter } from "./patch-value-filter.js";

/** A multi-valued complex attribute with a sub-attribute of every type. */
const items = attribute("items", "complex", {
  multiValued: true,
  subAttributes: [
    attribute("value", "string"),
    attribute("code", "string", { caseExact: true }),
    attribute("primary", "boolean"),
    attribute("rank", "integer"),
    attribute("since", "dateTime"),
    attribute("tags", "string", { multiValued: true }),
  ],
});

function filterOf(text: string): FilterNode {
  const { filter } = parseScimPatchPath(`items[${text}]`);
  if (filter === undefined) throw new Error("no filter");
  return filter;
}

const element = {
  value: "Ann@Example.com",
  code: "AbC",
  primary: true,
  rank: 3,
  since: "2026-11-01T10:00:00+01:00",
  tags: ["red", "blue"],
};

describe("compileValueFilter: matching one element (RFC 7644 §3.4.2.2)", () => {
  const cases: [string, { given: string; want: boolean }][] = [
    ["eq folds case for caseExact:false", { given: 'value eq "ann@example.com"', want: true }],
    ["eq keeps case for caseExact:true", { given: 'code eq "abc"', want: false }],
    ["ne is the negation of eq", { given: 'code ne "abc"', want: true }],
    ["co finds a substring", { given: 'value co "EXAMPLE"', want: true }],
    ["sw matches a prefix", { given: 'value sw "ann@"', want: true }],
    ["ew matches a suffix", { given: 'value ew ".org"', want: false }],
    ["gt orders strings", { given: 'value gt "a"', want: true }],
    ["lt orders strings", { given: 'value lt "a"', want: false }],
    ["ge on an integer", { given: "rank ge 3", want: true }],
    ["lt on an integer", { given: "rank lt 3", want: false }],
    ["le on an integer", { given: "rank le 2", want: false }],
    ["eq on a boolean", { given: "primary eq true", want: true }],
    ["eq on a boolean with a boolean string", { given: 'primary eq "False"', want: false }],
    ["gt compares dateTimes as instants", { given: 'since gt "2026-11-01T08:59:59Z"', want: true }],
    ["eq compares dateTimes as instants", { given: 'since eq "2026-11-01T09:00:00Z"', want: true }],
    ["matches any value of a multi-valued sub-attribute", { given: 'tags eq "blue"', want: true }],
    ["pr is true for a present value", { given: "value pr", want: true }],
    ["pr is false for an absent value", { given: "display pr", want: false }],
    ["eq null matches an absent value", { given: "display eq null", want: true }],
    ["ne null matches a present value", { given: "value ne null", want: true }],
    ["and needs both sides", { given: "primary eq true and rank eq 4", want: false }],
    ["or needs one side", { given: "primary eq false or rank eq 3", want: true }],
    ["not negates", { given: "not (rank eq 3)", want: false }],
    ["a value of the wrong type does not match", { given: 'display eq "x"', want: false }],
  ];
  const withDisplay = attribute("items", "complex", {
    ...items,
    subAttributes: [...(items.subAttributes ?? []), attribute("display", "string")],
  });
  it.each(cases)("%s", (_, { given, want }) => {
    expect(compileValueFilter(filterOf(given), withDisplay).matches(element)).toBe(want);
  });

  it("does not match an element that is not an object", () => {
    expect(compileValueFilter(filterOf('value eq "a"'), items).matches("a")).toBe(false);
  });

  it("does not match a stored value of another type", () => {
    const selector = compileValueFilter(filterOf("rank gt 1"), items);
    expect([selector.matches({ rank: "9" }), selector.matches({ since: 1 })]).toEqual([false, false]);
    expect(
      compileValueFilter(filterOf('since lt "2030-01-01T00:00:00Z"'), items).matches({ since: "soon" }),
    ).toBe(false);
  });
});

describe("compileValueFilter: equalities for add", () => {
  const cases: [string, { given: string; want: unknown }][] = [
    ["reads one eq", { given: 'VALUE eq "a"', want: { value: "a" } }],
    [
      "reads eq joined by and",
      { given: 'value eq "a" and primary eq "true"', want: { value: "a", primary: true } },
    ],
    ["gives none for or", { given: 'value eq "a" or value eq "b"', want: undefined }],
    ["gives none for another operator", { given: 'value co "a"', want: undefined }],
    ["gives none for eq null", { given: "value eq null", want: undefined }],
    ["gives none for clashing values", { given: 'value eq "a" and value eq "b"', want: undefined }],
    ["gives none when one side is not eq", { given: 'value eq "a" and rank gt 1', want: undefined }],
  ];
  it.each(cases)("%s", (_, { given, want }) => {
    expect(compileValueFilter(filterOf(given), items).equalities).toEqual(want);
  });
});

describe("compileValueFilter: invalid filters", () => {
  const cases: [string, { given: FilterNode }][] = [
    ["an unknown sub-attribute", { given: filterOf('kind eq "x"') }],
    ["a sub-attribute path with a dot", { given: filterOf('value.x eq "x"') }],
    ["a URN-qualified path", { given: filterOf('urn:x:value eq "x"') }],
    ["gt on a boolean", { given: filterOf("primary gt true") }],
    ["a string compared with a boolean attribute", { given: filterOf('primary eq "maybe"') }],
    ["co on an integer", { given: filterOf("rank co 1") }],
    ["a string compared with an integer attribute", { given: filterOf('rank eq "1"') }],
    ["a number compared with a string attribute", { given: filterOf("value eq 1") }],
    ["co on a dateTime", { given: filterOf('since co "2026"') }],
    ["a dateTime that is not one", { given: filterOf('since gt "yesterday"') }],
    ["gt null", { given: filterOf("value gt null") }],
    [
      "a nested value filter",
      {
        given: {
          kind: "valuePath",
          path: { name: "value" },
          filter: { kind: "present", path: { name: "value" } },
        },
      },
    ],
  ];
  it.each(cases)("rejects %s with invalidFilter", (_, { given }) => {
    let caught: unknown;
    try {
      compileValueFilter(given, items);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScimError);
    expect({ status: (caught as ScimError).status, scimType: (caught as ScimError).scimType }).toEqual({
      status: 400,
      scimType: "invalidFilter",
    });
  });
});
