import { type Kysely, type Migration, PostgresAdapter, sql } from "kysely";
import { adoptedStatistics } from "./adoptable-statistics.js";
import type { UsersTableRef } from "./group-members-store.js";
import * as events from "./migrations/20261123T0009-events.js";
import * as webhooks from "./migrations/20261123T0010-webhooks.js";

/** What a host app tells {@link adoptableMigrations} about its own tables. */
export interface AdoptionOptions {
  /**
   * The timestamp the migrations' names start with (e.g. `20270301T1000`): the host picks one
   * after the migration that creates its users table, so its Migrator runs them after it.
   */
  readonly prefix: string;
  /** The host's users table: group memberships reference it and go with its rows. */
  readonly users: UsersTableRef;
  /**
   * The host's own table of tenants (organizations), if it has one: scimkit's `tenants` row of a
   * tenant (its SCIM settings) then references it by id and goes with it.
   */
  readonly tenantsOf?: { readonly table: string; readonly idColumn: string };
}

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema, not the app's types.
type AnyDb = Kysely<any>;

const isPostgres = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * `tenants` and `tokens` as the reference migrations 0001, 0002 and 0008 leave them, and on
 * PostgreSQL the `scim_fold` function of migration 0005 (SQLite gets it on each connection).
 */
function tenantsAndTokens(options: AdoptionOptions): Migration {
  const owner = options.tenantsOf;
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable("tenants")
        .addColumn("id", "text", (col) => {
          const key = col.primaryKey();
          return owner === undefined
            ? key
            : key.references(`${owner.table}.${owner.idColumn}`).onDelete("cascade");
        })
        .addColumn("name", "text", (col) => col.notNull().unique())
        .addColumn("provisioning", "integer", (col) => col.notNull().defaultTo(1))
        .addColumn("created_at", "text", (col) => col.notNull())
        .addColumn("jit", "integer", (col) => col.notNull().defaultTo(0))
        .addColumn("groups", "integer", (col) => col.notNull().defaultTo(1))
        .addColumn("delete_mode", "text", (col) => col.notNull().defaultTo("soft"))
        .execute();
      await db.schema
        .createTable("tokens")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"))
        .addColumn("scope", "text", (col) => col.notNull().check(sql`scope in ('scim', 'admin')`))
        .addColumn("token_hash", "text", (col) => col.notNull().unique())
        .addColumn("created_at", "text", (col) => col.notNull())
        .addColumn("revoked_at", "text")
        .addColumn("last_used_at", "text")
        .addColumn("name", "text")
        .execute();
      await db.schema.createIndex("tokens_tenant_id").on("tokens").column("tenant_id").execute();
      if (!isPostgres(db)) return;
      await sql`create or replace function scim_fold(value text) returns text language sql immutable parallel safe
        as $$ select lower(normalize(value, NFC) collate "und-x-icu") $$`.execute(db);
    },
    async down(db: AnyDb) {
      await db.schema.dropTable("tokens").execute();
      await db.schema.dropTable("tenants").execute();
    },
  };
}

