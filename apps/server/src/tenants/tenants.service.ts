import type { Kysely } from "kysely";
import type { TokenScope } from "../auth/principal.js";
import { hashToken, newTokenSecret } from "../auth/token-secret.js";
import type { Database } from "../db/database.js";
import type { TenantRow } from "./tenants.table.js";

/** What creating a tenant hands back: the tenant, and its first token in the clear, once. */
export interface CreatedTenant {
  readonly tenant: TenantRow;
  readonly tokenId: string;
  readonly token: string;
}

/** Clock and id source, passed in so tests control them. */
export interface TenantDeps {
  readonly now: () => Date;
  readonly newId: () => string;
}

/** Creates a tenant (provisioning on) and its first token of the given scope, in one transaction. */
export async function createTenantWithToken(
  db: Kysely<Database>,
  deps: TenantDeps,
  name: string,
  scope: TokenScope = "scim",
): Promise<CreatedTenant> {
  const createdAt = deps.now().toISOString();
  const token = newTokenSecret();
  const tokenId = deps.newId();
  const tenant = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("tenants")
      .values({ id: deps.newId(), name, created_at: createdAt })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("tokens")
      .values({
        id: tokenId,
        tenant_id: row.id,
        scope,
        token_hash: hashToken(token),
        created_at: createdAt,
        revoked_at: null,
      })
      .execute();
    return row;
  });
  return { tenant, tokenId, token };
}

/** Whether any tenant exists (the server bootstraps a `default` tenant on an empty database). */
export async function hasTenants(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom("tenants").select("id").limit(1).executeTakeFirst();
  return row !== undefined;
}
