import { groupResourceSchema, recordToScim, ScimError, scimToRecord } from "@scimkit/core";
import type { GroupRead, GroupsPort, ListQuery, Page, StoredGroup } from "@scimkit/router";
import { isUniqueViolation } from "./database-errors.js";
import { type MemberDisplay, membersOfGroups, sqlMemberships } from "./group-members-store.js";
import { keysetAfter, listOrder, orderBySql, positionOf } from "./list-order.js";
import { namesById } from "./names-by-id.js";
import { preparedQuery } from "./prepared-query.js";
import { referenceGroupMapping } from "./reference-mappings.js";
import { sortColumn } from "./sort-columns.js";
import { perDialect, type SqlContext } from "./sql-dialect.js";
import { compileSqlFilter, type SqlFilterTarget } from "./sql-filter.js";
import type { GroupRow } from "./tables/groups.table.js";

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

/** Where the groups filter compiler finds each attribute, per dialect. */
const groupsFilterTarget = perDialect(
  (dialect): SqlFilterTarget => ({
    schema: groupResourceSchema,
    mapping: referenceGroupMapping,
    json: dialect.json,
    alias: "g",
    valueRowTables: {},
    relations: { members: { table: "group_members", owner: "group_id", fields: { value: "member_id" } } },
  }),
);

function fromRow(row: GroupRow): StoredGroup {
  const document = JSON.parse(row.document) as Record<string, unknown>;
  return {
    resource: recordToScim(
      referenceGroupMapping,
      row as unknown as Record<string, string | number | null>,
      document,
    ),
  };
}

function toRow(tenantId: string, group: StoredGroup) {
  const { columns, document } = scimToRecord(referenceGroupMapping, group.resource);
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
  return isUniqueViolation(error)
    ? ScimError.uniqueness(`A group named ${JSON.stringify(displayName)} already exists in this tenant.`)
    : error;
}

/**
 * Groups and memberships of one tenant in SQL (the `GroupsPort` contract: store-ports.ts).
 * `memberDisplay` names members from a host's users table instead of the reference `users`.
 */
export function sqlGroupsStore(context: SqlContext, memberDisplay?: MemberDisplay): GroupsPort {
  const { db } = context;

  async function list(
    tenantId: string,
    query: ListQuery & { readonly withMembers?: boolean },
  ): Promise<Page<GroupRead>> {
    let base = db.selectFrom("groups as g").where("g.tenant_id", "=", tenantId);
    if (query.filter !== undefined)
      base = base.where(compileSqlFilter(query.filter, groupsFilterTarget(context.dialect), { tenantId }));
    const { total } = await base
      .select((eb) => eb.fn.countAll<number>().as("total"))
      .executeTakeFirstOrThrow();
    const { page } = query;
    if (page.count === 0 || Number(total) === 0) return { total: Number(total), items: [] };
    const terms = listOrder(query.sort, (key) => sortColumn(referenceGroupMapping, key));
    const keyset = page.kind === "keyset";
    let rows = base.selectAll("g").limit(page.count);
    if (page.kind === "keyset" && page.after !== undefined)
      rows = rows.where(keysetAfter(terms, "g", page.after));
    if (page.kind === "offset") rows = rows.offset(page.startIndex - 1);
    for (const term of orderBySql(terms, "g", keyset)) rows = rows.orderBy(term);
    const found = await rows.execute();
    const members = query.withMembers
      ? await membersOfGroups(
          context,
          tenantId,
          found.map((row) => row.id),
          memberDisplay,
        )
      : undefined;
    const items = found.map((row) => ({
      ...fromRow(row),
      ...(members === undefined ? {} : { members: members.get(row.id) ?? [] }),
    }));
    const last = found.at(-1);
    return keyset && last !== undefined
      ? { total: Number(total), items, end: positionOf(last as unknown as Record<string, unknown>, terms) }
      : { total: Number(total), items };
  }

  return {
    ...sqlMemberships(context),
    list,

    async get(tenantId, id, options = {}) {
      const query = options.forUpdate === true && context.dialect.locksRows ? groupByIdForUpdate : groupById;
      const [row] = (await query.execute(context, { tenantId, id })).rows;
      if (row === undefined) return undefined;
      if (options.withMembers !== true) return fromRow(row);
      const members = await membersOfGroups(context, tenantId, [id], memberDisplay);
      return { ...fromRow(row), members: members.get(id) ?? [] };
    },

    async insert(tenantId, group) {
      const row = toRow(tenantId, group);
      try {
        await db.insertInto("groups").values(row).execute();
      } catch (error) {
        throw uniqueness(error, row.display_name);
      }
    },

    async update(tenantId, group, expectedVersion) {
      const { tenant_id: _tenant, id, ...row } = toRow(tenantId, group);
      try {
        // Never the key columns, even unchanged: SQLite then checks the foreign keys of every
        // membership row pointing at the group (50,000 rows for a large group) on each update.
        const result = await db
          .updateTable("groups")
          .set(row)
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .where("version", "=", expectedVersion)
          .executeTakeFirst();
        return result.numUpdatedRows > 0n;
      } catch (error) {
        throw uniqueness(error, row.display_name);
      }
    },

    async remove(tenantId, id) {
      const result = await db
        .deleteFrom("groups")
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    namesOf: (tenantId, ids) => namesById(context, "groups", "display_name", tenantId, ids),
  };
}
