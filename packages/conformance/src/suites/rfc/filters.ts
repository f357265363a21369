import { filter, type ScimFilter } from "@scimkit/client";
import type { ConformanceCase, ConformanceSuite } from "../../suite-types.js";
import { requiresFeatures } from "./announced-features.js";
import { type FilterFixture, type FilterUserLabel, filterFixture, withinFixture } from "./filter-fixture.js";
import { checkScimError } from "./scim-responses.js";
import { checkSameUsers, queryUsers } from "./user-queries.js";

type FilterRow = readonly [
  name: string,
  query: (fx: FilterFixture) => ScimFilter | string,
  want: readonly FilterUserLabel[],
];

const ALL: readonly FilterUserLabel[] = ["alpha", "beta", "gamma", "delta"];
const localPart = (email: string) => email.slice(0, email.lastIndexOf("@"));
const PAST = new Date("2000-01-01T00:00:00Z");

/** RFC 7644 §3.4.2.2: each row is a filter over the run's four users and the users it must return. */
const rows: readonly FilterRow[] = [
  ["eq on userName", (fx) => filter.eq("userName", fx.users.alpha.userName), ["alpha"]],
  [
    "eq on userName ignores letter case, as userName is caseExact false",
    (fx) => filter.eq("userName", fx.users.alpha.userName.toUpperCase()),
    ["alpha"],
  ],
  ["eq on externalId", (fx) => filter.eq("externalId", fx.users.alpha.externalId), ["alpha"]],
  [
    "eq on externalId respects letter case, as externalId is caseExact true",
    (fx) => filter.eq("externalId", `${fx.prefix}a-ALPHA`),
    [],
  ],
  ["ne on displayName", () => filter.ne("displayName", "Beta Conformance"), ["alpha", "gamma", "delta"]],
  ["co on displayName", () => filter.co("displayName", "ta Con"), ["beta", "delta"]],
  ["sw on name.familyName", () => filter.sw("name.familyName", "Ander"), ["alpha", "gamma"]],
  ["ew on displayName", () => filter.ew("displayName", "lta Conformance"), ["delta"]],
  ["ew on name.familyName", () => filter.ew("name.familyName", "son"), ["alpha"]],
  ["pr on title", () => filter.pr("title"), ["alpha", "beta"]],
  ["gt on externalId", (fx) => filter.gt("externalId", fx.users.beta.externalId), ["gamma", "delta"]],
  ["ge on externalId", (fx) => filter.ge("externalId", fx.users.beta.externalId), ["beta", "gamma", "delta"]],
  ["lt on externalId", (fx) => filter.lt("externalId", fx.users.beta.externalId), ["alpha"]],
  ["le on externalId", (fx) => filter.le("externalId", fx.users.beta.externalId), ["alpha", "beta"]],
  ["eq on a boolean (active eq true)", () => filter.eq("active", true), ALL],
  [
    "attribute names and operators are case-insensitive",
    (fx) => `USERNAME EQ ${JSON.stringify(fx.users.alpha.userName)}`,
    ["alpha"],
  ],
  [
    "and binds tighter than or",
    () => 'displayName sw "Alpha" or displayName sw "Gamma" and title pr',
    ["alpha"],
  ],
  [
    "grouping with parentheses, and not",
    () =>
      filter.and(
        filter.or(filter.sw("displayName", "Alpha"), filter.sw("displayName", "Gamma")),
        filter.not(filter.pr("title")),
      ),
    ["gamma"],
  ],
  [
    'value filter emails[type eq "work" and value co …]',
    (fx) =>
      filter.valuePath(
        "emails",
        filter.and(filter.eq("type", "work"), filter.co("value", localPart(fx.users.gamma.userName))),
      ),
    ["gamma"],
  ],
  [
    "value filter conditions hold for one and the same value",
    (fx) =>
      filter.valuePath(
        "emails",
        filter.and(filter.eq("type", "home"), filter.co("value", localPart(fx.users.beta.userName))),
      ),
    [],
  ],
  [
    "emails.value eq a non-primary email",
    (fx) => filter.eq("emails.value", fx.users.delta.homeEmail ?? ""),
    ["delta"],
  ],
  ["meta.lastModified gt a past instant", () => filter.gt("meta.lastModified", PAST), ALL],
  [
    "meta.lastModified gt a future instant",
    () => filter.gt("meta.lastModified", new Date(Date.now() + 86_400_000)),
    [],
  ],
];

function filterCase([name, build, want]: FilterRow): ConformanceCase {
  return {
    name: `${name} (RFC 7644 §3.4.2.2)`,
    creates: true,
    run: async (ctx) => {
      const fx = await filterFixture(ctx);
      const expression = withinFixture(fx, build(fx));
      const page = await queryUsers(ctx, { filter: expression });
      const ids = want.map((label) => fx.users[label].id);
      checkSameUsers(page, ids, fx.names, `GET /Users?filter=${expression}`);
    },
  };
}

const MALFORMED = [
  "userName eq",
  'userName zz "x"',
  '(userName eq "x"',
  'userName eq "x" and',
  'emails[type eq "work"',
];

/** RFC 7644 §3.4.2.2: filters on the run's users, each operator, logic, value filters, case rules. */
export const filtersSuite: ConformanceSuite = {
  name: "filters",
  title: "Filters (eq ne co sw ew pr gt ge lt le, and/or/not, value filters)",
  requires: requiresFeatures("filter"),
  cases: [
    ...rows.map(filterCase),
    {
      name: "a malformed filter answers 400 invalidFilter (RFC 7644 §3.4.2.2, §3.12)",
      creates: false,
      run: async (ctx) => {
        for (const expression of MALFORMED) {
          const response = await ctx.raw("GET", `/Users?filter=${encodeURIComponent(expression)}`);
          await checkScimError(
            response,
            { status: 400, scimType: "invalidFilter" },
            `GET /Users?filter=${expression}`,
          );
        }
      },
    },
    {
      name: "gt on a boolean attribute answers 400 invalidFilter (RFC 7644 §3.4.2.2)",
      creates: false,
      run: async (ctx) => {
        const expression = "active gt true";
        const response = await ctx.raw("GET", `/Users?filter=${encodeURIComponent(expression)}`);
        await checkScimError(
          response,
          { status: 400, scimType: "invalidFilter" },
          `GET /Users?filter=${expression}`,
        );
      },
    },
  ],
};
