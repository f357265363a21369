import { parseScimFilter, userMapping, userResourceSchema } from "@scimkit/core";
import { type Kysely, sql } from "kysely";
import { type Database, dialectSql } from "../../src/db/database.js";
import { compileSqlFilter } from "../../src/db/sql-filter.js";

/** The list query the users repository runs for `filter` (tenant, not deleted, filter), compiled for `db`. */
export function usersListQuery(db: Kysely<Database>, tenantId: string, filter: string) {
  const where = compileSqlFilter(parseScimFilter(filter), {
    schema: userResourceSchema,
    mapping: userMapping,
    json: dialectSql,
    alias: "u",
    valueRowTables: {
      emails: {
        table: "user_emails",
        join: (row) =>
          sql`${sql.ref(`${row}.tenant_id`)} = u.tenant_id and ${sql.ref(`${row}.user_id`)} = u.id`,
      },
    },
  });
  return db
    .selectFrom("users as u")
    .selectAll()
    .where("u.tenant_id", "=", tenantId)
    .where("u.status", "<>", "deleted")
    .where(where)
    .compile();
}
