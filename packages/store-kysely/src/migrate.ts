import { type Kysely, type Migration, type MigrationResultSet, Migrator } from "kysely";
import * as tenantsAndTokens from "./migrations/20261123T0001-tenants-and-tokens.js";
import * as tenantSettings from "./migrations/20261123T0002-tenant-settings.js";
import * as users from "./migrations/20261123T0003-users.js";
import * as groups from "./migrations/20261123T0004-groups.js";
import * as scimFold from "./migrations/20261123T0005-scim-fold.js";
import * as performanceSchema from "./migrations/20261123T0006-performance-schema.js";
import * as consoleSearch from "./migrations/20261123T0007-console-search.js";
import * as tokenNames from "./migrations/20261123T0008-token-names.js";
import * as events from "./migrations/20261123T0009-events.js";
import * as webhooks from "./migrations/20261123T0010-webhooks.js";

/** Every migration, by its timestamped name. Listed statically so the build output needs no directory scan. */
const migrations: Record<string, Migration> = {
  "20261123T0001-tenants-and-tokens": tenantsAndTokens,
  "20261123T0002-tenant-settings": tenantSettings,
  "20261123T0003-users": users,
  "20261123T0004-groups": groups,
  "20261123T0005-scim-fold": scimFold,
  "20261123T0006-performance-schema": performanceSchema,
  "20261123T0007-console-search": consoleSearch,
  "20261123T0008-token-names": tokenNames,
  "20261123T0009-events": events,
  "20261123T0010-webhooks": webhooks,
};

/** Applies every pending migration (Kysely's Migrator); throws when one fails. */
export async function migrateToLatest<T>(
  db: Kysely<T>,
  options: { schema?: string } = {},
): Promise<MigrationResultSet> {
  // With a PostgreSQL schema (tests isolate each server in one), Kysely's own bookkeeping tables live there too.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(options.schema === undefined ? {} : { migrationTableSchema: options.schema }),
  });
  const result = await migrator.migrateToLatest();
  if (result.error !== undefined) throw result.error;
  return result;
}
