import {
  type FilterNode,
  foldCase,
  recordToScim,
  ScimError,
  scimToRecord,
  userMapping,
  userResourceSchema,
} from "@scimkit/core";
import { type Expression, type Kysely, type SqlBool, sql, type Transaction } from "kysely";
import { type Database, dialectSql, locksRows } from "../db/database.js";
import { preparedQuery } from "../db/prepared-query.js";
import { compileSqlFilter, type SqlFilterTarget } from "../db/sql-filter.js";
import type { UserRow, UserSource, UserStatusColumn } from "./users.table.js";

/** A user as stored: the SCIM resource (with id and meta) plus the app's lifecycle columns. */
export interface StoredUser {
  readonly resource: Readonly<Record<string, unknown>>;
  readonly status: UserStatusColumn;
  readonly source: UserSource;
  readonly joinedAt: string | null;
}

/** A page query over a tenant's users (RFC 7644 §3.4.2): filter and sort run in SQL. */
export interface UserQuery {
  readonly filter?: FilterNode;
  readonly sortBy?: { readonly column: string; readonly descending: boolean };
  /** 1-based. */
  readonly startIndex: number;
  readonly count: number;
  /** Only users in these statuses (the team list); by default every user that is not deleted. */
  readonly statuses?: readonly UserStatusColumn[];
  /** The admin console's search: see `searchCondition`. */
  readonly search?: string;
  /** Newest first (the admin console) instead of oldest first (SCIM's order without sortBy). */
  readonly newestFirst?: boolean;
}

/**
 * The most users one search matches. Past it the search says that more match (the console asks
 * for more of the name) instead of sorting and counting them all: a one-letter prefix could
 * otherwise match most of a tenant, and SQLite would serve nothing else meanwhile.
 */
export const SEARCH_MATCH_LIMIT = 1000;

/**
 * Users whose userName or display name starts with `text` (case-insensitive, Unicode-folded as
 * the key columns are), or whose externalId or id is `text`: four index range reads
 * (migration 0007), each stopping after SEARCH_MATCH_LIMIT + 1
 * entries, so a search costs at most that much in a tenant of any size, however broad it is.
 * A prefix rather than a substring, which no index can answer.
 */
function searchCondition(db: Executor, tenantId: string, text: string) {
  const trimmed = text.trim();
  const cap = SEARCH_MATCH_LIMIT + 1;
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
  const anyWay = matching(dialectSql.prefixRange(sql.ref("user_name_key"), foldCase(trimmed)))
    .union(matching(dialectSql.prefixRange(sql.ref("display_name_key"), foldCase(trimmed))))
    .union(matching(sql<SqlBool>`external_id = ${trimmed}`))
    .union(matching(sql<SqlBool>`id = ${trimmed}`));
  return db.selectFrom(anyWay.as("s")).select("s.id").limit(cap);
}

type Executor = Kysely<Database> | Transaction<Database>;

/** Where the users filter compiler finds each attribute (exported for the query-plan tests). */
export const usersFilterTarget: SqlFilterTarget = {
  schema: userResourceSchema,
  mapping: userMapping,
  json: dialectSql,
  alias: "u",
  relations: {
    // `groups.value eq "…"` (RFC 7643 §4.1.2 `groups`, derived from membership rows).
    groups: { table: "group_members", owner: "member_id", fields: { value: "group_id" } },
  },
  valueRowTables: { emails: { table: "user_emails", owner: "user_id" } },
};

/** The non-deleted user by id; `forUpdate` also locks its row where the database locks rows. */
const userByIdQuery = (forUpdate: boolean) =>
  preparedQuery(["tenantId", "id"], (db, p) => {
    const query = db
      .selectFrom("users")
      .selectAll()
      .where("tenant_id", "=", p.tenantId)
      .where("id", "=", p.id)
      .where("status", "<>", "deleted");
    return forUpdate ? query.forUpdate() : query;
  });
const userById = userByIdQuery(false);
const userByIdForUpdate = userByIdQuery(true);
const userByUserName = preparedQuery(["tenantId", "key"], (db, p) =>
  db
    .selectFrom("users")
    .selectAll()
    .where("tenant_id", "=", p.tenantId)
    .where("user_name_key", "=", p.key)
    .where("status", "<>", "deleted"),
);

