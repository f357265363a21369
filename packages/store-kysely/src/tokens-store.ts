import type { StoredToken, TokensPort } from "@scimkit/router";
import { preparedQuery } from "./prepared-query.js";
import type { SqlContext } from "./sql-dialect.js";
import type { TokenRow } from "./tables/tokens.table.js";

const tokenByHash = preparedQuery(["hash"], (db, p) =>
  db
    .selectFrom("tokens")
    .innerJoin("tenants", "tenants.id", "tokens.tenant_id")
    .select([
      "tokens.id",
      "tokens.tenant_id",
      "tokens.scope",
      "tokens.name",
      "tokens.token_hash",
      "tokens.created_at",
      "tokens.revoked_at",
      "tokens.last_used_at",
      "tenants.provisioning",
      "tenants.jit",
      "tenants.groups",
      "tenants.delete_mode",
    ])
    .where("tokens.token_hash", "=", p.hash),
);

function tokenFromRow(row: TokenRow): StoredToken {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    scope: row.scope,
    name: row.name,
    hash: row.token_hash,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Tokens in SQL, looked up by the SHA-256 of the secret (the `TokensPort` contract: store-ports.ts). */
export function sqlTokensStore(context: SqlContext): TokensPort {
  const { db } = context;
  return {
    async findByHash(hash) {
      const [row] = (await tokenByHash.execute(context, { hash })).rows;
      if (row === undefined) return undefined;
      return {
        token: tokenFromRow(row),
        settings: {
          provisioning: row.provisioning === 1,
          jit: row.jit === 1,
          groups: row.groups === 1,
          deleteMode: row.delete_mode,
        },
      };
    },
    async noteUse(id, at, staleBefore) {
      // The condition repeats the caller's check, so instances racing on one token write it once.
      await db
        .updateTable("tokens")
        .set({ last_used_at: at })
        .where("id", "=", id)
        .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<=", staleBefore)]))
        .execute();
    },
    async create(token) {
      await db
        .insertInto("tokens")
        .values({
          id: token.id,
          tenant_id: token.tenantId,
          scope: token.scope,
          token_hash: token.hash,
          created_at: token.createdAt,
          revoked_at: token.revokedAt,
          name: token.name,
        })
        .execute();
    },
    async list(tenantId) {
      const rows = await db
        .selectFrom("tokens")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .orderBy("created_at", "desc")
        .orderBy("id")
        .execute();
      return rows.map(tokenFromRow);
    },
    async revoke(id, at, tenantId) {
      const result = await db
        .updateTable("tokens")
        .set({ revoked_at: at })
        .where("id", "=", id)
        .$if(tenantId !== undefined, (qb) => qb.where("tenant_id", "=", tenantId ?? ""))
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}
