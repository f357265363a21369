import { defaultTenantSettings } from "@scimkit/router";
import { openDatabase, type SqlDatabase } from "@scimkit/store-kysely";
import { ScimUrn } from "@scimkit/types";
import { Migrator, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { appMigrations, createAppStore } from "../src/index.js";

/*
 * The app had users before it adopted SCIM: its migrations to the SCIM columns and scimkit's
 * tables give those users what scimkit reads, and a migration down gives the app its old schema.
 */

const BEFORE_SCIM = "20270104T0900-organizations-and-users";

let database: SqlDatabase | undefined;
afterEach(async () => {
  await database?.db.destroy();
  database = undefined;
});

function migrator(db: SqlDatabase["db"]) {
  return new Migrator({ db, provider: { getMigrations: async () => ({ ...appMigrations }) } });
}

/** The app's database as it was before SCIM, with one user in each of its states. */
async function appBeforeScim() {
  database = openDatabase({ kind: "sqlite", file: ":memory:" });
  const { db } = database;
  expect((await migrator(db).migrateTo(BEFORE_SCIM)).error).toBeUndefined();
  await sql`insert into organizations (id, name, created_at) values ('acme', 'Acme', '2026-01-01T00:00:00.000Z')`.execute(
    db,
  );
  await sql`insert into users (org_id, id, email, first_name, last_name, role, is_active, invited_at, signed_in_at, deleted_at)
    values ('acme', 'u1', 'Élodie@acme.test', 'Élodie', 'Durand', 'admin', 1, null, '2026-02-01T00:00:00.000Z', null),
           ('acme', 'u2', 'bob@acme.test', null, null, null, 1, '2026-03-01T00:00:00.000Z', null, null),
           ('acme', 'u3', 'cleo@acme.test', 'Cleo', null, null, 0, '2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z', null),
           ('acme', 'u4', 'dan@acme.test', 'Dan', null, null, 1, '2026-03-04T00:00:00.000Z', null, '2026-04-01T00:00:00.000Z')`.execute(
    db,
  );
  return database;
}

describe("adopting SCIM", () => {
  it("gives the app's users their SCIM form: userName and primary email from the email, status from its columns", async () => {
    const opened = await appBeforeScim();
    expect((await migrator(opened.db).migrateToLatest()).error).toBeUndefined();
    const store = createAppStore(opened);
    await store.read.tenants.create({
      id: "acme",
      name: "Acme",
      createdAt: "2027-03-01T00:00:00.000Z",
      settings: defaultTenantSettings,
    });
    const elodie = await store.read.users.findByUserName("acme", "élodie@ACME.test");
    expect(elodie).toEqual({
      resource: {
        schemas: [ScimUrn.User],
        id: "u1",
        userName: "Élodie@acme.test",
        name: { givenName: "Élodie", familyName: "Durand" },
        userType: "admin",
        active: true,
        emails: [{ value: "Élodie@acme.test", type: "work", primary: true }],
        meta: {
          created: "2026-02-01T00:00:00.000Z",
          lastModified: "2026-02-01T00:00:00.000Z",
          version: 'W/"1"',
        },
      },
      status: "active",
      source: "local",
      joinedAt: "2026-02-01T00:00:00.000Z",
      groups: [],
    });
    const page = await store.read.users.list("acme", {
      statuses: ["pending", "active", "deactivated", "deleted"],
      page: { kind: "offset", startIndex: 1, count: 10 },
    });
    expect(page.items.map((user) => [user.resource.id, user.status])).toEqual([
      ["u1", "active"],
      ["u2", "pending"],
      ["u3", "deactivated"],
      ["u4", "deleted"],
    ]);
  });

  it("migrates down to the app's schema before SCIM, its users kept", async () => {
    const opened = await appBeforeScim();
    const migrations = migrator(opened.db);
    expect((await migrations.migrateToLatest()).error).toBeUndefined();
    expect((await migrations.migrateTo(BEFORE_SCIM)).error).toBeUndefined();
    const columns = await sql<{ name: string }>`select name from pragma_table_info('users')`.execute(
      opened.db,
    );
    expect(columns.rows.map((column) => column.name)).toEqual([
      "org_id",
      "id",
      "email",
      "first_name",
      "last_name",
      "role",
      "is_active",
      "invited_at",
      "signed_in_at",
      "deleted_at",
    ]);
    const tables = await sql<{ name: string }>`select name from sqlite_schema where type = 'table'
      and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(opened.db);
    expect(tables.rows.map((table) => table.name)).toEqual(["organizations", "users"]);
    const users = await sql`select id from users order by id`.execute(opened.db);
    expect(users.rows).toHaveLength(4);
  });
});
