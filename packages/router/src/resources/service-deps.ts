import type { LifecyclePolicy } from "@scimkit/core";
import type { TenantSettingsView } from "../auth/principal.js";
import type { Clock, Ids, Store } from "../ports/store-ports.js";

/**
 * What every service is built from: the store's ports, a clock and an id source (tests pass their
 * own), the largest page a list may return (announced as `filter.maxResults`), and the lifecycle
 * policy of a tenant (scimkit's default rules with the tenant's settings when absent). Nothing
 * else: no database handle, no repository.
 */
export interface ServiceDeps extends Clock, Ids {
  readonly store: Store;
  readonly maxResults: number;
  readonly policy?: (settings: TenantSettingsView) => LifecyclePolicy;
}
