import { foldCase } from "@scimkit/core";
import { type Page, USER_SEARCH_LIMIT, type UserListQuery, type UserRead } from "@scimkit/router";
import { type Expression, type SqlBool, sql } from "kysely";
import { groupsOfUsers } from "./group-members-store.js";
import { keysetAfter, listOrder, orderBySql, pageTotal, positionOf } from "./list-order.js";
import { referenceUserMapping } from "./reference-mappings.js";
import { sortColumn } from "./sort-columns.js";
import type { SqlContext } from "./sql-dialect.js";
import { compileSqlFilter } from "./sql-filter.js";
import type { UserRow } from "./tables/users.table.js";
import { userFromRow, usersFilterTarget } from "./user-rows.js";

/**
 * Users whose userName or display name starts with `text` (case-insensitive, Unicode-folded as
 * the key columns are), or whose externalId or id is `text`: four index range reads
 * (migration 0007), each stopping after USER_SEARCH_LIMIT + 1 entries, so a search costs at most
 * that much in a tenant of any size, however broad it is. A prefix rather than a substring,
 * which no index can answer.
 */
function searchCondition({ db, dialect }: SqlContext, tenantId: string, text: string) {
  const trimmed = text.trim();
  const cap = USER_SEARCH_LIMIT + 1;
  const matching = (condition: Expression<SqlBool>) =>
    db
      .selectFrom(
        db
          .selectFrom("users")
          .select("id")
          .where("tenant_id", "=", tenantId)
          .where(condition)
          .limit(cap)
          .as("m"),
      )
      .select("m.id");
  const anyWay = matching(dialect.json.prefixRange(sql.ref("user_name_key"), foldCase(trimmed)))
    .union(matching(dialect.json.prefixRange(sql.ref("display_name_key"), foldCase(trimmed))))
    .union(matching(sql<SqlBool>`external_id = ${trimmed}`))
    .union(matching(sql<SqlBool>`id = ${trimmed}`));
  return db.selectFrom(anyWay.as("s")).select("s.id").limit(cap);
}

/**
 * One page of users and the total matching; the filter, sort, offset or keyset and count all run
 * in SQL. A later offset page is chosen over index columns only (`id` and the sort keys) and only
 * its rows are then read, so a deep `startIndex` steps over index entries, never over whole rows.
 * A page that is not full tells the total by itself, so an IdP's lookup (`userName eq "…"`) costs
 * no count.
 */
export async function listUsers(
  context: SqlContext,
  tenantId: string,
  query: UserListQuery,
): Promise<Page<UserRead>> {
  const { db } = context;
  const statuses = query.statuses;
  // `status <> 'deleted'` repeats the partial unique index's own predicate, so `userName eq` can seek it.
  let matching = db
    .selectFrom("users as u")
    .where("u.tenant_id", "=", tenantId)
    .$if(statuses === undefined, (qb) => qb.where("u.status", "<>", "deleted"))
    .$if(statuses !== undefined, (qb) => qb.where("u.status", "in", [...(statuses ?? [])]));
  if (query.filter !== undefined)
    matching = matching.where(
      compileSqlFilter(query.filter, usersFilterTarget(context.dialect), { tenantId }),
    );
  if (query.search !== undefined)
    matching = matching.where("u.id", "in", searchCondition(context, tenantId, query.search));
  const countAll = async () => {
    // Without a filter the total is the sum of the kept counts (an import pages through every
    // user; counting them on every page would read the whole tenant's index each time).
    const { total } =
      query.filter === undefined && query.search === undefined
        ? await db
            .selectFrom("user_counts")
            .select((eb) => eb.fn.coalesce(eb.fn.sum<number | bigint | string>("n"), eb.lit(0)).as("total"))
            .where("tenant_id", "=", tenantId)
            .$if(statuses === undefined, (qb) => qb.where("status", "<>", "deleted"))
            .$if(statuses !== undefined, (qb) => qb.where("status", "in", [...(statuses ?? [])]))
            .executeTakeFirstOrThrow()
        : await matching
            .select((eb) => eb.fn.countAll<number | bigint | string>().as("total"))
            .executeTakeFirstOrThrow();
    return Number(total);
  };
  const { page } = query;
  if (page.count === 0) return { total: await countAll(), items: [] };
  const terms = listOrder(query.sort, (key) => sortColumn(referenceUserMapping, key), query.newestFirst);
  let rows: UserRow[];
  if (page.kind === "keyset") {
    const after = page.after;
    let next = matching
      .selectAll("u")
      .$if(after !== undefined, (qb) => qb.where(keysetAfter(terms, "u", after ?? { values: [] })))
      .limit(page.count);
    for (const term of orderBySql(terms, "u", true)) next = next.orderBy(term);
    rows = await next.execute();
  } else if (page.startIndex === 1) {
    // The first page (every lookup an IdP makes) skips nothing: one plain statement.
    let first = matching.selectAll("u").limit(page.count);
    for (const term of orderBySql(terms, "u", false)) first = first.orderBy(term);
    rows = await first.execute();
  } else {
    // A later page is chosen over index columns only, and then only its rows are read.
    const skipped = page.startIndex - 1;
    let chosen = matching
      .select(["u.id", "u.created_at"])
      .$if(query.sort !== undefined && terms.length > 2, (qb) =>
        qb.select(terms.slice(0, -2).map((term, i) => sql.ref(`u.${term.column}`).as(`sort_key_${i}`))),
      )
      .limit(page.count)
      .offset(skipped);
    for (const term of orderBySql(terms, "u", false)) chosen = chosen.orderBy(term);
    const pageTerms = terms.map((term, i) =>
      i < terms.length - 2 ? { ...term, column: `sort_key_${i}` } : term,
    );
    let later = db
      .selectFrom(chosen.as("page"))
      .innerJoin("users as r", (join) => join.on("r.tenant_id", "=", tenantId).onRef("r.id", "=", "page.id"))
      .selectAll("r");
    for (const term of orderBySql(pageTerms, "page", false)) later = later.orderBy(term);
    rows = await later.execute();
  }
  const total = await pageTotal(page, rows.length, countAll);
  const groups = await groupsOfUsers(
    context,
    tenantId,
    rows.map((row) => row.id),
  );
  const items = rows.map((row) => ({ ...userFromRow(row), groups: groups.get(row.id) ?? [] }));
  const last = rows.at(-1);
  return page.kind === "keyset" && last !== undefined
    ? { total, items, end: positionOf(last as unknown as Record<string, unknown>, terms) }
    : { total, items };
}
