import { describe, expect, it } from "vitest";
import { attribute } from "../../test/support.js";
import { groupResourceSchema, type ResourceSchema, userResourceSchema } from "../schema/resource-schemas.js";
import type { FilterNode } from "./filter-ast.js";
import { checkFilterAttributes, compileFilter, evaluateFilter } from "./filter-evaluate.js";
import { parseScimFilter } from "./filter-parser.js";
import user from "./fixtures/rfc7643-8.2-user-full-enterprise.json" with { type: "json" };
import group from "./fixtures/rfc7643-8.4-group.json" with { type: "json" };

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const invalidFilter = { status: 400, scimType: "invalidFilter" };

const matchesUser = (filter: string, resource: Record<string, unknown> = user): boolean =>
  evaluateFilter(parseScimFilter(filter), resource, userResourceSchema);

describe("evaluateFilter on the RFC 7643 §8.2 user with the enterprise extension", () => {
  const cases: [string, { given: string; want: boolean }][] = [
    ["userName eq matches the exact value", { given: 'userName eq "bjensen@example.com"', want: true }],
    [
      "userName eq ignores case (caseExact false)",
      { given: 'userName eq "BJENSEN@Example.COM"', want: true },
    ],
    ["userName eq does not match a prefix", { given: 'userName eq "bjensen"', want: false }],
    [
      "userName ne is false for the same value in other case",
      { given: 'userName ne "BJENSEN@EXAMPLE.COM"', want: false },
    ],
    ["externalId eq matches case-exactly", { given: 'externalId eq "701984"', want: true }],
    ["id eq matches the exact id", { given: 'id eq "2819c223-7f76-453a-919d-413861904646"', want: true }],
    ["id eq is case-exact", { given: 'id eq "2819C223-7F76-453A-919D-413861904646"', want: false }],
    ["meta.resourceType is case-exact", { given: 'meta.resourceType eq "user"', want: false }],
    ["name.familyName eq ignores case", { given: 'name.familyName eq "jensen"', want: true }],
    ["sw on a sub-attribute", { given: 'name.givenName sw "BAR"', want: true }],
    ["co on a sub-attribute", { given: 'name.formatted co "j jensen"', want: true }],
    ["ew ignores case", { given: 'displayName ew "JENSEN"', want: true }],
    ["ew does not match elsewhere", { given: 'displayName ew "Babs"', want: false }],
    ["names in the filter are case-insensitive", { given: 'USERNAME eq "bjensen@example.com"', want: true }],
    [
      "the core URN prefix",
      { given: 'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "bjen"', want: true },
    ],
    ["an enterprise attribute by URN", { given: `${ENTERPRISE}:employeeNumber eq "701984"`, want: true }],
    ["an enterprise attribute without URN", { given: 'department eq "tour operations"', want: true }],
    [
      "an enterprise sub-attribute by URN",
      { given: `${ENTERPRISE}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`, want: true },
    ],
    ["manager.displayName ignores case", { given: 'manager.displayName eq "john smith"', want: true }],
    [
      "a single-valued complex attribute compares its value",
      { given: 'manager eq "26118915-6090-4610-87e4-49d8ca9f808d"', want: true },
    ],
    ["title pr", { given: "title pr", want: true }],
    ["pr on a multi-valued complex attribute", { given: "x509Certificates pr", want: true }],
    ["pr on a complex attribute", { given: "name pr", want: true }],
    ["pr on an absent attribute", { given: "roles pr", want: false }],
    ["eq null on an absent attribute", { given: "entitlements eq null", want: true }],
    ["eq null on a present attribute", { given: "title eq null", want: false }],
    ["ne null on a present attribute", { given: "title ne null", want: true }],
    ["ne on an absent attribute", { given: 'roles ne "x"', want: true }],
    ["eq on an absent attribute", { given: 'roles eq "x"', want: false }],
    ["active eq true", { given: "active eq true", want: true }],
    ["active eq false", { given: "active eq false", want: false }],
    ["active ne false", { given: "active ne false", want: true }],
    [
      "a multi-valued complex attribute compares its value",
      { given: 'emails eq "babs@jensen.org"', want: true },
    ],
    ["co on emails looks at every value", { given: 'emails co "example.com"', want: true }],
    [
      "emails.value eq matches any e-mail, ignoring case",
      { given: 'emails.value eq "BJENSEN@example.com"', want: true },
    ],
    ["emails.type eq matches any e-mail's type", { given: 'emails.type eq "home"', want: true }],
    [
      "emails.value ne is true when any e-mail differs",
      { given: 'emails.value ne "bjensen@example.com"', want: true },
    ],
    ["emails.value ne is true when no e-mail matches", { given: 'emails.value ne "x@y.z"', want: true }],
    [
      "a value filter matching one e-mail",
      { given: 'emails[type eq "work" and value co "@example.com"]', want: true },
    ],
    [
      "a value filter needs ONE e-mail to satisfy all of it",
      { given: 'emails[type eq "home" and value co "@example.com"]', want: false },
    ],
    [
      "separate conditions may match different e-mails",
      { given: 'emails.type eq "home" and emails.value co "@example.com"', want: true },
    ],
    [
      'the Entra ID form emails[type eq "work"].value eq',
      { given: 'emails[type eq "work"].value eq "bjensen@example.com"', want: true },
    ],
    [
      "the Entra ID form with the other e-mail",
      { given: 'emails[type eq "work"].value eq "babs@jensen.org"', want: false },
    ],
    ["a boolean inside a value filter", { given: "emails[primary eq true]", want: true }],
    ["not inside a value filter", { given: 'emails[not (primary eq true) and type eq "home"]', want: true }],
    [
      "a value filter on a single-valued complex attribute",
      { given: 'name[givenName eq "barbara"]', want: true },
    ],
    [
      "a value filter on addresses",
      { given: 'addresses[type eq "work" and postalCode eq "91608"]', want: true },
    ],
    ["addresses.locality ignores case", { given: 'addresses.locality eq "HOLLYWOOD"', want: true }],
    ["groups[display eq]", { given: 'groups[display eq "employees"]', want: true }],
    ["groups.$ref co", { given: 'groups.$ref co "/Groups/"', want: true }],
    ["binary values are case-exact", { given: 'x509Certificates.value sw "miid"', want: false }],
    ["binary values match case-exactly", { given: 'x509Certificates.value sw "MIID"', want: true }],
    ["schemas lists the enterprise extension", { given: `schemas eq "${ENTERPRISE}"`, want: true }],
    [
      "schemas compares case-insensitively",
      { given: `schemas eq "${ENTERPRISE.toUpperCase()}"`, want: true },
    ],
    [
      "lastModified gt an earlier instant",
      { given: 'meta.lastModified gt "2011-05-13T04:42:33Z"', want: true },
    ],
    [
      "lastModified gt the same instant",
      { given: 'meta.lastModified gt "2011-05-13T04:42:34Z"', want: false },
    ],
    [
      "lastModified ge the same instant",
      { given: 'meta.lastModified ge "2011-05-13T04:42:34Z"', want: true },
    ],
    [
      "lastModified le the same instant",
      { given: 'meta.lastModified le "2011-05-13T04:42:34Z"', want: true },
    ],
    [
      "lastModified lt a millisecond later",
      { given: 'meta.lastModified lt "2011-05-13T04:42:34.001Z"', want: true },
    ],
    [
      "lastModified eq with fractional zeros",
      { given: 'meta.lastModified eq "2011-05-13T04:42:34.000Z"', want: true },
    ],
    [
      "lastModified eq in another offset",
      { given: 'meta.lastModified eq "2011-05-13T06:42:34+02:00"', want: true },
    ],
    [
      "lastModified eq without offset (read as UTC)",
      { given: 'meta.lastModified eq "2011-05-13T04:42:34"', want: true },
    ],
    [
      "lastModified lt a negative offset",
      { given: 'meta.lastModified lt "2011-05-13T00:00:00-05:00"', want: true },
    ],
    ["lastModified ne another instant", { given: 'meta.lastModified ne "2010-01-23T04:56:22Z"', want: true }],
    ["created lt lastModified", { given: 'meta.created lt "2011-05-13T04:42:34Z"', want: true }],
    ["string gt compares folded text", { given: 'userName gt "BJENSEN@EXAMPLE.CO"', want: true }],
    [
      "string ge is true for the folded value itself",
      { given: 'userName ge "BJENSEN@EXAMPLE.COM"', want: true },
    ],
    ["string lt", { given: 'userName lt "c"', want: true }],
    ["string le", { given: 'userName le "a"', want: false }],
    ["case-exact gt compares unfolded text", { given: 'externalId gt "7"', want: true }],
    [
      "RFC example: and with a parenthesised or",
      {
        given: 'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
        want: true,
      },
    ],
    [
      "RFC example: and not",
      {
        given: 'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
        want: false,
      },
    ],
    ["RFC example: title pr and userType eq", { given: 'title pr and userType eq "Employee"', want: true }],
    ["RFC example: title pr or userType eq", { given: 'title pr or userType eq "Intern"', want: true }],
    ["not of a match", { given: "not (title pr)", want: false }],
    ["or of non-matches", { given: 'title eq "x" or nickName eq "y" or userType eq "z"', want: false }],
    ["and of matches", { given: 'title pr and nickName eq "babs" and userType eq "employee"', want: true }],
  ];
  it.each(cases)("%s", (_, { given, want }) => {
    expect(matchesUser(given)).toBe(want);
  });
});

