import type { components } from "@scimkit/types";
import type { TenantSettings, TokenScope } from "../ports/records.js";

export type { TokenScope };

/** Who made a change, as its provisioning events name it (spec/openapi.yaml `EventActor`). */
export type EventActor = components["schemas"]["EventActor"];

/**
 * Who is calling, as `authenticate` resolved it: the tenant every read and write is scoped to,
 * the actor the audit log names (with scimkit's tokens, the token's id), and the tenant's
 * settings that shape the request (JIT, groups, what DELETE does).
 */
export interface Principal {
  readonly tenantId: string;
  readonly actor: string;
  readonly settings: TenantSettingsView;
  /**
   * The actor's kind and name as events name them. Absent, an operation of the `scim` scope is a
   * `token`'s and one of the `admin` scope the app API's (`app`); the name is the token's name.
   */
  readonly actorKind?: EventActor["kind"];
  readonly actorName?: string | null;
  /** The absolute URL of the SCIM base for this request (set per call): events render `meta.location` with it. */
  readonly scimBaseUrl?: string;
}

/** A tenant's settings as the request handlers need them. */
export type TenantSettingsView = Pick<TenantSettings, "jit" | "groups" | "deleteMode">;
