import { foldCase } from "@scimkit/core";
import { type Page, USER_SEARCH_LIMIT, type UserListQuery, type UserRead } from "@scimkit/router";
import {
  compileSqlFilter,
  groupsOfUsers,
  keysetAfter,
  listOrder,
  orderBySql,
  orderSelections,
  pageTotal,
  positionOf,
  type SqlContext,
  sortTerm,
} from "@scimkit/store-kysely";
import { type SqlBool, sql } from "kysely";
import type { AppDatabase } from "./app-tables.js";
import { appUsersFilterTarget } from "./user-mapping.js";
import { userRowToScim } from "./user-rows.js";
import { statusSql } from "./user-status.js";

/**
 * The ids of the organization's users (deleted ones too: `statuses` decides) whose userName or
 * displayName starts with `text` (case-insensitive), or whose externalId or id is `text`, at
 * most USER_SEARCH_LIMIT + 1 of them (the port's `search`). The email prefix is a range over
 * the search index; the display name is in `scim_attributes`, so the search reads the
 * organization's rows in SQL until it has found enough (an app whose organizations have
 * thousands of users would give displayName a key column, as the reference schema does).
 */
function searchIds({ db, dialect }: SqlContext<AppDatabase>, orgId: string, text: string) {
  const trimmed = text.trim();
  const key = foldCase(trimmed);
  const displayName = dialect.json.fold(dialect.json.extract(sql.ref("s.scim_attributes"), ["displayName"]));
  return db
    .selectFrom("users as s")
    .select("s.id")
    .where("s.org_id", "=", orgId)
    .where((eb) =>
      eb.or([
        dialect.json.prefixRange(sql.ref("s.email_key"), key),
        dialect.json.prefixRange(displayName, key),
        sql<SqlBool>`s.external_id = ${trimmed}`,
        sql<SqlBool>`s.id = ${trimmed}`,
      ]),
    )
    .limit(USER_SEARCH_LIMIT + 1);
}

/**
 * One page of the organization's users and the total matching (the port's `list`). The status
 * condition, the filter (compiled to SQL over the app's mapping), the search, the order and the
 * offset or keyset all run in SQL; only the page's rows are read. A page that is not full tells
 * the total itself, so an IdP's lookup (`userName eq "…"`) costs no count.
 */
export async function listAppUsers(
  context: SqlContext<AppDatabase>,
  orgId: string,
  query: UserListQuery,
): Promise<Page<UserRead>> {
  const { db, dialect } = context;
  const statuses = query.statuses;
  if (statuses !== undefined && statuses.length === 0) return { total: 0, items: [] };
  // By default every user not deleted: `deleted_at is null` is also the userName index's predicate.
  let matching = db
    .selectFrom("users as u")
    .where("u.org_id", "=", orgId)
    .$if(statuses === undefined, (qb) => qb.where("u.deleted_at", "is", null))
    .$if(statuses !== undefined, (qb) => qb.where(statusSql("u"), "in", [...(statuses ?? [])]));
  if (query.filter !== undefined)
    matching = matching.where(
      compileSqlFilter(query.filter, appUsersFilterTarget(dialect), { tenantId: orgId }),
    );
  if (query.search !== undefined)
    matching = matching.where("u.id", "in", searchIds(context, orgId, query.search));
  const countAll = async () => {
    const { total } = await matching
      .select((eb) => eb.fn.countAll<number | bigint | string>().as("total"))
      .executeTakeFirstOrThrow();
    return Number(total);
  };
  const { page } = query;
  if (page.count === 0) return { total: await countAll(), items: [] };
  // A sort attribute without a column (displayName, in scim_attributes) orders by its JSON value.
  const target = appUsersFilterTarget(dialect);
  const terms = listOrder(query.sort, (key, index) => sortTerm(target, key, index), query.newestFirst);
  const keyset = page.kind === "keyset";
  let rows = matching.selectAll("u").select(orderSelections(terms, "u")).limit(page.count);
  if (page.kind === "keyset" && page.after !== undefined)
    rows = rows.where(keysetAfter(terms, "u", page.after));
  if (page.kind === "offset" && page.startIndex > 1) rows = rows.offset(page.startIndex - 1);
  for (const term of orderBySql(terms, "u", keyset)) rows = rows.orderBy(term);
  const found = await rows.execute();
  const total = await pageTotal(page, found.length, countAll);
  const groups = await groupsOfUsers(
    context,
    orgId,
    found.map((row) => row.id),
  );
  const items = found.map((row) => ({ ...userRowToScim(row), groups: groups.get(row.id) ?? [] }));
  const last = found.at(-1);
  return keyset && last !== undefined
    ? { total, items, end: positionOf(last as unknown as Record<string, unknown>, terms) }
    : { total, items };
}