describe("evaluateFilter on the RFC 7643 §8.4 group", () => {
  const cases: [string, { given: string; want: boolean }][] = [
    ["displayName eq ignores case", { given: 'displayName eq "tour guides"', want: true }],
    ["members.value eq", { given: 'members.value eq "2819c223-7f76-453a-919d-413861904646"', want: true }],
    [
      "members eq compares the value",
      { given: 'members eq "902c246b-6245-4190-8e05-00816be7344a"', want: true },
    ],
    [
      "a member by value filter",
      { given: 'members[value eq "902c246b-6245-4190-8e05-00816be7344a"]', want: true },
    ],
    ["a member that is not there", { given: 'members[value eq "00000000"]', want: false }],
    ["members.display co", { given: 'members.display co "mandy"', want: true }],
    ["meta.resourceType", { given: 'meta.resourceType eq "Group"', want: true }],
  ];
  it.each(cases)("%s", (_, { given, want }) => {
    expect(evaluateFilter(parseScimFilter(given), group, groupResourceSchema)).toBe(want);
  });

  it("rejects a User attribute on a Group", () => {
    expect(() => evaluateFilter(parseScimFilter('userName eq "x"'), group, groupResourceSchema)).toThrow(
      expect.objectContaining(invalidFilter),
    );
  });
});

