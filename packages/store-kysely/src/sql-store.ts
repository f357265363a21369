import { ScimError } from "@scimkit/core";
import type { Store, TenantsPort, UnitOfWork, UsersPort } from "@scimkit/router";
import { sql } from "kysely";
import { sqlAuditStore } from "./audit-store.js";
import type { Database } from "./database.js";
import { isTransientDatabaseError } from "./database-errors.js";
import { sqlEventsStore } from "./events-store.js";
import type { MemberDisplay } from "./group-members-store.js";
import { sqlGroupsStore } from "./groups-store.js";
import type { SqlContext, SqlDatabase } from "./sql-dialect.js";
import { sqlTenantsStore } from "./tenants-store.js";
import { sqlTokensStore } from "./tokens-store.js";
import { type ReadRows, sqlUsersStore } from "./users-store.js";
import { sqlWebhooksStore } from "./webhooks-store.js";

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

/**
 * What a host app that keeps its own users table passes to {@link createSqlStore}: its users
 * port and how group members are named from its table (both, or neither for the reference
 * schema), and optionally its tenants port over the adopted `tenants` table (e.g. one that also
 * makes the host's organization). Each factory runs once for `read` and once per transaction, on
 * that transaction, so the host's statements commit or roll back with scimkit's.
 */
export type SqlStoreOptions<Tables = Database> = {
  readonly tenants?: (context: SqlContext<Tables>, adopted: TenantsPort) => TenantsPort;
} & (
  | { readonly users?: undefined; readonly memberDisplay?: undefined }
  | { readonly users: (context: SqlContext<Tables>) => UsersPort; readonly memberDisplay: MemberDisplay }
);

/** The ports on one context; `read` (a transaction's) remembers the users it read for their write. */
function unitOfWork<Tables>(
  context: SqlContext,
  options: SqlStoreOptions<Tables>,
  read?: ReadRows,
): UnitOfWork {
  // The host's tables are in the same database; only Kysely's view of them differs.
  const host = context as unknown as SqlContext<Tables>;
  const tenants = sqlTenantsStore(context);
  return {
    tenants: options.tenants === undefined ? tenants : options.tenants(host, tenants),
    tokens: sqlTokensStore(context),
    users: options.users === undefined ? sqlUsersStore(context, read) : options.users(host),
    groups: sqlGroupsStore(context, options.memberDisplay),
    audit: sqlAuditStore(context),
    events: sqlEventsStore(context),
    webhooks: sqlWebhooksStore(context),
  };
}

/** The ports of `read`, built once, each call mapping busy errors itself. */
function readUnit<Tables>(context: SqlContext, options: SqlStoreOptions<Tables>): UnitOfWork {
  const unit = unitOfWork(context, options);
  return {
    tenants: mappingErrors(unit.tenants),
    tokens: mappingErrors(unit.tokens),
    users: mappingErrors(unit.users),
    groups: mappingErrors(unit.groups),
    audit: mappingErrors(unit.audit),
    events: mappingErrors(unit.events),
    webhooks: mappingErrors(unit.webhooks),
  };
}

/**
 * The ports over SQLite or PostgreSQL through Kysely. A transaction is the database's: SQLite's
 * write transaction holds the whole database; on PostgreSQL `forUpdate` reads lock their rows,
 * so concurrent writes to one resource from several instances queue rather than fail. A busy
 * database surfaces as 503 from `read`'s calls and from `transaction` (a unit of work's calls
 * are not wrapped one by one: what they throw leaves through `transaction`), the host's ports'
 * included.
 *
 * Without `options`, every port works on the reference schema (`migrateToLatest`). A host app
 * with its own users table passes its users port and `memberDisplay` (see
 * {@link SqlStoreOptions}), having run `adoptableMigrations` for the tables it lacks.
 */
export function createSqlStore<Tables = Database>(
  database: SqlDatabase,
  options: SqlStoreOptions<Tables> = {},
): Store {
  const { db, dialect } = database;
  return {
    read: readUnit(database, options),
    async transaction(work) {
      try {
        return await db
          .transaction()
          .execute((trx) => work(unitOfWork({ db: trx, dialect }, options, new Map())));
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
