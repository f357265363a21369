import { parseScimFilter } from "@scimkit/core";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/database.js";
import type { SqlDialect } from "../../src/db/sql-dialect.js";
import { compileSqlFilter } from "../../src/db/sql-filter.js";
import { usersFilterTarget } from "../../src/db/user-rows.js";

/** The list query the users repository runs for `filter` (tenant, not deleted, filter), compiled for `db`. */
export function usersListQuery(
  { db, dialect }: { db: Kysely<Database>; dialect: SqlDialect },
  tenantId: string,
  filter: string,
) {
  const where = compileSqlFilter(parseScimFilter(filter), usersFilterTarget(dialect), { tenantId });
  return db
    .selectFrom("users as u")
    .selectAll()
    .where("u.tenant_id", "=", tenantId)
    .where("u.status", "<>", "deleted")
    .where(where)
    .compile();
}
