import { parseScimFilter } from "@scimkit/core";
import { ScimUrn } from "@scimkit/types";
import { CompiledQuery, type LogEvent } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import type { ExistingApp } from "../src/index.js";
import { NOW, ORG, openApp, provision } from "./app-fixtures.js";

/*
 * IdP lookups over the app's own table are answered by SQL: the filter compiles (over the app's
 * mapping) into the WHERE of the users query, and SQLite's plan for it searches an index of the
 * organization's rows rather than scanning the table. Only the page's rows are read.
 */

let app: ExistingApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The app with four users and a group; every statement it runs lands in `queries`. */
async function withPeople(queries: CompiledQuery[]) {
  const log = (event: LogEvent) => {
    if (event.level === "query") queries.push(event.query);
  };
  const opened = await openApp(log);
  app = opened;
  await provision(opened, {
    id: "u1",
    email: "ada+scim@example.com",
    externalId: "okta-1",
    givenName: "Ada",
    familyName: "Lovelace",
    extra: {
      schemas: [ScimUrn.User, ScimUrn.EnterpriseUser],
      [ScimUrn.EnterpriseUser]: { department: "R&D" },
    },
  });
  await provision(opened, { id: "u2", email: "bob@example.com", externalId: "okta-2", givenName: "Bob" });
  await provision(opened, { id: "u3", email: "Élodie@example.org", givenName: "Élodie", active: false });
  await provision(opened, { id: "u4", email: "adam@example.org", givenName: "Adam" });
  const at = NOW.toISOString();
  await opened.store.read.groups.insert(ORG, {
    resource: {
      schemas: [ScimUrn.Group],
      id: "g1",
      displayName: "Ops",
      meta: { created: at, lastModified: at, version: 'W/"1"' },
    },
  });
  await opened.store.read.groups.addMembers(ORG, "g1", ["u2", "u3"], at);
  return opened;
}

/** SQLite's plan for a statement: one line per table access. */
async function planOf(opened: ExistingApp, query: CompiledQuery): Promise<string[]> {
  const plan = await opened.database.db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
  );
  return plan.rows.map((row) => row.detail);
}

/** Filters an IdP sends, the users each finds, and the index the users table is searched by. */
const lookups: readonly [string, { filter: string; want: string[]; index: RegExp }][] = [
  [
    "userName eq, any case",
    { filter: 'userName eq "ADA+SCIM@example.com"', want: ["u1"], index: /users_email_key/ },
  ],
  [
    "userName eq, non-ASCII case",
    { filter: 'userName eq "élodie@EXAMPLE.org"', want: ["u3"], index: /users_email_key/ },
  ],
  ["externalId eq", { filter: 'externalId eq "okta-2"', want: ["u2"], index: /users_external_id/ }],
  [
    "emails value filter",
    { filter: 'emails[value eq "Bob@example.com"]', want: ["u2"], index: /\(org_id=\?/ },
  ],
  [
    "emails.value eq",
    { filter: 'emails.value eq "ada+scim@example.com"', want: ["u1"], index: /\(org_id=\?/ },
  ],
  ["name.givenName sw", { filter: 'name.givenName sw "ad"', want: ["u1", "u4"], index: /\(org_id=\?/ }],
  ["active eq false", { filter: "active eq false", want: ["u3"], index: /\(org_id=\?/ }],
  ["groups.value eq", { filter: 'groups.value eq "g1"', want: ["u2", "u3"], index: /\(org_id=\?/ }],
  [
    "an enterprise extension attribute",
    { filter: `${ScimUrn.EnterpriseUser}:department eq "R&D"`, want: ["u1"], index: /\(org_id=\?/ },
  ],
];

describe("users.list filters on the app's table", () => {
  it.each(lookups)("answers %s from SQL through an index", async (_name, { filter, want, index }) => {
    const queries: CompiledQuery[] = [];
    const opened = await withPeople(queries);
    queries.length = 0;
    const page = await opened.store.read.users.list(ORG, {
      filter: parseScimFilter(filter),
      page: { kind: "offset", startIndex: 1, count: 10 },
    });
    expect(page.items.map((user) => user.resource.id)).toEqual(want);
    expect(page.total).toBe(want.length);
    const read = queries.filter((query) => /from "users" as "u"/.test(query.sql));
    expect(read).toHaveLength(1);
    const [statement] = read;
    if (statement === undefined) return;
    expect(statement.sql).toMatch(/ where "u"\."org_id" = \? and "u"\."deleted_at" is null and /);
    expect(statement.sql).toMatch(/ limit \?/);
    const usersAccess = (await planOf(opened, statement)).filter((line) => /^(SCAN|SEARCH) u\b/.test(line));
    expect(usersAccess).toHaveLength(1);
    expect(usersAccess[0]).toMatch(/^SEARCH u /);
    expect(usersAccess[0]).toMatch(index);
  });

  it("sorts and pages in SQL: a later page reads only its own rows", async () => {
    const queries: CompiledQuery[] = [];
    const opened = await withPeople(queries);
    queries.length = 0;
    const page = await opened.store.read.users.list(ORG, {
      sort: [{ attribute: "userName", descending: false }],
      page: { kind: "offset", startIndex: 2, count: 2 },
    });
    expect(page).toMatchObject({ total: 4 });
    expect(page.items.map((user) => user.resource.userName)).toEqual(["adam@example.org", "bob@example.com"]);
    const read = queries.find((query) => /select "u"\.\* from "users" as "u"/.test(query.sql));
    expect(read?.sql).toMatch(
      /order by "u"\."email_key" asc, "u"\."created_at" asc, "u"\."id" asc limit \? offset \?$/,
    );
  });
});
