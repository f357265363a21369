import type { GroupRef, MemberRef } from "@scimkit/router";
import { type RawBuilder, sql } from "kysely";
import type { Database } from "./database.js";
import { chunks } from "./database-errors.js";
import { preparedQuery } from "./prepared-query.js";
import type { SqlContext, SqlDialect } from "./sql-dialect.js";

const groupsOfUser = preparedQuery(["tenantId", "userId"], (db, p) =>
  db
    .selectFrom("group_members as m")
    .innerJoin("groups as g", (join) =>
      join.onRef("g.tenant_id", "=", "m.tenant_id").onRef("g.id", "=", "m.group_id"),
    )
    .select(["m.member_id", "g.id", "g.display_name"])
    .where("m.tenant_id", "=", p.tenantId)
    .where("m.member_id", "=", p.userId)
    .orderBy("g.display_name_key")
    .orderBy("g.id"),
);

/**
 * The groups of some users (RFC 7643 §4.1.2 `groups`, derived from membership), by user id, each
 * list ordered by the groups' case-folded displayName, then id: what a users port returns as a
 * user's `groups`, whichever table holds the users.
 */
export async function groupsOfUsers<Tables = Database>(
  on: SqlContext<Tables>,
  tenantId: string,
  userIds: readonly string[],
): Promise<Map<string, GroupRef[]>> {
  // `group_members` and `groups` are the same tables whichever schema the caller's Kysely is typed with.
  const context = on as unknown as SqlContext;
  const byUser = new Map<string, GroupRef[]>();
  if (userIds.length === 0) return byUser;
  const [only] = userIds;
  // One user (every GET, PATCH and PUT of a user): the prepared statement.
  const rows =
    userIds.length === 1 && only !== undefined
      ? (await groupsOfUser.execute(context, { tenantId, userId: only })).rows
      : await context.db
          .selectFrom("group_members as m")
          .innerJoin("groups as g", (join) =>
            join.onRef("g.tenant_id", "=", "m.tenant_id").onRef("g.id", "=", "m.group_id"),
          )
          .select(["m.member_id", "g.id", "g.display_name"])
          .where("m.tenant_id", "=", tenantId)
          .where("m.member_id", "in", [...userIds])
          .orderBy("g.display_name_key")
          .orderBy("g.id")
          .execute();
  for (const row of rows) {
    const list = byUser.get(row.member_id) ?? [];
    list.push({ id: row.id, display: row.display_name });
    byUser.set(row.member_id, list);
  }
  return byUser;
}

/** A host app's users table: its name, and the columns holding the tenant and the user's id. */
export interface UsersTableRef {
  readonly table: string;
  readonly tenantColumn: string;
  readonly idColumn: string;
}

/**
 * How group members get their `display` (RFC 7643 §4.2 `members.display`: the user's displayName,
 * else its userName) from a host's own users table: the table, and the name as SQL over its row,
 * which the query aliases `u` (e.g. `coalesce(<displayName from the JSON column>, u.email)`).
 */
export interface MemberDisplay extends UsersTableRef {
  readonly display: (dialect: SqlDialect) => RawBuilder<string | null>;
}

/** The members of some groups with the name to display, named through a host's users table. */
async function hostMembers(
  context: SqlContext,
  tenantId: string,
  groupIds: readonly string[],
  host: MemberDisplay,
) {
  const users = sql.table(host.table);
  const column = (name: string) => sql.ref(`u.${name}`);
  const rows = await sql<{ group_id: string; member_id: string; display: string | null }>`
    select m.group_id, m.member_id, ${host.display(context.dialect)} as display
    from group_members as m
    inner join ${users} as u on ${column(host.tenantColumn)} = m.tenant_id and ${column(host.idColumn)} = m.member_id
    where m.tenant_id = ${tenantId} and m.group_id in (${sql.join([...groupIds])})
    order by m.group_id, m.added_at, m.member_id`.execute(context.db);
  return rows.rows;
}

/**
 * The members of some groups with the name to display, oldest membership first, by group id.
 * The name comes from the reference `users` table, or from a host's through `display`.
 */
export async function membersOfGroups(
  context: SqlContext,
  tenantId: string,
  groupIds: readonly string[],
  display?: MemberDisplay,
): Promise<Map<string, MemberRef[]>> {
  const byGroup = new Map<string, MemberRef[]>();
  if (groupIds.length === 0) return byGroup;
  if (display !== undefined) {
    for (const row of await hostMembers(context, tenantId, groupIds, display)) {
      const list = byGroup.get(row.group_id) ?? [];
      list.push({ memberId: row.member_id, display: row.display ?? row.member_id });
      byGroup.set(row.group_id, list);
    }
    return byGroup;
  }
  const rows = await context.db
    .selectFrom("group_members as m")
    .innerJoin("users as u", (join) =>
      join.onRef("u.tenant_id", "=", "m.tenant_id").onRef("u.id", "=", "m.member_id"),
    )
    .select(["m.group_id", "m.member_id", "u.display_name", "u.user_name"])
    .where("m.tenant_id", "=", tenantId)
    .where("m.group_id", "in", [...groupIds])
    .orderBy("m.group_id")
    .orderBy("m.added_at")
    .orderBy("m.member_id")
    .execute();
  for (const row of rows) {
    const list = byGroup.get(row.group_id) ?? [];
    list.push({ memberId: row.member_id, display: row.display_name ?? row.user_name });
    byGroup.set(row.group_id, list);
  }
  return byGroup;
}

/** Membership rows: member changes touch only the rows they name. */
export function sqlMemberships(context: SqlContext) {
  const { db } = context;
  return {
    async memberIds(tenantId: string, groupId: string): Promise<readonly string[]> {
      const rows = await db
        .selectFrom("group_members")
        .select("member_id")
        .where("tenant_id", "=", tenantId)
        .where("group_id", "=", groupId)
        .execute();
      return rows.map((row) => row.member_id);
    },

    /** Adds memberships, ignoring ones that exist; returns the ids that were new. One statement per chunk. */
    async addMembers(tenantId: string, groupId: string, userIds: readonly string[], at: string) {
      const added: string[] = [];
      for (const chunk of chunks([...new Set(userIds)])) {
        const rows = chunk.map((memberId) => ({
          tenant_id: tenantId,
          group_id: groupId,
          member_id: memberId,
          added_at: at,
        }));
        const inserted = await db
          .insertInto("group_members")
          .values(rows)
          .onConflict((conflict) => conflict.doNothing())
          .returning("member_id")
          .execute();
        for (const row of inserted) added.push(row.member_id);
      }
      return added;
    },

    /** Removes the named memberships (all when `userIds` is undefined); returns the ids that went. */
    async removeMembers(tenantId: string, groupId: string, userIds?: readonly string[]) {
      const remove = (ids?: readonly string[]) =>
        db
          .deleteFrom("group_members")
          .where("tenant_id", "=", tenantId)
          .where("group_id", "=", groupId)
          .$if(ids !== undefined, (qb) => qb.where("member_id", "in", [...(ids ?? [])]))
          .returning("member_id")
          .execute();
      if (userIds === undefined) return (await remove()).map((row) => row.member_id);
      const removed: string[] = [];
      for (const chunk of chunks([...new Set(userIds)]))
        for (const row of await remove(chunk)) removed.push(row.member_id);
      return removed;
    },

    async removeUserEverywhere(tenantId: string, userId: string) {
      const rows = await db
        .deleteFrom("group_members")
        .where("tenant_id", "=", tenantId)
        .where("member_id", "=", userId)
        .returning("group_id")
        .execute();
      return rows.map((row) => row.group_id);
    },
  };
}
