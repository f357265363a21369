import {
  type FilterNode,
  foldCase,
  groupMapping,
  groupResourceSchema,
  recordToScim,
  ScimError,
  scimToRecord,
} from "@scimkit/core";
import { type Kysely, sql, type Transaction } from "kysely";
import { type Database, dialectSql, locksRows } from "../db/database.js";
import { preparedQuery } from "../db/prepared-query.js";
import { compileSqlFilter, type SqlFilterTarget } from "../db/sql-filter.js";
import type { GroupRow } from "./groups.table.js";

/** A group as stored, without its members (they are rows of their own, read only when asked for). */
export interface StoredGroup {
  readonly resource: Readonly<Record<string, unknown>>;
}

/** A member as read back: the user's id and the name shown as `display`. */
export interface MemberRow {
  readonly groupId: string;
  readonly memberId: string;
  readonly display: string;
}

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Ids per statement: SQLite binds at most 32,766 variables, so a PUT or replace with a large member
 * list is written in chunks (still one transaction), never one statement per member.
 */
const CHUNK = 1000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** The group by id; `forUpdate` also locks its row where the database locks rows. */
const groupByIdQuery = (forUpdate: boolean) =>
  preparedQuery(["tenantId", "id"], (db, p) => {
    const query = db
      .selectFrom("groups")
      .selectAll()
      .where("tenant_id", "=", p.tenantId)
      .where("id", "=", p.id);
    return forUpdate ? query.forUpdate() : query;
  });
const groupById = groupByIdQuery(false);
const groupByIdForUpdate = groupByIdQuery(true);

const groupsOfUser = preparedQuery(["tenantId", "userId"], (db, p) =>
  db
    .selectFrom("group_members as m")
    .innerJoin("groups as g", (join) =>
      join.onRef("g.tenant_id", "=", "m.tenant_id").onRef("g.id", "=", "m.group_id"),
    )
    .select(["m.member_id", "g.id", "g.display_name"])
    .where("m.tenant_id", "=", p.tenantId)
    .where("m.member_id", "=", p.userId)
    .orderBy("g.display_name_key"),
);

const filterTarget: SqlFilterTarget = {
  schema: groupResourceSchema,
  mapping: groupMapping,
  json: dialectSql,
  alias: "g",
  valueRowTables: {},
  relations: { members: { table: "group_members", owner: "group_id", fields: { value: "member_id" } } },
};

function fromRow(row: GroupRow): StoredGroup {
  const document = JSON.parse(row.document) as Record<string, unknown>;
  return {
    resource: recordToScim(groupMapping, row as unknown as Record<string, string | number | null>, document),
  };
}

function toRow(tenantId: string, group: StoredGroup) {
  const { columns, document } = scimToRecord(groupMapping, group.resource);
  return {
    tenant_id: tenantId,
    id: String(columns.id),
    external_id: (columns.external_id as string | null) ?? null,
    display_name: String(columns.display_name),
    display_name_key: String(columns.display_name_key),
    created_at: String(columns.created_at),
    updated_at: String(columns.updated_at),
    version: String(columns.version),
    document: JSON.stringify(document),
  };
}

function uniqueness(error: unknown, displayName: string): unknown {
  if (
    error instanceof Error &&
    /UNIQUE constraint failed|unique constraint|duplicate key/i.test(error.message)
  ) {
    return ScimError.uniqueness(
      `A group named ${JSON.stringify(displayName)} already exists in this tenant.`,
    );
  }
  return error;
}

