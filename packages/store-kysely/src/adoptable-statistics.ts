import { type Kysely, type Migration, PostgresAdapter, sql } from "kysely";

/**
 * SQLite's planner statistics (sqlite_stat1) for the adopted tables, the shapes migrations 0006
 * and 0007 write for the same tables (see the reasons there: without statistics SQLite assumes
 * `tenant_id = ?` picks ten rows and may scan a whole tenant through an index that saves a sort).
 * Keyed by an index's columns, as SQLite names the indexes of primary keys and unique constraints
 * itself. The host's own tables are left as they are. PostgreSQL measures its own.
 */
const shapes: Record<string, Record<string, string>> = {
  tenants: { id: "10 1", name: "10 1" },
  tokens: { id: "100 1", token_hash: "100 1", tenant_id: "100 10" },
  groups: {
    "tenant_id,id": "10000 1000 1",
    "tenant_id,display_name_key": "10000 1000 1",
    "tenant_id,external_id": "10000 1000 1",
    "tenant_id,created_at,id": "10000 1000 1 1",
  },
  group_members: {
    "tenant_id,group_id,member_id": "5000000 500000 500 1",
    "tenant_id,member_id": "5000000 500000 5",
  },
  audit_events: {
    "tenant_id,at,seq": "10000000 1000000 1 1",
    "tenant_id,resource_id,at,seq": "10000000 1000000 10 1 1",
    "tenant_id,operation,at,seq": "10000000 1000000 200000 1 1",
  },
};

/** The statistics migration of `adoptableMigrations`: SQLite only. */
export const adoptedStatistics: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: the migration's own schema, not the app's types.
  async up(db: Kysely<any>) {
    if (db.getExecutor().adapter instanceof PostgresAdapter) return;
    // ANALYZE of one new, empty table creates sqlite_stat1 without measuring the host's tables.
    await sql`analyze tenants`.execute(db);
    for (const [table, byColumns] of Object.entries(shapes)) {
      await sql`delete from sqlite_stat1 where tbl = ${table}`.execute(db);
      const indexes = await sql<{ name: string }>`select name from pragma_index_list(${table})`.execute(db);
      for (const { name } of indexes.rows) {
        const columns = await sql<{
          name: string;
        }>`select name from pragma_index_info(${name}) order by seqno`.execute(db);
        const stat = byColumns[columns.rows.map((column) => column.name).join(",")];
        if (stat === undefined) throw new Error(`No planner statistics for index ${name} of ${table}.`);
        await sql`insert into sqlite_stat1 (tbl, idx, stat) values (${table}, ${name}, ${stat})`.execute(db);
      }
    }
    // Loads the statistics into the planner now; later connections read them when they open.
    await sql`analyze sqlite_schema`.execute(db);
  },
  // biome-ignore lint/suspicious/noExplicitAny: see up().
  async down(db: Kysely<any>) {
    if (db.getExecutor().adapter instanceof PostgresAdapter) return;
    for (const table of Object.keys(shapes))
      await sql`delete from sqlite_stat1 where tbl = ${table}`.execute(db);
    await sql`analyze sqlite_schema`.execute(db);
  },
};