describe("evaluateFilter on other resources", () => {
  const cases: [string, { given: { filter: string; resource: Record<string, unknown> }; want: boolean }][] = [
    [
      "folds non-ASCII upper case",
      { given: { filter: 'displayName eq "zoë"', resource: { displayName: "ZOË" } }, want: true },
    ],
    [
      "treats composed and decomposed text as equal",
      { given: { filter: 'displayName eq "ZOË"', resource: { displayName: "zoe\u0308" } }, want: true },
    ],
    [
      "does no full case folding (ß is not ss)",
      { given: { filter: 'displayName eq "STRASSE"', resource: { displayName: "straße" } }, want: false },
    ],
    [
      "keeps case-exact attributes unfolded",
      { given: { filter: 'externalId eq "ZOË"', resource: { externalId: "zoë" } }, want: false },
    ],
    [
      "orders strings by code point, not UTF-16 unit",
      { given: { filter: 'nickName gt "\uE000"', resource: { nickName: "😀" } }, want: true },
    ],
    [
      "reads no extension when the user has none",
      { given: { filter: "employeeNumber pr", resource: { userName: "a" } }, want: false },
    ],
    [
      "finds ne true without the extension",
      { given: { filter: 'employeeNumber ne "1"', resource: { userName: "a" } }, want: true },
    ],
    [
      "ignores an extension that is not an object",
      { given: { filter: "employeeNumber pr", resource: { [ENTERPRISE]: "x" } }, want: false },
    ],
    [
      "ignores a stored value of the wrong type",
      { given: { filter: 'userName eq "5"', resource: { userName: 5 } }, want: false },
    ],
    [
      "ignores a stored dateTime that is not one",
      {
        given: {
          filter: 'meta.lastModified lt "2030-01-01T00:00:00Z"',
          resource: { meta: { lastModified: "soon" } },
        },
        want: false,
      },
    ],
    [
      "ignores a stored dateTime of the wrong type",
      {
        given: {
          filter: 'meta.lastModified lt "2030-01-01T00:00:00Z"',
          resource: { meta: { lastModified: 5 } },
        },
        want: false,
      },
    ],
    [
      "ignores e-mails that are not objects",
      { given: { filter: 'emails.value eq "a"', resource: { emails: ["a", null] } }, want: false },
    ],
    [
      "ignores non-objects in a value filter",
      { given: { filter: 'emails[value eq "a"]', resource: { emails: ["a"] } }, want: false },
    ],
    [
      "counts an empty string as absent for pr",
      { given: { filter: "title pr", resource: { title: "" } }, want: false },
    ],
    [
      "counts an empty array as absent for pr",
      { given: { filter: "emails pr", resource: { emails: [] } }, want: false },
    ],
    [
      "counts an empty object as absent for pr",
      { given: { filter: "name pr", resource: { name: {} } }, want: false },
    ],
    [
      "counts null items as absent for pr",
      { given: { filter: "emails pr", resource: { emails: [null, {}] } }, want: false },
    ],
    ["counts false as present", { given: { filter: "active pr", resource: { active: false } }, want: true }],
    [
      "finds eq null true for an empty string",
      { given: { filter: "title eq null", resource: { title: "" } }, want: true },
    ],
    [
      "finds ne null false for null",
      { given: { filter: "title ne null", resource: { title: null } }, want: false },
    ],
  ];
  it.each(cases)("%s", (_, { given, want }) => {
    expect(matchesUser(given.filter, given.resource)).toBe(want);
  });
});

