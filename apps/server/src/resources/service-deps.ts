import type { Clock, Ids, Store } from "@scimkit/router";

/**
 * What every service is built from: the store's ports, a clock and an id source (tests pass their
 * own), and the largest page a list may return (announced as `filter.maxResults`). Nothing else:
 * no database handle, no repository.
 */
export interface ServiceDeps extends Clock, Ids {
  readonly store: Store;
  readonly maxResults: number;
}
