import type { Tenant, TenantSettings, TenantsPort } from "@scimkit/router";
import type { SqlContext } from "./sql-dialect.js";
import type { TenantRow, TenantRowUpdate } from "./tables/tenants.table.js";

/** A tenant row as the port's tenant (flags are stored as 1 / 0). */
export function tenantFromRow(row: TenantRow): Tenant {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    settings: {
      provisioning: row.provisioning === 1,
      jit: row.jit === 1,
      groups: row.groups === 1,
      deleteMode: row.delete_mode,
    },
  };
}

/** The columns a settings change writes: only the settings it names. */
function settingsColumns(
  settings: Partial<TenantSettings>,
): Pick<TenantRowUpdate, "provisioning" | "jit" | "groups" | "delete_mode"> {
  const { provisioning, jit, groups, deleteMode } = settings;
  return {
    ...(provisioning === undefined ? {} : { provisioning: Number(provisioning) }),
    ...(jit === undefined ? {} : { jit: Number(jit) }),
    ...(groups === undefined ? {} : { groups: Number(groups) }),
    ...(deleteMode === undefined ? {} : { delete_mode: deleteMode }),
  };
}

/** Tenants in SQL (the `TenantsPort` contract: store-ports.ts). */
export function sqlTenantsStore({ db }: SqlContext): TenantsPort {
  const get = async (id: string) => {
    const row = await db.selectFrom("tenants").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? undefined : tenantFromRow(row);
  };
  return {
    get,
    async create(tenant) {
      await db
        .insertInto("tenants")
        .values({
          id: tenant.id,
          name: tenant.name,
          created_at: tenant.createdAt,
          ...settingsColumns(tenant.settings),
        })
        .execute();
    },
    async list() {
      const rows = await db.selectFrom("tenants").selectAll().orderBy("created_at").orderBy("id").execute();
      return rows.map(tenantFromRow);
    },
    async any() {
      return (await db.selectFrom("tenants").select("id").limit(1).executeTakeFirst()) !== undefined;
    },
    async updateSettings(id, settings) {
      const columns = settingsColumns(settings);
      if (Object.keys(columns).length === 0) return get(id);
      const row = await db
        .updateTable("tenants")
        .set(columns)
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : tenantFromRow(row);
    },
  };
}
