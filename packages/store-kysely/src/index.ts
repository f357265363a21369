/**
 * @scimkit/store-kysely — the store ports of @scimkit/router on SQLite and PostgreSQL through
 * Kysely: the reference schema's stores and migrations, the SQL filter compiler that answers a
 * SCIM filter over any table described by a `ResourceMapping`, the list ordering and paging it
 * uses, and the migrations a host app adopts for the tables it lacks.
 */

export { type AdoptionOptions, adoptableMigrations } from "./adoptable-migrations.js";
export { type Database, type DatabaseLocation, openDatabase, parseDatabaseUrl } from "./database.js";
export { chunks, isTransientDatabaseError, isUniqueViolation } from "./database-errors.js";
export { groupsOfUsers, type MemberDisplay, type UsersTableRef } from "./group-members-store.js";
export type { JsonSql } from "./json-sql.js";
export {
  keysetAfter,
  listOrder,
  type OrderTerm,
  orderBySql,
  orderSelections,
  pageTotal,
  positionOf,
  type SortExpression,
} from "./list-order.js";
export { migrateToLatest } from "./migrate.js";
export { preparedQuery } from "./prepared-query.js";
export { referenceGroupMapping, referenceUserMapping } from "./reference-mappings.js";
export { sortColumn, sortTerm } from "./sort-columns.js";
export {
  perDialect,
  postgresDialect,
  type SqlContext,
  type SqlDatabase,
  type SqlDialect,
  sqliteDialect,
} from "./sql-dialect.js";
export { compileSqlFilter, type SqlFilterTarget } from "./sql-filter.js";
export { createSqlStore, type SqlStoreOptions } from "./sql-store.js";
export { usersFilterTarget } from "./user-rows.js";
