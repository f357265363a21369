import { parseScimFilter } from "@scimkit/core";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/database.js";
import { compileSqlFilter } from "../../src/db/sql-filter.js";
import { usersFilterTarget } from "../../src/users/users.repository.js";

/** The list query the users repository runs for `filter` (tenant, not deleted, filter), compiled for `db`. */
export function usersListQuery(db: Kysely<Database>, tenantId: string, filter: string) {
  const where = compileSqlFilter(parseScimFilter(filter), usersFilterTarget, { tenantId });
  return db
    .selectFrom("users as u")
    .selectAll()
    .where("u.tenant_id", "=", tenantId)
    .where("u.status", "<>", "deleted")
    .where(where)
    .compile();
}
