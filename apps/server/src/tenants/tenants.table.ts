import type { Generated, Insertable, Selectable } from "kysely";

/** A customer of the app: its own users, tokens and provisioning settings. */
export interface TenantsTable {
  id: string;
  name: string;
  /** 1 when the tenant's admin enabled SCIM provisioning; 0 answers every SCIM call 403. */
  provisioning: Generated<number>;
  created_at: string;
}

export type TenantRow = Selectable<TenantsTable>;
export type NewTenantRow = Insertable<TenantsTable>;