const deviceSchema: ResourceSchema = {
  name: "Device",
  core: {
    id: "urn:example:params:scim:schemas:core:2.0:Device",
    attributes: [attribute("batteryLevel", "integer"), attribute("weight", "decimal")],
  },
  extensions: [],
};

describe("evaluateFilter on numbers", () => {
  const device = { batteryLevel: 40, weight: 1.25 };
  const cases: [string, { given: string; want: boolean }][] = [
    ["integer eq", { given: "batteryLevel eq 40", want: true }],
    ["integer ne", { given: "batteryLevel ne 40", want: false }],
    ["integer gt", { given: "batteryLevel gt 39", want: true }],
    ["integer ge", { given: "batteryLevel ge 40", want: true }],
    ["integer lt a decimal", { given: "batteryLevel lt 40.5", want: true }],
    ["integer le", { given: "batteryLevel le 39", want: false }],
    ["decimal eq with an exponent", { given: "weight eq 125e-2", want: true }],
    ["decimal gt", { given: "weight gt 1.5", want: false }],
  ];
  it.each(cases)("%s", (_, { given, want }) => {
    expect(evaluateFilter(parseScimFilter(given), device, deviceSchema)).toBe(want);
  });

  it.each([
    ["co on an integer", { given: 'batteryLevel co "4"' }],
    ["a string literal for an integer", { given: 'batteryLevel eq "40"' }],
  ])("rejects %s with invalidFilter", (_, { given }) => {
    expect(() => checkFilterAttributes(parseScimFilter(given), deviceSchema)).toThrow(
      expect.objectContaining(invalidFilter),
    );
  });
});

