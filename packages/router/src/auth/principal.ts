import type { TenantSettings, TokenScope } from "../ports/records.js";

export type { TokenScope };

/**
 * Who is calling, as `authenticate` resolved it: the tenant every read and write is scoped to,
 * the actor the audit log names (with scimkit's tokens, the token's id), and the tenant's
 * settings that shape the request (JIT, groups, what DELETE does).
 */
export interface Principal {
  readonly tenantId: string;
  readonly actor: string;
  readonly settings: TenantSettingsView;
}

/** A tenant's settings as the request handlers need them. */
export type TenantSettingsView = Pick<TenantSettings, "jit" | "groups" | "deleteMode">;
