import { createMemoryStore, type Store } from "@scimkit/router";
import {
  createSqlStore,
  type DatabaseLocation,
  migrateToLatest,
  openDatabase,
  type SqlDatabase,
} from "@scimkit/store-kysely";
import type { LogConfig } from "kysely";

/** A store and, when it is SQL, its database (for migrations, the CLI and tests). */
export interface OpenStore {
  readonly store: Store;
  readonly sql?: SqlDatabase;
}

/**
 * Opens the store `DATABASE_URL` names: SQLite or PostgreSQL through the Kysely stores (migrated
 * first when `migrate` is true), or the in-memory store for `memory:`.
 */
export async function openStore(
  location: DatabaseLocation,
  options: { readonly migrate?: boolean; readonly log?: LogConfig } = {},
): Promise<OpenStore> {
  if (location.kind === "memory") return { store: createMemoryStore() };
  const sql = openDatabase(location, options.log === undefined ? {} : { log: options.log });
  if (options.migrate === true)
    await migrateToLatest(
      sql.db,
      location.kind === "postgres" && location.schema !== undefined ? { schema: location.schema } : {},
    );
  return { store: createSqlStore(sql), sql };
}
