import type { Kysely, LogConfig } from "kysely";
import { type Database, openDatabase } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/migrate.js";
import { seedOracle } from "../helpers/filter-oracle.js";
import { createSchema, dropSchema } from "../helpers/test-server.js";

/** A migrated database in a fresh schema of the PostgreSQL at `url`, dropped again by `close`. */
export async function openPostgresTestDatabase(
  url: string,
  options: { seedOracle?: boolean; log?: LogConfig } = {},
) {
  const schema = await createSchema(url);
  const db: Kysely<Database> = openDatabase(
    { kind: "postgres", url, poolSize: 4, schema },
    options.log === undefined ? {} : { log: options.log },
  );
  await migrateToLatest(db, { schema });
  if (options.seedOracle) await seedOracle(db);
  return {
    db,
    close: async () => {
      await db.destroy();
      await dropSchema(url, schema);
    },
  };
}
