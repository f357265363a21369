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
   * Runs after the unit of work committed, with its changes in order. Best effort: a failure is
   * logged and never fails the request, and a crash between commit and call loses the call.
   */
  readonly afterCommit?: (changes: readonly ScimChange[]) => Promise<void> | void;
}

/**
 * `store` with the host's hooks around every unit of work: each audit event appended is a change;
 * `beforeCommit` runs for it in the transaction, `afterCommit` with all of them once it committed.
 * Without hooks the store is returned as it is.
 */
export function hookedStore(
  store: Store,
  hooks: ScimHooks,
  onAfterCommitError: (error: unknown) => void,
): Store {
  const { beforeCommit, afterCommit } = hooks;
  if (beforeCommit === undefined && afterCommit === undefined) return store;
  return {
    ...store,
    async transaction(work) {
      const changes: ScimChange[] = [];
      const result = await store.transaction((unit) => {
        const hooked: UnitOfWork = {
          ...unit,
          audit: {
            ...unit.audit,
            async append(event) {
              await unit.audit.append(event);
              changes.push(event);
              await beforeCommit?.(event, unit);
            },
          },
        };
        changes.length = 0;
        return work(hooked);
      });
      if (afterCommit !== undefined && changes.length > 0) {
        try {
          await afterCommit([...changes]);
        } catch (error) {
          onAfterCommitError(error);
        }
      }
      return result;
    },
  };
}