/** Groups and memberships of one tenant in SQL; member changes touch only the rows they name. */
export const groupsRepository = {
  /** The group; `forUpdate` locks its row where the database locks rows (see usersRepository.findById). */
  async findById(
    db: Executor,
    tenantId: string,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<StoredGroup | undefined> {
    const query = options.forUpdate === true && locksRows() ? groupByIdForUpdate : groupById;
    const [row] = (await query.execute(db, { tenantId, id })).rows;
    return row === undefined ? undefined : fromRow(row);
  },

  async insert(db: Executor, tenantId: string, group: StoredGroup): Promise<void> {
    const row = toRow(tenantId, group);
    try {
      await db.insertInto("groups").values(row).execute();
    } catch (error) {
      throw uniqueness(error, row.display_name);
    }
  },

  /** Rewrites the group's own row (never its members); false when the version moved on. */
  async update(
    db: Executor,
    tenantId: string,
    group: StoredGroup,
    expectedVersion: string,
  ): Promise<boolean> {
    const { tenant_id: _tenant, id: _id, ...row } = toRow(tenantId, group);
    try {
      // Never the key columns, even unchanged: SQLite then checks the foreign keys of every
      // membership row pointing at the group (50,000 rows for a large group) on each update.
      const result = await db
        .updateTable("groups")
        .set(row)
        .where("tenant_id", "=", tenantId)
        .where("id", "=", String(group.resource.id))
        .where("version", "=", expectedVersion)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    } catch (error) {
      throw uniqueness(error, row.display_name);
    }
  },

  async delete(db: Executor, tenantId: string, id: string): Promise<boolean> {
    const result = await db
      .deleteFrom("groups")
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  },

  /** The members of some groups with the name to display, oldest membership first. */
  async members(db: Executor, tenantId: string, groupIds: readonly string[]): Promise<MemberRow[]> {
    if (groupIds.length === 0) return [];
    const rows = await db
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
    return rows.map((row) => ({
      groupId: row.group_id,
      memberId: row.member_id,
      display: row.display_name ?? row.user_name,
    }));
  },

  /** The ids among `ids` that are users of the tenant (and not deleted). */
  async existingUsers(db: Executor, tenantId: string, ids: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const chunk of chunks(ids)) {
      const rows = await db
        .selectFrom("users")
        .select("id")
        .where("tenant_id", "=", tenantId)
        .where("id", "in", chunk)
        .where("status", "<>", "deleted")
        .execute();
      for (const row of rows) found.add(row.id);
    }
    return found;
  },

  /** Adds memberships, ignoring ones that exist; returns how many were new. One statement. */
  async addMembers(
    db: Executor,
    tenantId: string,
    groupId: string,
    memberIds: readonly string[],
    at: string,
  ): Promise<number> {
    let added = 0;
    for (const chunk of chunks(memberIds)) {
      const rows = chunk.map((memberId) => ({
        tenant_id: tenantId,
        group_id: groupId,
        member_id: memberId,
        added_at: at,
      }));
      const result = await db
        .insertInto("group_members")
        .values(rows)
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return added;
  },

  /** Removes the named memberships (all when `memberIds` is undefined); returns how many went. One statement. */
  async removeMembers(
    db: Executor,
    tenantId: string,
    groupId: string,
    memberIds?: readonly string[],
  ): Promise<number> {
    const remove = (ids?: readonly string[]) =>
      db
        .deleteFrom("group_members")
        .where("tenant_id", "=", tenantId)
        .where("group_id", "=", groupId)
        .$if(ids !== undefined, (qb) => qb.where("member_id", "in", [...(ids ?? [])]))
        .executeTakeFirst();
    if (memberIds === undefined) return Number((await remove()).numDeletedRows);
    let removed = 0;
    for (const chunk of chunks(memberIds)) removed += Number((await remove(chunk)).numDeletedRows);
    return removed;
  },

  /** Drops every membership of a user (the user was deleted). */
  async removeUserEverywhere(db: Executor, tenantId: string, userId: string): Promise<void> {
    await db
      .deleteFrom("group_members")
      .where("tenant_id", "=", tenantId)
      .where("member_id", "=", userId)
      .execute();
  },

  /** The groups of some users: the User `groups` attribute (RFC 7643 §4.1.2), derived from membership. */
  async groupsOfUsers(db: Executor, tenantId: string, userIds: readonly string[]) {
    if (userIds.length === 0) return [];
    const [only] = userIds;
    // One user (every GET, PATCH and PUT of a user): the prepared statement.
    if (userIds.length === 1 && only !== undefined)
      return (await groupsOfUser.execute(db, { tenantId, userId: only })).rows;
    return db
      .selectFrom("group_members as m")
      .innerJoin("groups as g", (join) =>
        join.onRef("g.tenant_id", "=", "m.tenant_id").onRef("g.id", "=", "m.group_id"),
      )
      .select(["m.member_id", "g.id", "g.display_name"])
      .where("m.tenant_id", "=", tenantId)
      .where("m.member_id", "in", [...userIds])
      .orderBy("g.display_name_key")
      .execute();
  },

  /** One page of groups and the total matching; filter, sort, offset and count in SQL. */
  async list(
    db: Executor,
    tenantId: string,
    query: {
      filter?: FilterNode;
      sortBy?: { column: string; descending: boolean };
      startIndex: number;
      count: number;
    },
  ): Promise<{ total: number; groups: StoredGroup[] }> {
    const base = db
      .selectFrom("groups as g")
      .where("g.tenant_id", "=", tenantId)
      .$if(query.filter !== undefined, (qb) =>
        qb.where(compileSqlFilter(query.filter as FilterNode, filterTarget, { tenantId })),
      );
    const { total } = await base
      .select((eb) => eb.fn.countAll<number>().as("total"))
      .executeTakeFirstOrThrow();
    if (query.count === 0 || Number(total) === 0) return { total: Number(total), groups: [] };
    const sort = query.sortBy;
    const rows = await base
      .selectAll("g")
      .$if(sort !== undefined, (qb) =>
        qb.orderBy(sql.ref(`g.${sort?.column}`), sort?.descending ? "desc" : "asc"),
      )
      .orderBy("g.created_at")
      .orderBy("g.id")
      .limit(query.count)
      .offset(query.startIndex - 1)
      .execute();
    return { total: Number(total), groups: rows.map(fromRow) };
  },

  /** The group with this display name, compared case-insensitively. */
  async findByDisplayName(
    db: Executor,
    tenantId: string,
    displayName: string,
  ): Promise<StoredGroup | undefined> {
    const row = await db
      .selectFrom("groups")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("display_name_key", "=", foldCase(displayName))
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  },
};
