import { ScimError } from "@scimkit/core";
import type { Store, UnitOfWork } from "../ports/store-ports.js";
import { memoryAudit } from "./memory-audit.js";
import { memoryEvents } from "./memory-events.js";
import { memoryGroups } from "./memory-groups.js";
import { closeView, commitView, createMemoryState, type MemoryState, openView } from "./memory-state.js";
import { memoryTenants } from "./memory-tenants.js";
import { memoryTokens } from "./memory-tokens.js";
import { memoryUsers } from "./memory-users.js";
import { memoryWebhooks } from "./memory-webhooks.js";

/** The ports over one view of the state. */
function unitOver(state: MemoryState): { unit: UnitOfWork; commit(): void; end(): void } {
  const view = openView(state);
  const unit: UnitOfWork = {
    tenants: memoryTenants(view),
    tokens: memoryTokens(view),
    users: memoryUsers(view),
    groups: memoryGroups(view),
    audit: memoryAudit(view),
    events: memoryEvents(view),
    webhooks: memoryWebhooks(view),
  };
  return { unit, commit: () => commitView(view), end: () => closeView(view) };
}

/**
 * The methods of each port that write. Outside a transaction (`Store.read`) each of them runs as a
 * transaction of its own, so it waits for a running one and never slips under its uniqueness checks.
 * (`tokens.noteUse` writes at once by its own contract, outside any transaction.)
 */
const writes: { readonly [P in keyof UnitOfWork]: readonly (keyof UnitOfWork[P])[] } = {
  tenants: ["create", "updateSettings"],
  tokens: ["create", "revoke"],
  users: ["insert", "update", "remove"],
  groups: ["insert", "update", "remove", "addMembers", "removeMembers", "removeUserEverywhere"],
  audit: ["append"],
  events: ["append"],
  webhooks: [
    "createEndpoint",
    "updateEndpoint",
    "removeEndpoint",
    "claimFanOut",
    "addDeliveries",
    "claimDeliveries",
    "recordAttempt",
    "releaseLeases",
    "resend",
    "claimConsumer",
    "advanceConsumer",
    "prune",
    "serverKey",
  ],
};

type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * A store in one process's memory: no I/O, for tests and for apps that need no persistence.
 * Transactions run one at a time (a promise chain), each on its own view of the state: its writes
 * stay apart until it commits, so `read` sees committed state only and a throw rolls back by
 * dropping them. Every method copies what it stores and what it returns.
 *
 * A transaction's `work` must not wait on another transaction of the same store, or on a write
 * through `read` (each is one), since it would wait for itself.
 */
export function createMemoryStore(): Store {
  const state = createMemoryState();
  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;

  const checkOpen = () => {
    if (closed) throw ScimError.unavailable("The in-memory store is closed.");
  };

  function transaction<T>(work: (unit: UnitOfWork) => Promise<T>): Promise<T> {
    checkOpen();
    const run = tail.then(async () => {
      const { unit, commit, end } = unitOver(state);
      try {
        const result = await work(unit);
        commit();
        return result;
      } finally {
        end();
      }
    });
    tail = run.catch(() => undefined);
    return run;
  }

  /** One port of `read`: reads on the committed state, each write a transaction of its own. */
  function readPort<P extends keyof UnitOfWork>(name: P): UnitOfWork[P] {
    const written = new Set<PropertyKey>(writes[name]);
    const methodOf = (unit: UnitOfWork, method: string) =>
      (unit[name] as unknown as Record<string, Method>)[method] as Method;
    const port: Record<string, Method> = {};
    const probe = unitOver(state);
    const methods = Object.keys(probe.unit[name]);
    probe.end();
    for (const method of methods) {
      port[method] = written.has(method)
        ? (...args) => transaction((unit) => methodOf(unit, method)(...args))
        : async (...args) => {
            checkOpen();
            const { unit, end } = unitOver(state);
            try {
              return await methodOf(unit, method)(...args);
            } finally {
              end();
            }
          };
    }
    return port as unknown as UnitOfWork[P];
  }

  return {
    read: {
      tenants: readPort("tenants"),
      tokens: readPort("tokens"),
      users: readPort("users"),
      groups: readPort("groups"),
      audit: readPort("audit"),
      events: readPort("events"),
      webhooks: readPort("webhooks"),
    },
    transaction,
    async ping() {
      checkOpen();
    },
    async close() {
      closed = true;
    },
  };
}
