import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import type { AttrPath } from "../filter/filter-ast.js";
import { ScimError } from "../scim-error.js";
import { parseAttributeList, parseAttributeNames, parseAttributePath } from "./attribute-list.js";

function errorOf(run: () => unknown): { status: number; scimType: string } | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return { status: error.status, scimType: error.scimType ?? "" };
    throw error;
  }
  return undefined;
}

const E = ScimUrn.EnterpriseUser;
const invalidValue = { status: 400, scimType: "invalidValue" };

describe("parseAttributeList", () => {
  const cases: [string, { given: string | undefined; want: AttrPath[] }][] = [
    ["reads an absent parameter as no list", { given: undefined, want: [] }],
    ["reads a blank parameter as no list", { given: "  ", want: [] }],
    ["reads one name", { given: "userName", want: [{ name: "userName" }] }],
    [
      "reads names separated by commas, tolerating whitespace",
      { given: " userName , displayName", want: [{ name: "userName" }, { name: "displayName" }] },
    ],
    ["reads a sub-attribute", { given: "name.givenName", want: [{ name: "name", subAttr: "givenName" }] }],
    ["reads $ref", { given: "members.$ref", want: [{ name: "members", subAttr: "$ref" }] }],
    [
      "reads names with digits, dashes and underscores",
      { given: "x509Certificates,a-b_c", want: [{ name: "x509Certificates" }, { name: "a-b_c" }] },
    ],
    [
      "reads a URN-prefixed attribute",
      { given: `${E}:employeeNumber`, want: [{ uri: E, name: "employeeNumber" }] },
    ],
    [
      "reads a URN-prefixed sub-attribute",
      { given: `${E}:manager.value`, want: [{ uri: E, name: "manager", subAttr: "value" }] },
    ],
    [
      "reads a bare schema URN as URI and last segment",
      { given: E, want: [{ uri: "urn:ietf:params:scim:schemas:extension:enterprise:2.0", name: "User" }] },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(parseAttributeList(given)).toEqual(want);
  });

  const malformed: [string, { given: string }][] = [
    ["an empty entry", { given: "userName,,name" }],
    ["a trailing comma", { given: "userName," }],
    ["whitespace inside a name", { given: "user Name" }],
    ["a name starting with a digit", { given: "1name" }],
    ["two dots", { given: "name.givenName.x" }],
    ["an empty sub-attribute", { given: "name." }],
    ["an empty name", { given: ".givenName" }],
    ["an empty URI", { given: ":userName" }],
    ["a URI without scheme separator", { given: "urn:userName" }],
    ["a filter", { given: 'emails[type eq "work"]' }],
  ];
  it.each(malformed)("rejects %s as invalidValue", (_name, { given }) => {
    expect(errorOf(() => parseAttributeList(given))).toEqual(invalidValue);
  });
});

describe("parseAttributeNames", () => {
  const cases: [string, { given: readonly string[] | undefined; want: AttrPath[] }][] = [
    ["reads an absent array as no list", { given: undefined, want: [] }],
    [
      "reads one path per string",
      { given: ["userName", `${E}:manager`], want: [{ name: "userName" }, { uri: E, name: "manager" }] },
    ],
    [
      "tolerates a comma-separated string",
      {
        given: ["userName, emails.value"],
        want: [{ name: "userName" }, { name: "emails", subAttr: "value" }],
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(parseAttributeNames(given)).toEqual(want);
  });

  it("rejects a non-string entry as invalidValue", () => {
    expect(errorOf(() => parseAttributeNames([1] as unknown as string[]))).toEqual(invalidValue);
  });

  it("rejects a malformed entry as invalidValue", () => {
    expect(errorOf(() => parseAttributeNames([""]))).toEqual(invalidValue);
  });
});

describe("parseAttributePath", () => {
  it("names the malformed entry in the detail", () => {
    expect(() => parseAttributePath("a b")).toThrow('"a b"');
  });
});