const userColumns = [
  "tenant_id",
  "id",
  "external_id",
  "user_name",
  "user_name_key",
  "display_name",
  "display_name_key",
  "active",
  "user_type",
  "status",
  "source",
  "joined_at",
  "created_at",
  "updated_at",
  "version",
  "document",
] as const;
const insertUser = preparedQuery(userColumns, (db, p) => db.insertInto("users").values(p));
const emailColumns = ["tenant_id", "user_id", "position", "value_key", "type_key", "is_primary"] as const;
// One statement per email: users have one or two, and a prepared single-row insert beats building a multi-row one.
const insertEmail = preparedQuery(emailColumns, (db, p) => db.insertInto("user_emails").values(p));

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Error && /UNIQUE constraint failed|unique constraint|duplicate key/i.test(error.message)
  );
}

/** Turns a row back into a stored user (the inverse of {@link toRow}). */
export function fromRow(row: UserRow): StoredUser {
  const document = JSON.parse(row.document) as Record<string, unknown>;
  const resource = recordToScim(
    userMapping,
    row as unknown as Record<string, string | number | null>,
    document,
  );
  return { resource, status: row.status, source: row.source, joinedAt: row.joined_at };
}

function toRow(tenantId: string, user: StoredUser) {
  const record = scimToRecord(userMapping, user.resource);
  const columns = record.columns as Record<string, string | number | null>;
  return {
    row: {
      tenant_id: tenantId,
      id: String(columns.id),
      external_id: (columns.external_id as string | null) ?? null,
      user_name: String(columns.user_name),
      user_name_key: String(columns.user_name_key),
      display_name: (columns.display_name as string | null) ?? null,
      display_name_key: (columns.display_name_key as string | null) ?? null,
      active: (columns.active as number | null) ?? 1,
      user_type: (columns.user_type as string | null) ?? null,
      status: user.status,
      source: user.source,
      joined_at: user.joinedAt,
      created_at: String(columns.created_at),
      updated_at: String(columns.updated_at),
      version: String(columns.version),
      document: JSON.stringify(record.document),
    },
    emails: (record.valueRows.emails ?? []).map((email, position) => ({
      tenant_id: tenantId,
      user_id: String(columns.id),
      position,
      value_key: (email.value_key as string | null) ?? null,
      type_key: (email.type_key as string | null) ?? null,
      is_primary: (email.is_primary as number | null) ?? null,
    })),
  };
}