describe("checkFilterAttributes", () => {
  const invalid: [string, { given: string }][] = [
    ["an unknown attribute", { given: 'foo eq "x"' }],
    ["an unknown sub-attribute", { given: 'name.foo eq "x"' }],
    ["a core attribute under the extension URN", { given: `${ENTERPRISE}:userName eq "x"` }],
    ["an unknown URN", { given: 'urn:example:unknown:1.0:User:userName eq "x"' }],
    ["an unknown sub-attribute in a value filter", { given: 'emails[foo eq "x"]' }],
    [
      "a URN inside a value filter",
      { given: 'emails[urn:ietf:params:scim:schemas:core:2.0:User:type eq "x"]' },
    ],
    ["a sub-sub-attribute in a value filter", { given: 'emails[value.x eq "a"]' }],
    ["a value filter on a simple attribute", { given: 'userName[value eq "x"]' }],
    ["an unknown attribute in a branch that need not run", { given: 'title pr or foo eq "x"' }],
    ["a string literal for a boolean", { given: 'active eq "true"' }],
    ["a word literal for a boolean", { given: 'active eq "yes"' }],
    ["gt on a boolean", { given: "active gt true" }],
    ["co on a boolean", { given: 'emails.primary co "t"' }],
    ["a number for a string", { given: "userName eq 5" }],
    ["a boolean for a string", { given: "userName eq true" }],
    ["gt with null", { given: "userName gt null" }],
    ["co with null", { given: "title co null" }],
    ["co on a dateTime", { given: 'meta.lastModified co "2011"' }],
    ["a dateTime that is not one", { given: 'meta.lastModified gt "yesterday"' }],
    ["a dateTime with an impossible day", { given: 'meta.lastModified gt "2011-02-30T00:00:00Z"' }],
    ["a dateTime with an impossible hour", { given: 'meta.lastModified gt "2011-02-03T24:00:00Z"' }],
    ["a dateTime with an impossible offset", { given: 'meta.lastModified gt "2011-02-03T00:00:00+15:00"' }],
    ["a number for a dateTime", { given: "meta.lastModified gt 5" }],
    ["a comparison on a complex attribute without value", { given: 'meta gt "x"' }],
    ["eq on name", { given: 'name eq "Babs"' }],
    ["ordering on binary values", { given: 'x509Certificates.value gt "A"' }],
  ];
  it.each(invalid)("rejects %s with invalidFilter", (_, { given }) => {
    expect(() => checkFilterAttributes(parseScimFilter(given), userResourceSchema)).toThrow(
      expect.objectContaining(invalidFilter),
    );
  });

  it("throws for an invalid filter whatever the resource holds", () => {
    expect(() => matchesUser('foo eq "x"', {})).toThrow(expect.objectContaining(invalidFilter));
  });

  const handBuilt: [string, { given: FilterNode }][] = [
    [
      "a value filter on a sub-attribute",
      {
        given: {
          kind: "valuePath",
          path: { name: "emails", subAttr: "value" },
          filter: { kind: "present", path: { name: "type" } },
        },
      },
    ],
    [
      "nested value filters",
      {
        given: {
          kind: "valuePath",
          path: { name: "emails" },
          filter: {
            kind: "valuePath",
            path: { name: "type" },
            filter: { kind: "present", path: { name: "x" } },
          },
        },
      },
    ],
  ];
  it.each(handBuilt)("rejects a hand-built AST with %s", (_, { given }) => {
    expect(() => checkFilterAttributes(given, userResourceSchema)).toThrow(
      expect.objectContaining(invalidFilter),
    );
  });

  it("accepts every valid filter without a resource", () => {
    expect(
      checkFilterAttributes(parseScimFilter('emails[type eq "work"].value eq "a@b.c"'), userResourceSchema),
    ).toBeUndefined();
  });
});

describe("compileFilter", () => {
  it("evaluates a long or-chain without deep recursion", () => {
    const given = Array.from({ length: 1000 }, (_, index) => `nickName eq "n${index}"`).join(" or ");
    const predicate = compileFilter(parseScimFilter(given, { maxLength: 100_000 }), userResourceSchema);
    expect([predicate({ nickName: "n999" }), predicate({ nickName: "x" })]).toEqual([true, false]);
  });
});
