import {
  type FilterNode,
  foldCase,
  recordToScim,
  ScimError,
  scimToRecord,
  userMapping,
  userResourceSchema,
} from "@scimkit/core";
import { type Kysely, sql, type Transaction } from "kysely";
import { type Database, dialectSql, locksRows } from "../db/database.js";
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
}

type Executor = Kysely<Database> | Transaction<Database>;

const filterTarget: SqlFilterTarget = {
  schema: userResourceSchema,
  mapping: userMapping,
  json: dialectSql,
  alias: "u",
  relations: {
    // `groups.value eq "…"` (RFC 7643 §4.1.2 `groups`, derived from membership rows).
    groups: {
      table: "group_members",
      join: (row) =>
        sql`${sql.ref(`${row}.tenant_id`)} = u.tenant_id and ${sql.ref(`${row}.member_id`)} = u.id`,
      fields: { value: "group_id" },
    },
  },
  valueRowTables: {
    emails: {
      table: "user_emails",
      join: (row) =>
        sql`${sql.ref(`${row}.tenant_id`)} = u.tenant_id and ${sql.ref(`${row}.user_id`)} = u.id`,
    },
  },
};

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
    const row = await db
      .selectFrom("users")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .where("status", "<>", "deleted")
      .$if(options.forUpdate === true && locksRows(), (qb) => qb.forUpdate())
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  },

  /** The non-deleted user whose userName is `userName`, compared case-insensitively (it is the email). */
  async findByUserName(db: Executor, tenantId: string, userName: string): Promise<StoredUser | undefined> {
    const row = await db
      .selectFrom("users")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("user_name_key", "=", foldCase(userName))
      .where("status", "<>", "deleted")
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  },

  async insert(db: Executor, tenantId: string, user: StoredUser): Promise<void> {
    const { row, emails } = toRow(tenantId, user);
    try {
      await db.insertInto("users").values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error))
        throw ScimError.uniqueness(
          `userName ${JSON.stringify(row.user_name)} is already taken in this tenant.`,
        );
      throw error;
    }
    if (emails.length > 0) await db.insertInto("user_emails").values(emails).execute();
  },

  /** Replaces a user's row and email rows; false when the stored version is not `expectedVersion` any more. */
  async update(db: Executor, tenantId: string, user: StoredUser, expectedVersion: string): Promise<boolean> {
    const { row, emails } = toRow(tenantId, user);
    let updated: bigint;
    try {
      const result = await db
        .updateTable("users")
        .set(row)
        .where("tenant_id", "=", tenantId)
        .where("id", "=", row.id)
        .where("version", "=", expectedVersion)
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

  /** One page of users and the total matching; the filter, sort, offset and count all run in SQL. */
  async list(
    db: Executor,
    tenantId: string,
    query: UserQuery,
  ): Promise<{ total: number; users: StoredUser[] }> {
    const statuses = query.statuses;
    // `status <> 'deleted'` repeats the partial unique index's own predicate, so `userName eq` can seek it.
    const base = db
      .selectFrom("users as u")
      .where("u.tenant_id", "=", tenantId)
      .$if(statuses === undefined, (qb) => qb.where("u.status", "<>", "deleted"))
      .$if(statuses !== undefined, (qb) => qb.where("u.status", "in", [...(statuses ?? [])]))
      .$if(query.filter !== undefined, (qb) =>
        qb.where(compileSqlFilter(query.filter as FilterNode, filterTarget)),
      );
    const { total } = await base
      .select((eb) => eb.fn.countAll<number>().as("total"))
      .executeTakeFirstOrThrow();
    if (query.count === 0 || total === 0) return { total: Number(total), users: [] };
    const sort = query.sortBy;
    const rows = await base
      .selectAll("u")
      .$if(sort !== undefined, (qb) =>
        qb.orderBy(sql.ref(`u.${sort?.column}`), sort?.descending ? "desc" : "asc"),
      )
      .orderBy("u.created_at")
      .orderBy("u.id")
      .limit(query.count)
      .offset(query.startIndex - 1)
      .execute();
    return { total: Number(total), users: rows.map(fromRow) };
  },
};
