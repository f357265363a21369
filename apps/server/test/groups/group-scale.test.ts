/**
 * A group with 50,000 members (docs/reference/idp-requests.md#group-push-forms, at scale):
 * membership changes are row inserts and deletes that never read or rewrite the member list,
 * `excludedAttributes=members` never touches it, and a full read returns every member. Users and
 * memberships are seeded straight into SQL; everything measured goes over HTTP, counting the SQL
 * statements the server runs.
 */
import { dataOrThrow, filter } from "@scimkit/client";
import { formatContractViolation } from "@scimkit/conformance";
import { ScimUrn } from "@scimkit/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type CountingServer,
  seedMemberships,
  seedUsers,
  startCountingServer,
} from "../helpers/counting-server.js";
import { byId, createGroup, createUser, type PatchOperation, patchGroup } from "./group-helpers.js";

const SIZE = 50_000;

let server: CountingServer;
let groupId: string;
let memberIds: string[];
afterEach(async () => {
  expect(server.violations.map(formatContractViolation)).toEqual([]);
  await server.close();
});

async function memberCount(id: string): Promise<number> {
  const row = await server.db
    .selectFrom("group_members")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("group_id", "=", id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The statements that touch the membership rows. */
const onMembers = (statements: readonly string[]) =>
  statements.filter((sql) => sql.includes('"group_members"'));

/**
 * Each statement on group_members names the member(s) it is about: a select or delete has a
 * `member_id` condition, an insert carries one row. None of them can read or rewrite the list.
 */
function expectRowSized(statements: readonly string[]): void {
  for (const sql of onMembers(statements)) {
    if (sql.startsWith("insert"))
      expect(sql, "inserts one membership row").toMatch(/values \(\?, \?, \?, \?\)( on|$)/);
    else expect(sql, "selects or deletes by member_id").toMatch(/"member_id" (=|in) \(?\?\)?/);
  }
  expect(statements.filter((sql) => /from "users"/.test(sql) && !/"id" (=|in) /.test(sql))).toEqual([]);
}

/** The statements of one PATCH, asserting 204. */
async function patchStatements(id: string, ...operations: PatchOperation[]): Promise<string[]> {
  return server.statementsDuring(async () =>
    expect((await patchGroup(server.scim, id, ...operations)).status).toBe(204),
  );
}

describe("a group with 50,000 members", () => {
  beforeEach(async () => {
    server = await startCountingServer();
    groupId = (await createGroup(server.scim, "Everyone")).id;
    memberIds = await seedUsers(server.db, server.tenantId, SIZE, "m");
    await seedMemberships(server.db, server.tenantId, groupId, memberIds);
  });

  it("adds one member with a fixed handful of statements, the same as for an empty group, none reading the list", async () => {
    const [newcomer, other] = [
      await createUser(server.scim, "new@acme.io"),
      await createUser(server.scim, "other@acme.io"),
    ];
    const small = await createGroup(server.scim, "Small");
    const add = (id: string) => ({
      op: "add",
      path: "members",
      value: [{ value: id, display: "new@acme.io" }],
    });
    const big = await patchStatements(groupId, add(newcomer.id));
    // Three of them record the membership event: the member's name, the group's sequence, the event.
    expect(big.length).toBeLessThanOrEqual(11);
    expect(onMembers(big)).toHaveLength(1);
    expectRowSized(big);
    expect(big, "the same statements whatever the group's size").toEqual(
      await patchStatements(small.id, add(other.id)),
    );
    expect(await memberCount(groupId)).toBe(SIZE + 1);
  });

  it("removes one member by members[value eq] and by Entra's value list with a fixed handful of statements, none reading the list", async () => {
    const [first, second] = [memberIds[10] ?? "", memberIds[20] ?? ""];
    const byFilter = await patchStatements(groupId, { op: "remove", path: `members[value eq "${first}"]` });
    const byValue = await patchStatements(groupId, {
      op: "Remove",
      path: "members",
      value: [{ $ref: null, value: second }],
    });
    for (const statements of [byFilter, byValue]) {
      // As for an add, three record the membership event.
      expect(statements.length).toBeLessThanOrEqual(10);
      expect(onMembers(statements)).toHaveLength(1);
      expectRowSized(statements);
    }
    expect(await memberCount(groupId)).toBe(SIZE - 2);
    const withMember = async (id: string) => {
      const query = { filter: String(filter.eq("members.value", id)), excludedAttributes: "members" };
      return (dataOrThrow(await server.scim.GET("/Groups", { params: { query } })).Resources ?? []).map(
        (g) => g.id,
      );
    };
    expect(await withMember(first)).toEqual([]);
    expect(await withMember(memberIds[30] ?? "")).toEqual([groupId]);
  });

  it("reads the group with excludedAttributes=members without a statement on group_members", async () => {
    const query = { excludedAttributes: "members" };
    let body: unknown;
    const one = await server.statementsDuring(async () => {
      body = dataOrThrow(await server.scim.GET("/Groups/{id}", { params: { path: { id: groupId }, query } }));
    });
    expect(body).toMatchObject({ id: groupId, displayName: "Everyone" });
    expect(body).not.toHaveProperty("members");
    const listQuery = { ...query, filter: String(filter.eq("displayName", "Everyone")) };
    const list = await server.statementsDuring(async () => {
      expect(
        dataOrThrow(await server.scim.GET("/Groups", { params: { query: listQuery } })).Resources,
      ).toHaveLength(1);
    });
    expect(onMembers(one)).toEqual([]);
    expect(onMembers(list)).toEqual([]);
  });

  it("returns all 50,000 members on a full read, from one statement on group_members", async () => {
    let members: { value: string; display?: string; type?: string }[] = [];
    const statements = await server.statementsDuring(async () => {
      members = dataOrThrow(await server.scim.GET("/Groups/{id}", byId(groupId))).members ?? [];
    });
    expect(members).toHaveLength(SIZE);
    expect(members.map((member) => member.value).sort()).toEqual(memberIds);
    expect(members[0]).toMatchObject({ display: `Member ${members[0]?.value}`, type: "User" });
    expect(onMembers(statements)).toHaveLength(1);
  });

  // An IdP's full push that leaves few of 50,000 members (Okta `replace` path members, a custom
  // app's PUT, Entra's `Remove` path members without value) must succeed however many members leave.
  const fullPushes: [string, { want: number; send: () => Promise<number> }][] = [
    [
      "PATCH replace path members with one member",
      {
        want: 1,
        send: async () =>
          (
            await patchGroup(server.scim, groupId, {
              op: "replace",
              path: "members",
              value: [{ value: memberIds[0] }],
            })
          ).status,
      },
    ],
    [
      "PATCH Remove path members without value",
      {
        want: 0,
        send: async () => (await patchGroup(server.scim, groupId, { op: "Remove", path: "members" })).status,
      },
    ],
    [
      "PUT with members: []",
      {
        want: 0,
        send: async () => {
          const body = { schemas: [ScimUrn.Group], displayName: "Everyone", members: [] };
          return (await server.scim.PUT("/Groups/{id}", { ...byId(groupId), body })).response.status;
        },
      },
    ],
  ];
  for (const [name, { want, send }] of fullPushes) {
    it(`succeeds on ${name}, leaving ${want} member(s)`, async () => {
      expect([200, 204]).toContain(await send());
      expect(await memberCount(groupId)).toBe(want);
    });
  }
});

describe("one request naming many members", () => {
  beforeEach(async () => {
    server = await startCountingServer();
  });

  it("adds 10,000 members in one PATCH (a first full push) with 204", async () => {
    const group = await createGroup(server.scim, "Newcomers");
    const ids = await seedUsers(server.db, server.tenantId, 10_000, "n");
    const result = await patchGroup(server.scim, group.id, {
      op: "add",
      path: "members",
      value: ids.map((value) => ({ value })),
    });
    expect(result.status).toBe(204);
    expect(await memberCount(group.id)).toBe(10_000);
  });
});

/**
 * Each step of SQLite's plan on group_members seeks by the group or the member named in the filter,
 * not by the tenant alone. Seeking by the tenant and testing every row makes `groups.value eq` cost
 * users × memberships (minutes for 50,000 members, with better-sqlite3 blocking the event loop
 * throughout) and `members.value eq` read every member of every group.
 */
async function expectIndexedMembership(request: () => Promise<unknown>): Promise<void> {
  const queries = (await server.queriesDuring(request)).filter((query) =>
    query.sql.includes('"group_members"'),
  );
  expect(queries.length).toBeGreaterThan(0);
  for (const query of queries) {
    const steps = (await server.planOf(query)).filter((step) => /group_members|^SCAN r\d/.test(step));
    expect(steps, query.sql).not.toEqual([]);
    for (const step of steps) expect(step, query.sql).toMatch(/(member_id|group_id)=\?/);
  }
}

describe("membership filters", () => {
  beforeEach(async () => {
    server = await startCountingServer();
  });

  it("GET /Users?filter=groups.value eq seeks membership rows by member, never testing every membership of the tenant per user", async () => {
    const group = await createGroup(server.scim, "Engineering", [
      (await createUser(server.scim, "ann@acme.io")).id,
    ]);
    const query = { filter: String(filter.eq("groups.value", group.id)) };
    await expectIndexedMembership(async () =>
      expect(dataOrThrow(await server.scim.GET("/Users", { params: { query } })).totalResults).toBe(1),
    );
  });

  it("GET /Groups?filter=members.value eq seeks membership rows by member, never testing every member of each group", async () => {
    const ann = await createUser(server.scim, "ann@acme.io");
    await createGroup(server.scim, "Engineering", [ann.id]);
    const query = { filter: String(filter.eq("members.value", ann.id)), excludedAttributes: "members" };
    await expectIndexedMembership(async () =>
      expect(dataOrThrow(await server.scim.GET("/Groups", { params: { query } })).totalResults).toBe(1),
    );
  });
});
