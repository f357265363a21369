import assert from "node:assert/strict";
import type { Store } from "../ports/store-ports.js";

/** A fresh, empty store for one contract case, and how to dispose of it. */
export interface StoreFixture {
  readonly store: Store;
  close(): Promise<void>;
}

/** Opens a fresh, empty store (a new in-memory store, a new database with its migrations run). */
export type OpenStore = () => Promise<StoreFixture>;

/**
 * One behaviour of the ports, runnable by any test runner:
 * `for (const c of storePortContract(open)) it(c.name, c.run)`.
 */
export interface ContractCase {
  /** States the behaviour ("findByUserName ignores case"). */
  readonly name: string;
  /** Opens a fresh store, checks the behaviour (node:assert), closes the store; rejects on failure. */
  readonly run: () => Promise<void>;
}

/** A case over a fresh store, closed however the case ends. */
export function contractCase(
  open: OpenStore,
  name: string,
  body: (store: Store) => Promise<void>,
): ContractCase {
  return {
    name,
    run: async () => {
      const fixture = await open();
      try {
        await body(fixture.store);
      } finally {
        await fixture.close();
      }
    },
  };
}

/** A case as a contract file lists it: the behaviour, and its check on a fresh store. */
export type CaseSpec = readonly [name: string, body: (store: Store) => Promise<void>];

/** The cases, each to run on a fresh store from `open`. */
export function casesOf(open: OpenStore, specs: readonly CaseSpec[]): ContractCase[] {
  return specs.map(([name, body]) => contractCase(open, name, body));
}

/** Asserts the promise rejects with a ScimError of this status and scimType (not by message, which may be reworded). */
export async function rejectsWith(
  promise: Promise<unknown>,
  want: { readonly status: number; readonly scimType?: string },
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    const { status, scimType } = (error ?? {}) as { status?: unknown; scimType?: unknown };
    assert.deepEqual({ status, scimType }, { status: want.status, scimType: want.scimType });
    return true;
  });
}
