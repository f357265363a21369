import type { ProvisioningEvent } from "@scimkit/types";
import type { AuditEvent } from "../ports/records.js";
import type { Store, UnitOfWork } from "../ports/store-ports.js";

/**
 * One change a SCIM write made, as its audit event records it: the tenant, the actor (with
 * scimkit's tokens, the token's id), the operation (`create`, `replace`, `patch`, `delete`, …),
 * the resource and the names of the attributes that changed.
 */
export type ScimChange = AuditEvent;

/** What a host runs around scimkit's writes. */
export interface ScimHooks {
  /**
   * Runs inside the unit of work, after the change is written and before it commits, with the
   * unit's ports: throwing (a ScimError, e.g. `ScimError.forbidden("No seats left.")`) refuses
   * the request and rolls the whole write back.
   */
  readonly beforeCommit?: (change: ScimChange, unit: UnitOfWork) => Promise<void> | void;
  /**
   * Runs for every provisioning event (docs/events.md) of every tenant once its change committed,
   * in the outbox's order, at least once: it is read back from the store's event outbox, and the
   * consumer's place there moves past an event only when `onEvent` returned. A throw hands the same
   * event over again after a backoff (later events wait); after a crash or restart the consumer goes
   * on from its place, so a handler should be idempotent (the event's `id` says which it has seen).
   * One instance at a time handles events (a lease in the store); the others stand by.
   */
  readonly onEvent?: (event: ProvisioningEvent) => Promise<void> | void;
  /** The name the `onEvent` consumer's place is kept under in the store: `scimkit-hooks` by default. */
  readonly consumer?: string;
}

/**
 * `store` with the host's `beforeCommit` around every unit of work: each audit event appended is a
 * change, and `beforeCommit` runs for it in the transaction. Without it the store is returned as it is.
 */
export function hookedStore(store: Store, hooks: ScimHooks): Store {
  const { beforeCommit } = hooks;
  if (beforeCommit === undefined) return store;
  return {
    ...store,
    transaction(work) {
      return store.transaction((unit) => {
        const hooked: UnitOfWork = {
          ...unit,
          audit: {
            ...unit.audit,
            async append(event) {
              await unit.audit.append(event);
              await beforeCommit(event, unit);
            },
          },
        };
        return work(hooked);
      });
    },
  };
}