/** `groups` and `group_members` as migration 0004 leaves them, members referencing the host's users. */
function groups(options: AdoptionOptions): Migration {
  const users = options.users;
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable("groups")
        .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"))
        .addColumn("id", "text", (col) => col.notNull())
        .addColumn("external_id", "text")
        .addColumn("display_name", "text", (col) => col.notNull())
        .addColumn("display_name_key", "text", (col) => col.notNull())
        .addColumn("created_at", "text", (col) => col.notNull())
        .addColumn("updated_at", "text", (col) => col.notNull())
        .addColumn("version", "text", (col) => col.notNull())
        .addColumn("document", "text", (col) => col.notNull())
        .addPrimaryKeyConstraint("groups_pk", ["tenant_id", "id"])
        .execute();
      await sql`create unique index groups_display_name_key on groups (tenant_id, display_name_key)`.execute(
        db,
      );
      await db.schema
        .createIndex("groups_external_id")
        .on("groups")
        .columns(["tenant_id", "external_id"])
        .execute();
      await db.schema
        .createIndex("groups_created")
        .on("groups")
        .columns(["tenant_id", "created_at", "id"])
        .execute();
      await db.schema
        .createTable("group_members")
        .addColumn("tenant_id", "text", (col) => col.notNull())
        .addColumn("group_id", "text", (col) => col.notNull())
        .addColumn("member_id", "text", (col) => col.notNull())
        .addColumn("added_at", "text", (col) => col.notNull())
        .addPrimaryKeyConstraint("group_members_pk", ["tenant_id", "group_id", "member_id"])
        .addForeignKeyConstraint(
          "group_members_group",
          ["tenant_id", "group_id"],
          "groups",
          ["tenant_id", "id"],
          (fk) => fk.onDelete("cascade"),
        )
        // A user removed from the host's table leaves its groups too, as in the reference schema.
        .addForeignKeyConstraint(
          "group_members_user",
          ["tenant_id", "member_id"],
          users.table,
          [users.tenantColumn, users.idColumn],
          (fk) => fk.onDelete("cascade"),
        )
        .execute();
      await db.schema
        .createIndex("group_members_member")
        .on("group_members")
        .columns(["tenant_id", "member_id"])
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable("group_members").execute();
      await db.schema.dropTable("groups").execute();
    },
  };
}

/** `audit_events` as migrations 0006 (appended by sequence) and 0007 (its two lookups) leave it. */
const auditEvents: Migration = {
  async up(db: AnyDb) {
    const postgres = isPostgres(db);
    await db.schema
      .createTable("audit_events")
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
    for (const [name, column] of [
      ["audit_events_tenant_at", undefined],
      ["audit_events_resource", "resource_id"],
      ["audit_events_operation", "operation"],
    ] as const) {
      const columns = ["tenant_id", ...(column === undefined ? [] : [column]), "at", "seq"];
      await db.schema.createIndex(name).on("audit_events").columns(columns).execute();
    }
  },
  async down(db: AnyDb) {
    await db.schema.dropTable("audit_events").execute();
  },
};

/**
 * The migrations that give a host app scimkit's tables beside its own: `tenants` (per-tenant SCIM
 * settings, keyed by the host's tenant id), `tokens`, `groups`, `group_members` (referencing the
 * host's users table, `ON DELETE CASCADE`), `audit_events`, and the provisioning event outbox
 * (`events`, `event_sequences`) and webhook delivery (`webhook_endpoints`, `webhook_deliveries`,
 * `event_consumers`, `server_keys`), each in the shape the reference migrations (src/migrations)
 * leave it, with SQLite's planner statistics of migration 0006 for them. The host adds them to its
 * own Kysely Migrator's provider, after its users table exists:
 *
 * ```ts
 * const migrations = { ...appMigrations, ...adoptableMigrations({ prefix: "20270301T1000", users }) };
 * ```
 *
 * `users` is `{ table, tenantColumn, idColumn }`; its users port and `memberDisplay` then go to
 * `createSqlStore`. The reference server does not use these: `migrateToLatest` builds its schema.
 *
 * A step a later version adds (the outbox is step 5, webhooks step 6) is appended under the same prefix, so a host
 * that ran the first steps runs it next. Kysely's Migrator refuses a new migration named before
 * one it already ran: a host whose own later migrations ran since renames the step's key to a name
 * after them (or sets the Migrator's `allowUnorderedMigrations`).
 */
export function adoptableMigrations(options: AdoptionOptions): Record<string, Migration> {
  const name = (step: string) => `${options.prefix}-scimkit-${step}`;
  return {
    [name("1-tenants-and-tokens")]: tenantsAndTokens(options),
    [name("2-groups")]: groups(options),
    [name("3-audit-events")]: auditEvents,
    [name("4-planner-statistics")]: adoptedStatistics,
    // Migration 0009 is the outbox's final shape, and it references nothing but `tenants`.
    [name("5-events")]: events,
    // Migration 0010 likewise: it alters `events` and references nothing but `tenants`.
    [name("6-webhooks")]: webhooks,
  };
}