/** Users of one tenant in SQL. Every statement is scoped by tenant_id; uniqueness maps to SCIM 409. */
export const usersRepository = {
  /**
   * The user, unless deleted. `forUpdate` (inside a write transaction) locks the row where the
   * database locks rows, so concurrent writes to one user from several instances queue up rather
   * than one of them failing its version check.
   */
  async findById(
    db: Executor,
    tenantId: string,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<StoredUser | undefined> {
    const query = options.forUpdate === true && locksRows() ? userByIdForUpdate : userById;
    const [row] = (await query.execute(db, { tenantId, id })).rows;
    return row === undefined ? undefined : fromRow(row);
  },

  /** The non-deleted user whose userName is `userName`, compared case-insensitively (it is the email). */
  async findByUserName(db: Executor, tenantId: string, userName: string): Promise<StoredUser | undefined> {
    const [row] = (await userByUserName.execute(db, { tenantId, key: foldCase(userName) })).rows;
    return row === undefined ? undefined : fromRow(row);
  },

  async insert(db: Executor, tenantId: string, user: StoredUser): Promise<void> {
    const { row, emails } = toRow(tenantId, user);
    try {
      await insertUser.execute(db, row);
    } catch (error) {
      if (isUniqueViolation(error))
        throw ScimError.uniqueness(
          `userName ${JSON.stringify(row.user_name)} is already taken in this tenant.`,
        );
      throw error;
    }
    for (const email of emails) await insertEmail.execute(db, email);
  },

  /**
   * Writes `next` over `previous`: only the columns that differ (an index whose columns did not
   * change is left alone, so a name change writes the row and nothing else) and the email rows
   * only when the emails changed. False when the stored version is not `previous`'s any more.
   */
  async update(db: Executor, tenantId: string, next: StoredUser, previous: StoredUser): Promise<boolean> {
    const { row, emails } = toRow(tenantId, next);
    const before = toRow(tenantId, previous);
    // Only what changed, and so never the key columns: SET naming them makes SQLite check the
    // foreign keys of the user's email and membership rows on every update.
    const changes = Object.fromEntries(
      Object.entries(row).filter(([column, value]) => before.row[column as keyof typeof row] !== value),
    );
    let updated: bigint;
    try {
      const result = await db
        .updateTable("users")
        // `version` is always set, so the statement has a SET list even when only the state moved.
        .set({ ...changes, version: row.version })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", row.id)
        .where("version", "=", before.row.version)
        .executeTakeFirst();
      updated = result.numUpdatedRows;
    } catch (error) {
      if (isUniqueViolation(error))
        throw ScimError.uniqueness(
          `userName ${JSON.stringify(row.user_name)} is already taken in this tenant.`,
        );
      throw error;
    }
    if (updated === 0n) return false;
    if (JSON.stringify(emails) === JSON.stringify(before.emails)) return true;
    await db
      .deleteFrom("user_emails")
      .where("tenant_id", "=", tenantId)
      .where("user_id", "=", row.id)
      .execute();
    if (emails.length > 0) await db.insertInto("user_emails").values(emails).execute();
    return true;
  },

  async hardDelete(db: Executor, tenantId: string, id: string): Promise<void> {
    await db.deleteFrom("users").where("tenant_id", "=", tenantId).where("id", "=", id).execute();
  },

  /**
   * One page of users and the total matching; the filter, sort, offset and count all run in SQL.
   * The page is chosen over index columns only (`id` and the sort keys) and only its rows are
   * then read, so a deep `startIndex` steps over index entries, never over whole rows. A page
   * that is not full tells the total by itself, so an IdP's lookup (`userName eq "…"`) costs no
   * count.
   */
  async list(
    db: Executor,
    tenantId: string,
    query: UserQuery,
  ): Promise<{ total: number; users: StoredUser[] }> {
    const statuses = query.statuses;
    // `status <> 'deleted'` repeats the partial unique index's own predicate, so `userName eq` can seek it.
    const matching = db
      .selectFrom("users as u")
      .where("u.tenant_id", "=", tenantId)
      .$if(statuses === undefined, (qb) => qb.where("u.status", "<>", "deleted"))
      .$if(statuses !== undefined, (qb) => qb.where("u.status", "in", [...(statuses ?? [])]))
      .$if(query.filter !== undefined, (qb) =>
        qb.where(compileSqlFilter(query.filter as FilterNode, usersFilterTarget, { tenantId })),
      )
      .$if(query.search !== undefined, (qb) =>
        qb.where("u.id", "in", searchCondition(db, tenantId, query.search ?? "")),
      );
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
    if (query.count === 0) return { total: await countAll(), users: [] };
    const sort = query.sortBy;
    const creation = query.newestFirst === true ? ("desc" as const) : ("asc" as const);
    // The sort key (when asked), then creation and id: a total order, so pages never overlap.
    const orderOf = (prefix: "u" | "page") => [
      ...(sort === undefined
        ? []
        : [
            {
              ref: sql.ref(prefix === "u" ? `u.${sort.column}` : "page.sort_key"),
              direction: sort.descending ? ("desc" as const) : ("asc" as const),
            },
          ]),
      { ref: sql.ref(`${prefix}.created_at`), direction: creation },
      { ref: sql.ref(`${prefix}.id`), direction: creation },
    ];
    let rows: UserRow[];
    if (query.startIndex === 1) {
      // The first page (every lookup an IdP makes) skips nothing: one plain statement.
      let first = matching.selectAll("u").limit(query.count);
      for (const term of orderOf("u")) first = first.orderBy(term.ref, term.direction);
      rows = await first.execute();
    } else {
      // A later page is chosen over index columns only, and then only its rows are read.
      let page = matching
        .select(["u.id", "u.created_at"])
        .$if(sort !== undefined, (qb) => qb.select(sql.ref(`u.${sort?.column}`).as("sort_key")))
        .limit(query.count)
        .offset(query.startIndex - 1);
      for (const term of orderOf("u")) page = page.orderBy(term.ref, term.direction);
      let later = db
        .selectFrom(page.as("page"))
        .innerJoin("users as r", (join) =>
          join.on("r.tenant_id", "=", tenantId).onRef("r.id", "=", "page.id"),
        )
        .selectAll("r");
      for (const term of orderOf("page")) later = later.orderBy(term.ref, term.direction);
      rows = await later.execute();
    }
    const skipped = query.startIndex - 1;
    // A page with rows that is not full ends the result; an empty first page means there is none.
    const total =
      (rows.length > 0 && rows.length < query.count) || (rows.length === 0 && skipped === 0)
        ? skipped + rows.length
        : await countAll();
    return { total, users: rows.map(fromRow) };
  },
};
