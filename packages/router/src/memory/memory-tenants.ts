import type { Tenant, TenantSettings } from "../ports/records.js";
import type { TenantsPort } from "../ports/store-ports.js";
import { compareText, copyOf } from "./memory-records.js";
import { ALL, type MemoryView } from "./memory-state.js";

/** The tenants port over one view: every tenant in one partition, by id. */
export function memoryTenants(view: MemoryView): TenantsPort {
  return {
    async create(tenant) {
      if (view.tenants.get(ALL, tenant.id) !== undefined)
        throw new Error(`Tenant ${tenant.id} exists already.`);
      view.tenants.set(ALL, tenant.id, copyOf(tenant));
    },

    async get(id) {
      const tenant = view.tenants.get(ALL, id);
      return tenant === undefined ? undefined : copyOf(tenant);
    },

    async list() {
      return [...view.tenants.values(ALL)]
        .sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id))
        .map(copyOf);
    },

    async any() {
      for (const _tenant of view.tenants.values(ALL)) return true;
      return false;
    },

    async updateSettings(id, settings) {
      const tenant = view.tenants.get(ALL, id);
      if (tenant === undefined) return undefined;
      const next: Tenant = { ...tenant, settings: { ...tenant.settings, ...definedOnly(settings) } };
      view.tenants.set(ALL, id, copyOf(next));
      return copyOf(next);
    },
  };
}

/** The named settings, so a key present but undefined leaves the setting as it is. */
function definedOnly(settings: Partial<TenantSettings>): Partial<TenantSettings> {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}
