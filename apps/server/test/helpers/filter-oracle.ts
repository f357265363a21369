import { compileFilter, parseScimFilter, userResourceSchema } from "@scimkit/core";
import { defaultTenantSettings, type Store, type StoredUser } from "@scimkit/router";
import { ScimUrn } from "@scimkit/types";
import fc from "fast-check";
import { expect, it } from "vitest";

/**
 * The fixture for checking the SQL filter compiler against @scimkit/core's in-memory evaluator
 * (the oracle): random users with columns, email rows, JSON document, extension and multi-valued
 * attributes, and random filters over them. Used on SQLite, PostgreSQL and the in-memory store
 * (whose own evaluator must agree with core's too).
 */
const tenantId = "t-oracle";

const words = [
  "ann",
  "Ann",
  "ÄNN",
  "änn",
  "bob",
  "BOB",
  "o'brien",
  "x+y",
  "Ünal",
  "ünal",
  "zed",
  "a%b",
  "a_b",
  "",
];
const domains = ["example.com", "Example.COM", "x.io"];
const word = fc.constantFrom(...words);

const arbitraryUser = (index: number) =>
  fc
    .record({
      local: fc.constantFrom("ann", "bob", "x+y", "Ünal"),
      domain: fc.constantFrom(...domains),
      externalId: fc.option(fc.constantFrom("E1", "e1", "00u9", "abc"), { nil: undefined }),
      displayName: fc.option(word, { nil: undefined }),
      title: fc.option(word, { nil: undefined }),
      givenName: fc.option(word, { nil: undefined }),
      active: fc.boolean(),
      extraEmails: fc.array(
        fc.record({
          value: fc.constantFrom("home@x.io", "Ann@Example.com", "b+c@x.io"),
          type: fc.constantFrom("home", "work", "Other"),
        }),
        { maxLength: 2 },
      ),
      phones: fc.array(
        fc.record({
          value: fc.constantFrom("+1 555", "555-0100", "0100"),
          type: fc.constantFrom("work", "mobile"),
        }),
        { maxLength: 2 },
      ),
      department: fc.option(word, { nil: undefined }),
      created: fc.integer({ min: 0, max: 5 }),
    })
    .map((u) => {
      const userName = `${u.local}${index}@${u.domain}`;
      const resource: Record<string, unknown> = {
        schemas: [ScimUrn.User, ScimUrn.EnterpriseUser],
        id: `id-${index}`,
        userName,
        active: u.active,
        emails: [{ value: userName, type: "work", primary: true }, ...u.extraEmails],
        meta: {
          created: new Date(Date.UTC(2026, 0, 1 + u.created)).toISOString(),
          lastModified: new Date(Date.UTC(2026, 1, 1 + u.created)).toISOString(),
          version: `W/"${index}"`,
        },
      };
      if (u.externalId !== undefined) resource.externalId = u.externalId;
      if (u.displayName !== undefined) resource.displayName = u.displayName;
      if (u.title !== undefined) resource.title = u.title;
      if (u.givenName !== undefined) resource.name = { givenName: u.givenName };
      if (u.phones.length > 0) resource.phoneNumbers = u.phones;
      if (u.department !== undefined) resource[ScimUrn.EnterpriseUser] = { department: u.department };
      return resource;
    });

export const oracleUsers: Record<string, unknown>[] =
  fc.sample(fc.tuple(...Array.from({ length: 60 }, (_, i) => arbitraryUser(i))), {
    numRuns: 1,
    seed: 7,
  })[0] ?? [];

/** Creates the oracle's tenant and users in a store. */
export async function seedOracle(store: Store): Promise<void> {
  await store.transaction(async (unit) => {
    const createdAt = new Date(0).toISOString();
    await unit.tenants.create({ id: tenantId, name: "oracle", createdAt, settings: defaultTenantSettings });
    for (const resource of oracleUsers) {
      const stored: StoredUser = { resource, status: "pending", source: "scim", joinedAt: null };
      await unit.users.insert(tenantId, stored);
    }
  });
}

/** The ids of the users the store selects for `filter`. */
export async function storeIds(store: Store, filter: string): Promise<string[]> {
  const { items } = await store.read.users.list(tenantId, {
    filter: parseScimFilter(filter),
    page: { kind: "offset", startIndex: 1, count: 1000 },
  });
  return items.map((user) => String(user.resource.id)).sort();
}

export function oracleIds(filter: string): string[] {
  const predicate = compileFilter(parseScimFilter(filter), userResourceSchema);
  return oracleUsers
    .filter((user) => predicate(user))
    .map((user) => String(user.id))
    .sort();
}

const literal = (value: string) => JSON.stringify(value);
const stringPaths = [
  "userName",
  "externalId",
  "displayName",
  "title",
  "name.givenName",
  "emails.value",
  "emails.type",
  "emails",
  "phoneNumbers.value",
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
  "department",
  "id",
];
const stringValues = [
  ...words,
  "ann0@example.com",
  "ANN0@EXAMPLE.COM",
  "home@x.io",
  "work",
  "WORK",
  "e1",
  "E1",
  "555",
  "@x.io",
  "id-1",
  "x+y",
];

const atom = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...stringPaths),
      fc.constantFrom("eq", "ne", "co", "sw", "ew", "gt", "lt", "ge", "le"),
      fc.constantFrom(...stringValues),
    )
    .map(([p, op, v]) => `${p} ${op} ${literal(v)}`),
  fc.constantFrom(...stringPaths).map((p) => `${p} pr`),
  fc.tuple(fc.constantFrom("eq", "ne"), fc.boolean()).map(([op, v]) => `active ${op} ${v}`),
  fc
    .tuple(fc.constantFrom("gt", "ge", "lt", "le", "eq"), fc.integer({ min: 0, max: 6 }))
    .map(([op, d]) => `meta.created ${op} "2026-01-0${1 + d}T00:00:00Z"`),
  fc
    .tuple(fc.constantFrom("work", "home", "Other"), fc.constantFrom(...stringValues))
    .map(([t, v]) => `emails[type eq ${literal(t)} and value co ${literal(v)}]`),
  fc
    .tuple(fc.constantFrom("work", "mobile"), fc.constantFrom("555", "0100"))
    .map(([t, v]) => `phoneNumbers[type eq ${literal(t)} and value ew ${literal(v)}]`),
  fc.constantFrom(
    "emails[primary eq true]",
    'emails[not (type eq "work")]',
    "displayName eq null",
    "title ne null",
  ),
);
export const filterText: fc.Arbitrary<string> = fc.letrec<{ f: string }>((tie) => ({
  f: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    atom,
    fc.tuple(tie("f"), fc.constantFrom("and", "or"), tie("f")).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    tie("f").map((a) => `not (${a})`),
  ),
})).f;

/**
 * The oracle's cases, for one store: the named filters, then random ones. Every store runs the
 * same property (test/sql-filter.oracle.test.ts on SQLite and in memory, test/postgres/ on PostgreSQL).
 */
export function oracleCases(store: () => Store, examples: readonly string[]): void {
  it.each(examples)("selects the same users for %s", async (filter) => {
    expect(await storeIds(store(), filter)).toEqual(oracleIds(filter));
  });

  it("selects the same users for random filters", async () => {
    await fc.assert(
      fc.asyncProperty(filterText, async (filter) => {
        expect(await storeIds(store(), filter)).toEqual(oracleIds(filter));
      }),
      { numRuns: 300, seed: 42 },
    );
  });
}
