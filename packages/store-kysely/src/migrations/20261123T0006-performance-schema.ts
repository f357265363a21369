import { type Kysely, PostgresAdapter, sql } from "kysely";

// 1. The list index covers what a page is chosen by (tenant, created, id) and what it is filtered
//    by (status), so `startIndex=99901` steps over 99,900 index entries without reading a row.
// 2. The audit log is appended in order: a sequence number is its key, instead of a random UUID
//    with an index of its own (every write of a user or group adds one event; an insert at a
//    random place of a second index cost as much as the user update itself).
// 3. The number of users per tenant and status is kept by triggers, so an unfiltered list (an
//    IdP importing every user page by page) answers totalResults without counting 100,000 index
//    entries per page. Triggers see every write, including ones made outside the app.
// 4. SQLite only: the query planner's statistics (sqlite_stat1) are written from the shape of the
//    data rather than measured. Without statistics SQLite assumes `tenant_id = ?` picks ten rows,
//    so it may scan a whole tenant through an index that saves a sort or a row lookup (users by
//    creation instead of by externalId, memberships by tenant instead of by member). Measured
//    statistics would depend on when they were taken (an empty database at first start, before an
//    import of 100,000 users); these say what is always true: a tenant has many rows, an id, a
//    userName, an externalId or an email picks one, a group has hundreds of members and a user a
//    few groups. PostgreSQL measures its own (autovacuum's ANALYZE).
// biome-ignore lint/suspicious/noExplicitAny: the migration's own schema, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("users_listing")
    .on("users")
    .columns(["tenant_id", "created_at", "id", "status"])
    .execute();
  await db.schema.dropIndex("users_created").execute();
  await appendOnlyAudit(db);
  await userCounts(db);
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await writeShapeStatistics(db);
}

/**
 * A status change updates both counts in one statement, which locks the two rows in index order
 * on PostgreSQL: two transactions moving users in opposite directions cannot deadlock. (A write
 * transaction changes one user, so it holds at most these two rows.)
 */
// biome-ignore lint/suspicious/noExplicitAny: see up().
async function userCounts(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("user_counts")
    .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("n", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("user_counts_pk", ["tenant_id", "status"])
    .execute();
  await sql`insert into user_counts (tenant_id, status, n)
    select tenant_id, status, count(*) from users group by tenant_id, status`.execute(db);
  const added = (row: "new") =>
    sql.raw(`insert into user_counts (tenant_id, status, n) values (${row}.tenant_id, ${row}.status, 0)
      on conflict (tenant_id, status) do nothing`);
  const moved = sql.raw(`update user_counts set n = n + case when status = new.status then 1 else -1 end
      where tenant_id = new.tenant_id and status in (old.status, new.status)`);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function users_counted() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${added("new")};
          update user_counts set n = n + 1 where tenant_id = new.tenant_id and status = new.status;
        elsif tg_op = 'DELETE' then
          update user_counts set n = n - 1 where tenant_id = old.tenant_id and status = old.status;
        else
          ${added("new")};
          ${moved};
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger users_counted_insert_delete after insert or delete on users
      for each row execute function users_counted()`.execute(db);
    await sql`create trigger users_counted_status after update of status on users
      for each row when (old.status <> new.status) execute function users_counted()`.execute(db);
    return;
  }
  await sql`create trigger users_counted_insert after insert on users begin
      ${added("new")};
      update user_counts set n = n + 1 where tenant_id = new.tenant_id and status = new.status;
    end`.execute(db);
  await sql`create trigger users_counted_delete after delete on users begin
      update user_counts set n = n - 1 where tenant_id = old.tenant_id and status = old.status;
    end`.execute(db);
  await sql`create trigger users_counted_status after update of status on users
    when old.status <> new.status begin
      ${added("new")};
      ${moved};
    end`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
async function appendOnlyAudit(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("audit_events_next")
    .addColumn("seq", postgres ? "bigint" : "integer", (col) =>
      postgres ? col.primaryKey().generatedAlwaysAsIdentity() : col.primaryKey(),
    )
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("at", "text", (col) => col.notNull())
    .addColumn("token_id", "text")
    .addColumn("operation", "text", (col) => col.notNull())
    .addColumn("resource_type", "text", (col) => col.notNull())
    .addColumn("resource_id", "text", (col) => col.notNull())
    .addColumn("changed", "text", (col) => col.notNull())
    .execute();
  await sql`insert into audit_events_next (id, tenant_id, at, token_id, operation, resource_type, resource_id, changed)
    select id, tenant_id, at, token_id, operation, resource_type, resource_id, changed from audit_events order by at, id`.execute(
    db,
  );
  await db.schema.dropTable("audit_events").execute();
  await db.schema.alterTable("audit_events_next").renameTo("audit_events").execute();
  await db.schema
    .createIndex("audit_events_tenant_at")
    .on("audit_events")
    .columns(["tenant_id", "at", "seq"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("users_created")
    .on("users")
    .columns(["tenant_id", "created_at", "id"])
    .execute();
  await db.schema.dropIndex("users_listing").execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop trigger users_counted_insert_delete on users`.execute(db);
    await sql`drop trigger users_counted_status on users`.execute(db);
    await sql`drop function users_counted()`.execute(db);
  } else {
    for (const trigger of ["users_counted_insert", "users_counted_delete", "users_counted_status"])
      await sql`drop trigger ${sql.raw(trigger)}`.execute(db);
  }
  await db.schema.dropTable("user_counts").execute();
  // The audit log keeps its new shape (its events stay; only the key and index changed).
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`delete from sqlite_stat1`.execute(db);
  await sql`analyze sqlite_schema`.execute(db);
}

/**
 * sqlite_stat1 rows per table, keyed by the index's columns (SQLite names the indexes of primary
 * keys and unique constraints itself): rows in the index, then the average number of rows that
 * share a value of its first column, of its first two columns, and so on.
 */
const shapes: Record<string, Record<string, string>> = {
  tenants: { id: "10 1", name: "10 1" },
  tokens: { id: "100 1", token_hash: "100 1", tenant_id: "100 10" },
  users: {
    "tenant_id,id": "1000000 100000 1",
    "tenant_id,user_name_key": "1000000 100000 1",
    "tenant_id,external_id": "1000000 100000 1",
    "tenant_id,status,created_at,id": "1000000 100000 30000 1 1",
    "tenant_id,created_at,id,status": "1000000 100000 1 1 1",
  },
  user_emails: {
    "tenant_id,user_id,position": "1000000 100000 1 1",
    "tenant_id,value_key": "1000000 100000 1",
  },
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
  audit_events: { "tenant_id,at,seq": "10000000 1000000 1 1" },
  user_counts: { "tenant_id,status": "40 4 1" },
};

// biome-ignore lint/suspicious/noExplicitAny: see up().
async function writeShapeStatistics(db: Kysely<any>): Promise<void> {
  // ANALYZE creates sqlite_stat1 (it measures the tables as they are: empty on a new database).
  await sql`analyze`.execute(db);
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
}
