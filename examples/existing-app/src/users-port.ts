import { foldCase, ScimError } from "@scimkit/core";
import type { UserRead, UsersPort } from "@scimkit/router";
import { chunks, groupsOfUsers, isUniqueViolation, type SqlContext } from "@scimkit/store-kysely";
import type { AppDatabase, UserRow } from "./app-tables.js";
import { scimToUserRow, userRowToScim } from "./user-rows.js";
import { listAppUsers } from "./users-list.js";

/** What the users port needs besides its context. */
export interface AppUsersOptions {
  /** The clock a soft delete's `deleted_at` is read from. */
  readonly now?: () => Date;
}

function taken(userName: string): ScimError {
  return ScimError.uniqueness(`userName ${JSON.stringify(userName)} is already taken in this organization.`);
}

/**
 * scimkit's `UsersPort` (the contract: @scimkit/router store-ports.ts) over the app's own `users`
 * table, organization = tenant. Every statement is scoped by `org_id`; soft-deleted users
 * (`deleted_at` set) are invisible but to `list` with `statuses`, `namesOf`, `idsNamed` and
 * `remove`. A unique violation (a live user with the same folded email) is 409 uniqueness.
 */
export function appUsersPort(context: SqlContext<AppDatabase>, options: AppUsersOptions = {}): UsersPort {
  const { db, dialect } = context;
  const now = options.now ?? (() => new Date());
  const deletedAt = () => now().toISOString();

  const live = (orgId: string) =>
    db.selectFrom("users").selectAll().where("org_id", "=", orgId).where("deleted_at", "is", null);

  const withGroups = async (orgId: string, row: UserRow | undefined): Promise<UserRead | undefined> => {
    if (row === undefined) return undefined;
    const groups = (await groupsOfUsers(context, orgId, [row.id])).get(row.id) ?? [];
    return { ...userRowToScim(row), groups };
  };

  const uniqueness = async <T>(userName: string, write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (error) {
      throw isUniqueViolation(error) ? taken(userName) : error;
    }
  };

  return {
    async get(orgId, id, read = {}) {
      const query = live(orgId).where("id", "=", id);
      const locked = read.forUpdate === true && dialect.locksRows ? query.forUpdate() : query;
      return withGroups(orgId, await locked.executeTakeFirst());
    },

    async findByUserName(orgId, userName, read = {}) {
      // The partial unique index (org_id, email_key) where deleted_at is null answers this.
      const query = live(orgId).where("email_key", "=", foldCase(userName));
      const locked = read.forUpdate === true && dialect.locksRows ? query.forUpdate() : query;
      return withGroups(orgId, await locked.executeTakeFirst());
    },

    async insert(orgId, user) {
      const row = scimToUserRow(orgId, user, deletedAt);
      // A user provisioned by an IdP is invited to the organization by that provisioning.
      const invitedAt = user.source === "scim" ? row.created_at : null;
      await uniqueness(row.email, () =>
        db
          .insertInto("users")
          .values({ ...row, invited_at: invitedAt })
          .execute(),
      );
    },

    async update(orgId, next, expectedVersion) {
      // Never the key columns: SET naming them makes SQLite check the memberships' foreign keys.
      const { org_id: _org, id, ...columns } = scimToUserRow(orgId, next, deletedAt);
      const result = await uniqueness(columns.email, () =>
        db
          .updateTable("users")
          .set(columns)
          .where("org_id", "=", orgId)
          .where("id", "=", id)
          .where("scim_version", "=", expectedVersion)
          .where("deleted_at", "is", null)
          .executeTakeFirst(),
      );
      return result.numUpdatedRows > 0n;
    },

    async remove(orgId, id) {
      // Memberships go with the row (group_members references it, on delete cascade).
      await db.deleteFrom("users").where("org_id", "=", orgId).where("id", "=", id).execute();
    },

    list: (orgId, query) => listAppUsers(context, orgId, query),

    async existing(orgId, ids) {
      const found = new Set<string>();
      for (const chunk of chunks(ids)) {
        const rows = await db
          .selectFrom("users")
          .select("id")
          .where("org_id", "=", orgId)
          .where("id", "in", chunk)
          .where("deleted_at", "is", null)
          .execute();
        for (const row of rows) found.add(row.id);
      }
      return found;
    },

    async idsNamed(orgId, text) {
      const rows = await db
        .selectFrom("users")
        .select("id")
        .where("org_id", "=", orgId)
        .where((eb) => eb.or([eb("id", "=", text), eb("email_key", "=", foldCase(text.trim()))]))
        .execute();
      return rows.map((row) => row.id);
    },

    async namesOf(orgId, ids) {
      const names = new Map<string, string>();
      for (const chunk of chunks(ids)) {
        const rows = await db
          .selectFrom("users")
          .select(["id", "email"])
          .where("org_id", "=", orgId)
          .where("id", "in", chunk)
          .execute();
        for (const row of rows) names.set(row.id, row.email);
      }
      return names;
    },
  };
}
