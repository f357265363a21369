import type { Store, UnitOfWork } from "../ports/store-ports.js";

/**
 * `store` whose transactions call `onEvents()` once they have committed with events appended: what
 * wakes the delivery worker or a host's event consumer at once, instead of at its next poll, so an
 * event reaches its receiver well within a second of its commit. A rolled-back transaction calls
 * nothing. `onEvents` must not throw (it only schedules work).
 */
export function eventNotifyingStore(store: Store, onEvents: () => void): Store {
  return {
    ...store,
    async transaction(work) {
      let appended = false;
      const result = await store.transaction((unit) => {
        appended = false;
        const notifying: UnitOfWork = {
          ...unit,
          events: {
            ...unit.events,
            async append(tenantId, resource, events) {
              const stored = await unit.events.append(tenantId, resource, events);
              if (stored.length > 0) appended = true;
              return stored;
            },
          },
        };
        return work(notifying);
      });
      if (appended) onEvents();
      return result;
    },
  };
}
