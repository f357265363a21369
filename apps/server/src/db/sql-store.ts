import { ScimError } from "@scimkit/core";
import type { Store, UnitOfWork } from "@scimkit/router";
import { sql } from "kysely";
import { sqlAuditStore } from "./audit-store.js";
import { isTransientDatabaseError } from "./database-errors.js";
import { sqlGroupsStore } from "./groups-store.js";
import type { SqlContext, SqlDatabase } from "./sql-dialect.js";
import { sqlTenantsStore } from "./tenants-store.js";
import { sqlTokensStore } from "./tokens-store.js";
import { type ReadRows, sqlUsersStore } from "./users-store.js";

/** The database being busy is the port contract's 503 (store-ports.ts); the client may retry. */
function busy(error: unknown): unknown {
  return isTransientDatabaseError(error)
    ? ScimError.unavailable("The database is busy; retry the request in a moment.")
    : error;
}

/** Every method of `port`, with the busy errors it throws as 503. */
function mappingErrors<Port extends object>(port: Port): Port {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(port)) {
    wrapped[name] =
      typeof value === "function"
        ? async (...args: unknown[]) => {
            try {
              return await (value as (...a: unknown[]) => Promise<unknown>)(...args);
            } catch (error) {
              throw busy(error);
            }
          }
        : value;
  }
  return wrapped as Port;
}

/** The ports on one context; `read` (a transaction's) remembers the users it read for their write. */
function unitOfWork(context: SqlContext, read?: ReadRows): UnitOfWork {
  return {
    tenants: mappingErrors(sqlTenantsStore(context)),
    tokens: mappingErrors(sqlTokensStore(context)),
    users: mappingErrors(sqlUsersStore(context, read)),
    groups: mappingErrors(sqlGroupsStore(context)),
    audit: mappingErrors(sqlAuditStore(context)),
  };
}

/**
 * The ports over SQLite or PostgreSQL through Kysely. A transaction is the database's: SQLite's
 * write transaction holds the whole database; on PostgreSQL `forUpdate` reads lock their rows,
 * so concurrent writes to one resource from several instances queue rather than fail.
 */
export function createSqlStore(database: SqlDatabase): Store {
  const { db, dialect } = database;
  return {
    read: unitOfWork(database),
    async transaction(work) {
      try {
        return await db.transaction().execute((trx) => work(unitOfWork({ db: trx, dialect }, new Map())));
      } catch (error) {
        throw busy(error);
      }
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
