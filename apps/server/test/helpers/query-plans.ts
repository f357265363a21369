import { parseScimFilter } from "@scimkit/core";
import { compileSqlFilter, type Database, type SqlDialect, usersFilterTarget } from "@scimkit/store-kysely";
import type { Kysely } from "kysely";

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
