import { createSqlStore, migrateToLatest, openDatabase } from "@scimkit/store-kysely";
import type { LogConfig } from "kysely";
import { seedOracle } from "../helpers/filter-oracle.js";
import { createSchema, dropSchema } from "../helpers/test-server.js";

/** A migrated database in a fresh schema of the PostgreSQL at `url`, dropped again by `close`. */
export async function openPostgresTestDatabase(
  url: string,
  options: { seedOracle?: boolean; log?: LogConfig } = {},
) {
  const schema = await createSchema(url);
  const database = openDatabase(
    { kind: "postgres", url, poolSize: 4, schema },
    options.log === undefined ? {} : { log: options.log },
  );
  const { db } = database;
  const store = createSqlStore(database);
  await migrateToLatest(db, { schema });
  if (options.seedOracle) await seedOracle(store);
  return {
    db,
    database,
    store,
    close: async () => {
      await store.close();
      await dropSchema(url, schema);
    },
  };
}
