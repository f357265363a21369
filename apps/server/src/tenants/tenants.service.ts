import type { Kysely } from "kysely";
import type { TokenScope } from "../auth/principal.js";
import { createToken } from "../auth/tokens.service.js";
import type { Database } from "../db/database.js";
import type { TenantRow, TenantRowUpdate } from "./tenants.table.js";

/** What creating a tenant hands back: the tenant, and its first token in the clear, once. */
export interface CreatedTenant {
  readonly tenant: TenantRow;
  readonly tokenId: string;
  readonly token: string;
  /** An admin token as well, for the console (when asked for): shown once too. */
  readonly adminToken?: string;
}

/** Clock and id source, passed in so tests control them. */
export interface TenantDeps {
  readonly now: () => Date;
  readonly newId: () => string;
}

/**
 * Creates a tenant (provisioning on, groups on, JIT off, soft delete) and its first token — and,
 * with `withAdminToken`, an admin token for the console — in one transaction.
 */
export async function createTenantWithToken(
  db: Kysely<Database>,
  deps: TenantDeps,
  name: string,
  scope: TokenScope = "scim",
  withAdminToken = false,
): Promise<CreatedTenant> {
  return db.transaction().execute(async (trx) => {
    const tenant = await trx
      .insertInto("tenants")
      .values({ id: deps.newId(), name, created_at: deps.now().toISOString() })
      .returningAll()
      .executeTakeFirstOrThrow();
    const created = await createToken(trx, deps, tenant.id, scope, "Made with the tenant");
    const admin = withAdminToken
      ? await createToken(trx, deps, tenant.id, "admin", "Made with the tenant")
      : undefined;
    return {
      tenant,
      tokenId: created.id,
      token: created.token,
      ...(admin === undefined ? {} : { adminToken: admin.token }),
    };
  });
}

/** Whether any tenant exists (the server bootstraps a `default` tenant on an empty database). */
export async function hasTenants(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom("tenants").select("id").limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Every tenant, oldest first. */
export async function listTenants(db: Kysely<Database>): Promise<TenantRow[]> {
  return db.selectFrom("tenants").selectAll().orderBy("created_at").orderBy("id").execute();
}

/** One tenant, or undefined. */
export async function findTenant(db: Kysely<Database>, id: string): Promise<TenantRow | undefined> {
  return db.selectFrom("tenants").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The settings an admin may change. */
export type TenantSettings = Pick<TenantRowUpdate, "provisioning" | "jit" | "groups" | "delete_mode">;

/** Changes a tenant's settings; returns the updated tenant, or undefined when there is no such tenant. */
export async function updateTenantSettings(
  db: Kysely<Database>,
  id: string,
  settings: TenantSettings,
): Promise<TenantRow | undefined> {
  if (Object.keys(settings).length === 0) return findTenant(db, id);
  return db.updateTable("tenants").set(settings).where("id", "=", id).returningAll().executeTakeFirst();
}
