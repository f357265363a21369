import type { DeleteMode } from "@scimkit/router";
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/** A customer of the app: its own users, tokens and provisioning settings. */
export interface TenantsTable {
  id: string;
  name: string;
  /** 1 when the tenant's admin enabled SCIM provisioning; 0 answers every SCIM call 403. */
  provisioning: Generated<number>;
  /** 1: the first SSO login of an unknown email creates the user (just in time). */
  jit: Generated<number>;
  /** 1: the tenant's IdP may push groups. */
  groups: Generated<number>;
  /** What SCIM DELETE does: keep the row (`soft`) or remove it (`hard`). */
  delete_mode: Generated<DeleteMode>;
  created_at: string;
}

export type TenantRow = Selectable<TenantsTable>;
export type NewTenantRow = Insertable<TenantsTable>;
export type TenantRowUpdate = Updateable<TenantsTable>;
