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
    tenants: sqlTenantsStore(context),
    tokens: sqlTokensStore(context),
    users: sqlUsersStore(context, read),
    groups: sqlGroupsStore(context),
    audit: sqlAuditStore(context),
  };
}

/** The ports of `read`, built once, each call mapping busy errors itself. */
function readUnit(context: SqlContext): UnitOfWork {
  const unit = unitOfWork(context);
  return {
    tenants: mappingErrors(unit.tenants),
    tokens: mappingErrors(unit.tokens),
    users: mappingErrors(unit.users),
    groups: mappingErrors(unit.groups),
    audit: mappingErrors(unit.audit),
  };
}

/**
 * The ports over SQLite or PostgreSQL through Kysely. A transaction is the database's: SQLite's
 * write transaction holds the whole database; on PostgreSQL `forUpdate` reads lock their rows,
 * so concurrent writes to one resource from several instances queue rather than fail. A busy
 * database surfaces as 503 from `read`'s calls and from `transaction` (a unit of work's calls
 * are not wrapped one by one: what they throw leaves through `transaction`).
 */
export function createSqlStore(database: SqlDatabase): Store {
  const { db, dialect } = database;
  return {
    read: readUnit(database),
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
