import { randomUUID } from "node:crypto";
import { foldCase, ScimError } from "@scimkit/core";
import {
  createToken,
  defaultTenantSettings,
  type ScimHooks,
  type Store,
  type TenantsPort,
} from "@scimkit/router";
import { createSqlStore, openDatabase, type SqlContext, type SqlDatabase } from "@scimkit/store-kysely";
import type { Kysely, LogConfig } from "kysely";
import type { AppDatabase } from "./app-tables.js";
import { migrateExistingApp } from "./migrate.js";
import { sessionHooks } from "./session-events.js";
import { appMemberDisplay } from "./user-mapping.js";
import { appUsersPort } from "./users-port.js";

/** A user as the app's own screens show it. */
export interface TeamMember {
  readonly id: string;
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  /** The app's role; `member` unless set. */
  readonly role: string;
}

/** A sign-in: the user, and the session it opened. */
export interface SignedIn extends TeamMember {
  readonly sessionId: string;
}

/**
 * scimkit's tenants port over the adopted `tenants` table, where a tenant is one of the app's
 * organizations: creating one also creates the organization when it does not exist yet (the
 * adopted `tenants` row references it), so scimkit's own tools and tests can make tenants.
 */
function organizationTenants({ db }: SqlContext<AppDatabase>, adopted: TenantsPort): TenantsPort {
  return {
    ...adopted,
    async create(tenant) {
      await db
        .insertInto("organizations")
        .values({ id: tenant.id, name: tenant.name, created_at: tenant.createdAt })
        .onConflict((conflict) => conflict.column("id").doNothing())
        .execute();
      await adopted.create(tenant);
    },
  };
}

/**
 * scimkit's `Store` over the app's database: the app's users table through its own users port,
 * scimkit's adopted tables (tenants, tokens, groups, memberships, audit) through the store
 * package's, all in one transaction per unit of work. `now` is the users port's clock.
 */
export function createAppStore(database: SqlDatabase, options: { readonly now?: () => Date } = {}): Store {
  return createSqlStore<AppDatabase>(database, {
    users: (context) => appUsersPort(context, options),
    memberDisplay: appMemberDisplay,
    tenants: organizationTenants,
  });
}

/** Where {@link openExistingApp} works: a SQLite file (`:memory:` by default), or an open database. */
export type ExistingAppLocation =
  | { readonly file?: string; readonly log?: LogConfig }
  | { readonly database: SqlDatabase };

/** How to open the app: where, the organization it seeds, the clock. */
export type ExistingAppOptions = ExistingAppLocation & {
  readonly organization?: { readonly id: string; readonly name: string };
  readonly now?: () => Date;
};

/** The app, opened: scimkit's store for its SCIM routes, and a few of the app's own operations. */
export interface ExistingApp {
  readonly store: Store;
  readonly database: SqlDatabase;
  /** The organization seeded at open, with SCIM provisioning enabled. */
  readonly organizationId: string;
  /**
   * A user's sign-in, which opens a session: the first one joins a pending user; a deactivated or
   * deleted one is refused (403).
   */
  signIn(orgId: string, email: string): Promise<SignedIn>;
  /** The ids of a user's open sessions. */
  sessionsOf(orgId: string, userId: string): Promise<readonly string[]>;
  /** What the app runs on scimkit's events (ending the sessions of a deactivated user); mount with it. */
  readonly hooks: ScimHooks;
  /** The organization's team: users who joined and are neither deactivated nor deleted. */
  teamList(orgId: string): Promise<readonly TeamMember[]>;
  /** A new SCIM bearer token of the organization: its secret (shown once) and id; only its hash is stored. */
  createScimToken(orgId: string, name: string): Promise<{ readonly id: string; readonly secret: string }>;
  close(): Promise<void>;
}

const memberColumns = ["id", "email", "first_name", "last_name", "role"] as const;

function toMember(row: {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  role: string | null;
}): TeamMember {
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    role: row.role ?? "member",
  };
}

/**
 * Opens the app: its database (SQLite through @scimkit/store-kysely's `openDatabase`, or the one
 * given, SQLite or PostgreSQL), its migrations with the adopted ones, and an organization
 * (`acme` unless named) with SCIM provisioning on.
 */
export async function openExistingApp(options: ExistingAppOptions = {}): Promise<ExistingApp> {
  const database =
    "database" in options
      ? options.database
      : openDatabase(
          { kind: "sqlite", file: options.file ?? ":memory:" },
          options.log === undefined ? {} : { log: options.log },
        );
  const now = options.now ?? (() => new Date());
  await migrateExistingApp(database.db);
  const db = database.db as unknown as Kysely<AppDatabase>;
  const store = createAppStore(database, { now });
  const organization = options.organization ?? { id: "acme", name: "Acme" };
  // A database kept from an earlier start has the organization already.
  if ((await store.read.tenants.get(organization.id)) === undefined)
    await store.read.tenants.create({
      ...organization,
      createdAt: now().toISOString(),
      settings: { ...defaultTenantSettings, provisioning: true },
    });

  return {
    store,
    database,
    organizationId: organization.id,

    signIn(orgId, email) {
      // One transaction (the row locked on PostgreSQL), so a concurrent deactivation either comes
      // first and refuses the sign-in, or after it.
      return db.transaction().execute(async (trx) => {
        const query = trx
          .selectFrom("users")
          .select([...memberColumns, "is_active", "signed_in_at"])
          .where("org_id", "=", orgId)
          .where("email_key", "=", foldCase(email.trim()))
          .where("deleted_at", "is", null);
        const user = await (database.dialect.locksRows ? query.forUpdate() : query).executeTakeFirst();
        if (user === undefined) throw ScimError.forbidden(`${email} has no account in this organization.`);
        if (user.is_active === 0) throw ScimError.forbidden(`${email} is deactivated.`);
        if (user.signed_in_at === null)
          await trx
            .updateTable("users")
            .set({ signed_in_at: now().toISOString() })
            .where("org_id", "=", orgId)
            .where("id", "=", user.id)
            .execute();
        const sessionId = randomUUID();
        await trx
          .insertInto("sessions")
          .values({ id: sessionId, org_id: orgId, user_id: user.id, created_at: now().toISOString() })
          .execute();
        return { ...toMember(user), sessionId };
      });
    },

    async sessionsOf(orgId, userId) {
      const rows = await db
        .selectFrom("sessions")
        .select("id")
        .where("org_id", "=", orgId)
        .where("user_id", "=", userId)
        .orderBy("created_at")
        .execute();
      return rows.map((row) => row.id);
    },

    hooks: sessionHooks(db),

    async teamList(orgId) {
      const rows = await db
        .selectFrom("users")
        .select(memberColumns)
        .where("org_id", "=", orgId)
        .where("deleted_at", "is", null)
        .where("is_active", "=", 1)
        .where("signed_in_at", "is not", null)
        .orderBy("email_key")
        .execute();
      return rows.map(toMember);
    },

    async createScimToken(orgId, name) {
      const created = await store.transaction((unit) =>
        createToken(unit, { now, newId: randomUUID }, orgId, "scim", name),
      );
      return { id: created.id, secret: created.token };
    },

    close: () => store.close(),
  };
}
