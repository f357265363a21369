import { foldCase, ScimError } from "@scimkit/core";
import type { StoredUser, UserRead, UsersPort } from "@scimkit/router";
import { sql } from "kysely";
import { chunks, isUniqueViolation } from "./database-errors.js";
import { groupsOfUsers } from "./group-members-store.js";
import { namesById } from "./names-by-id.js";
import { preparedQuery } from "./prepared-query.js";
import type { SqlContext } from "./sql-dialect.js";
import type { UserRow } from "./tables/users.table.js";
import { type EmailRow, userColumns, userFromRow, userToRow } from "./user-rows.js";
import { listUsers } from "./users-list.js";

/**
 * The non-deleted user whose `column` is the `key` parameter; `forUpdate` also locks its row where
 * the database locks rows.
 */
const userBy = (column: "id" | "user_name_key", forUpdate: boolean) =>
  preparedQuery(["tenantId", "key"], (db, p) => {
    const query = db
      .selectFrom("users")
      .selectAll()
      .where("tenant_id", "=", p.tenantId)
      .where(column, "=", p.key)
      .where("status", "<>", "deleted");
    return forUpdate ? query.forUpdate() : query;
  });
const userById = userBy("id", false);
const userByIdForUpdate = userBy("id", true);
const userByUserName = userBy("user_name_key", false);
const userByUserNameForUpdate = userBy("user_name_key", true);
const insertUser = preparedQuery(userColumns, (db, p) => db.insertInto("users").values(p));
const emailColumns = ["tenant_id", "user_id", "position", "value_key", "type_key", "is_primary"] as const;
// One statement per email: users have one or two, and a prepared single-row insert beats building a multi-row one.
const insertEmail = preparedQuery(emailColumns, (db, p) => db.insertInto("user_emails").values(p));

function taken(userName: string): ScimError {
  return ScimError.uniqueness(`userName ${JSON.stringify(userName)} is already taken in this tenant.`);
}

/** Rows a unit of work read for update, so its write touches only the columns that changed. */
export type ReadRows = Map<string, { row: ReturnType<typeof userToRow>["row"]; emails: EmailRow[] }>;

/**
 * Users of one tenant in SQL (the `UsersPort` contract: store-ports.ts). Every statement is scoped
 * by tenant_id; a unique violation is 409 uniqueness. `read` (a transaction's) remembers the rows read, so
 * the write sends only what differs: an index whose columns did not change is left alone, and the
 * email rows are rewritten only when the emails changed.
 */
export function sqlUsersStore(context: SqlContext, read?: ReadRows): UsersPort {
  const withGroups = async (tenantId: string, row: UserRow | undefined): Promise<UserRead | undefined> => {
    if (row === undefined) return undefined;
    const user = userFromRow(row);
    const groups = (await groupsOfUsers(context, tenantId, [row.id])).get(row.id) ?? [];
    read?.set(`${tenantId}\u0000${row.id}`, userToRow(tenantId, user));
    return { ...user, groups };
  };
  const locks = (forUpdate: boolean | undefined) => forUpdate === true && context.dialect.locksRows;

  return {
    async get(tenantId, id, options = {}) {
      const query = locks(options.forUpdate) ? userByIdForUpdate : userById;
      const [row] = (await query.execute(context, { tenantId, key: id })).rows;
      return withGroups(tenantId, row);
    },

    async findByUserName(tenantId, userName, options = {}) {
      const query = locks(options.forUpdate) ? userByUserNameForUpdate : userByUserName;
      const [row] = (await query.execute(context, { tenantId, key: foldCase(userName) })).rows;
      return withGroups(tenantId, row);
    },

    async insert(tenantId, user) {
      const { row, emails } = userToRow(tenantId, user);
      try {
        await insertUser.execute(context, row);
      } catch (error) {
        if (isUniqueViolation(error)) throw taken(row.user_name);
        throw error;
      }
      for (const email of emails) await insertEmail.execute(context, email);
    },

    async update(tenantId, next: StoredUser, expectedVersion) {
      const { row, emails } = userToRow(tenantId, next);
      const before = read?.get(`${tenantId}\u0000${row.id}`);
      // Only what changed, and so never the key columns: SET naming them makes SQLite check the
      // foreign keys of the user's email and membership rows on every update.
      const { tenant_id: _tenant, id: _id, ...columns } = row;
      const changes =
        before === undefined
          ? columns
          : Object.fromEntries(
              Object.entries(columns).filter(
                ([column, value]) => before.row[column as keyof typeof row] !== value,
              ),
            );
      let updated: bigint;
      try {
        const result = await context.db
          .updateTable("users")
          // `version` is always set, so the statement has a SET list even when only the state moved.
          .set({ ...changes, version: row.version })
          .where("tenant_id", "=", tenantId)
          .where("id", "=", row.id)
          .where("version", "=", expectedVersion)
          .where("status", "<>", "deleted")
          .executeTakeFirst();
        updated = result.numUpdatedRows;
      } catch (error) {
        if (isUniqueViolation(error)) throw taken(row.user_name);
        throw error;
      }
      if (updated === 0n) return false;
      read?.set(`${tenantId}\u0000${row.id}`, { row, emails });
      if (before !== undefined && JSON.stringify(emails) === JSON.stringify(before.emails)) return true;
      await context.db
        .deleteFrom("user_emails")
        .where("tenant_id", "=", tenantId)
        .where("user_id", "=", row.id)
        .execute();
      if (emails.length > 0) await context.db.insertInto("user_emails").values(emails).execute();
      return true;
    },

    async remove(tenantId, id) {
      // Memberships and email rows go with the user (their foreign keys cascade).
      await context.db.deleteFrom("users").where("tenant_id", "=", tenantId).where("id", "=", id).execute();
      read?.delete(`${tenantId}\u0000${id}`);
    },

    list: (tenantId, query) => listUsers(context, tenantId, query),

    async existing(tenantId, ids) {
      const found = new Set<string>();
      for (const chunk of chunks(ids)) {
        const rows = await context.db
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

    async idsNamed(tenantId, text) {
      const key = foldCase(text.trim());
      const rows = await context.db
        .selectFrom("users")
        .select("id")
        .where("tenant_id", "=", tenantId)
        // The range lets the search index (migration 0007) find the name; the equality keeps it exact.
        .where((eb) =>
          eb.or([
            eb("id", "=", text),
            eb.and([
              context.dialect.json.prefixRange(sql.ref("user_name_key"), key),
              eb("user_name_key", "=", key),
            ]),
          ]),
        )
        .execute();
      return rows.map((row) => row.id);
    },

    namesOf: (tenantId, ids) => namesById(context, "users", "user_name", tenantId, ids),
  };
}
