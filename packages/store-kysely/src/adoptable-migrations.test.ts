import { type Kysely, type Migration, Migrator, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { type AdoptionOptions, adoptableMigrations } from "./adoptable-migrations.js";
import { openDatabase } from "./database.js";
import { migrateToLatest } from "./migrate.js";
import type { SqlDatabase } from "./sql-dialect.js";

const adopted = [
  "tenants",
  "tokens",
  "groups",
  "group_members",
  "audit_events",
  "events",
  "event_sequences",
  "webhook_endpoints",
  "webhook_deliveries",
  "event_consumers",
  "server_keys",
] as const;

// biome-ignore lint/suspicious/noExplicitAny: the test's own schema.
type AnyDb = Kysely<any>;

/** A host's schema before adoption: organizations and `people` keyed by (org_id, person_id). */
const hostTables: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("orgs")
      .addColumn("id", "text", (col) => col.primaryKey())
      .execute();
    await db.schema
      .createTable("people")
      .addColumn("org_id", "text", (col) => col.notNull())
      .addColumn("person_id", "text", (col) => col.notNull())
      .addPrimaryKeyConstraint("people_pk", ["org_id", "person_id"])
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable("people").execute();
    await db.schema.dropTable("orgs").execute();
  },
};

const people = { table: "people", tenantColumn: "org_id", idColumn: "person_id" } as const;

const opened: SqlDatabase[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.db.destroy();
});

function open(): SqlDatabase {
  const database = openDatabase({ kind: "sqlite", file: ":memory:" });
  opened.push(database);
  return database;
}

async function adopt(options: Partial<AdoptionOptions> = {}) {
  const database = open();
  const migrations = {
    "20270101T0000-host": hostTables,
    ...adoptableMigrations({ prefix: "20270301T1000", users: people, ...options }),
  };
  const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
  const result = await migrator.migrateToLatest();
  if (result.error !== undefined) throw result.error;
  return { db: database.db as unknown as AnyDb, migrator };
}

/** A table's columns, indexes (by columns), foreign keys and planner statistics, as SQLite reports them. */
async function shapeOf(db: AnyDb, table: string) {
  const rows = async (query: ReturnType<typeof sql>) =>
    (await query.execute(db)).rows as Record<string, unknown>[];
  const columns = await rows(
    sql`select name, type, "notnull", dflt_value, pk from pragma_table_info(${table})`,
  );
  const indexes = await rows(sql`select name, "unique", origin, partial from pragma_index_list(${table})`);
  const indexColumns = async (name: unknown) =>
    (await rows(sql`select name from pragma_index_info(${name}) order by seqno`))
      .map((c) => c.name)
      .join(",");
  const keyed = await Promise.all(
    indexes.map(async ({ name, ...index }) => ({ columns: await indexColumns(name), ...index, name })),
  );
  const stats = await rows(sql`select idx, stat from sqlite_stat1 where tbl = ${table}`);
  const statOf = (name: unknown) => stats.find((row) => row.idx === name)?.stat;
  const foreignKeys = await rows(
    sql`select "table", "from", "to", on_delete from pragma_foreign_key_list(${table}) order by id, seq`,
  );
  return {
    columns,
    indexes: keyed
      .map(({ name, ...index }) => ({ ...index, stat: statOf(name) }))
      .sort((a, b) => a.columns.localeCompare(b.columns)),
    foreignKeys: foreignKeys.sort((a, b) => `${a.table}${a.from}`.localeCompare(`${b.table}${b.from}`)),
  };
}

describe("adoptableMigrations", () => {
  it.each(adopted)(
    "gives %s the shape, indexes and planner statistics of the reference schema",
    async (table) => {
      const reference = open();
      await migrateToLatest(reference.db);
      const want = await shapeOf(reference.db as unknown as AnyDb, table);
      const { db } = await adopt();
      const got = await shapeOf(db, table);
      // Memberships reference the host's users table instead of the reference `users`.
      const hostKeys = want.foreignKeys.map((key) =>
        key.table === "users"
          ? { ...key, table: "people", from: key.from, to: key.to === "id" ? "person_id" : "org_id" }
          : key,
      );
      expect(got).toEqual({
        ...want,
        foreignKeys: hostKeys.sort((a, b) => `${a.table}${a.from}`.localeCompare(`${b.table}${b.from}`)),
      });
    },
  );

  it("names the migrations after the host's prefix, in the order they run", () => {
    expect(Object.keys(adoptableMigrations({ prefix: "20270301T1000", users: people }))).toEqual([
      "20270301T1000-scimkit-1-tenants-and-tokens",
      "20270301T1000-scimkit-2-groups",
      "20270301T1000-scimkit-3-audit-events",
      "20270301T1000-scimkit-4-planner-statistics",
      "20270301T1000-scimkit-5-events",
      "20270301T1000-scimkit-6-webhooks",
    ]);
  });

  it("removes a host user's memberships with the user, and a tenant with its organization", async () => {
    const { db } = await adopt({ tenantsOf: { table: "orgs", idColumn: "id" } });
    await sql`insert into orgs (id) values ('o1')`.execute(db);
    await sql`insert into tenants (id, name, created_at) values ('o1', 'Org', '2030-01-01T00:00:00.000Z')`.execute(
      db,
    );
    await sql`insert into people (org_id, person_id) values ('o1', 'p1')`.execute(db);
    await sql`insert into groups (tenant_id, id, display_name, display_name_key, created_at, updated_at, version, document)
      values ('o1', 'g1', 'Ops', 'ops', '', '', 'W/"1"', '{}')`.execute(db);
    await sql`insert into group_members (tenant_id, group_id, member_id, added_at) values ('o1', 'g1', 'p1', '')`.execute(
      db,
    );
    await sql`delete from people where person_id = 'p1'`.execute(db);
    expect((await sql`select * from group_members`.execute(db)).rows).toEqual([]);
    await sql`delete from orgs where id = 'o1'`.execute(db);
    expect((await sql`select * from groups`.execute(db)).rows).toEqual([]);
    expect((await sql`select * from tenants`.execute(db)).rows).toEqual([]);
  });

  it("migrates down to the host's own tables", async () => {
    const { db, migrator } = await adopt();
    const result = await migrator.migrateTo("20270101T0000-host");
    expect(result.error).toBeUndefined();
    const tables = await sql<{ name: string }>`select name from sqlite_schema where type = 'table'
      and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(db);
    expect(tables.rows.map((row) => row.name)).toEqual(["orgs", "people"]);
  });
});
