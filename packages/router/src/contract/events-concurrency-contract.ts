import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import type { EventResource, StoredEvent } from "../ports/records.js";
import type { UnitOfWork } from "../ports/store-ports.js";
import { type CaseSpec, type ContractCase, casesOf, type OpenStore } from "./contract-case.js";
import { eventFixture, GROUP_G1, TENANT, USER_U1, withTenants } from "./contract-fixtures.js";
import { pageThrough } from "./events-contract.js";

/*
 * Transactions that overlap. A store may run them at once (PostgreSQL), queue them (the in-memory
 * store) or hold every other statement while one runs (SQLite's one connection), so no case waits
 * on another transaction without a time limit: where the store queues, the wait times out and the
 * case goes on in the order the store imposes, where the property holds trivially.
 */

/** How long a case waits for something a queueing store does only later. */
const PATIENCE_MS = 150;

/** A promise opened from outside. */
function gate(): { readonly promise: Promise<void>; open(): void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Waits until `promise` settles or `ms` pass, whichever is first; never rejects. */
async function within(promise: Promise<unknown>, ms = PATIENCE_MS): Promise<void> {
  await Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    sleep(ms),
  ]);
}

/** Appends one event about `resource` through `unit`. */
function one(unit: Pick<UnitOfWork, "events">, resource: EventResource, id: string) {
  return unit.events.append(TENANT, resource, [eventFixture(id, resource)]);
}

/** The event ids, in order. */
const idsOf = (events: readonly StoredEvent[]) =>
  events.map((event) => String((JSON.parse(event.body) as { id: unknown }).id));

/** Asserts the ids seen over several pages are `want`, each exactly once. */
function seenOnce(pages: readonly (readonly StoredEvent[])[], want: readonly string[]): void {
  const seen = pages.flatMap(idsOf);
  assert.equal(new Set(seen).size, seen.length, `no event twice: ${seen.join(", ")}`);
  assert.deepEqual([...seen].sort(), [...want].sort());
}

const cases: readonly CaseSpec[] = [
  [
    "concurrent transactions appending for one resource take each sequence number once",
    async (store) => {
      await withTenants(store);
      const appendTwice = (tag: string) =>
        store.transaction(async (unit) => {
          const first = await one(unit, USER_U1, `${tag}1`);
          await sleep(5);
          const second = await one(unit, USER_U1, `${tag}2`);
          return [...first, ...second].map((event) => event.sequence);
        });
      const outcomes = await Promise.allSettled(["a", "b", "c"].map(appendTwice));
      const taken: number[][] = [];
      for (const outcome of outcomes) {
        if (outcome.status === "fulfilled") taken.push(outcome.value);
        // A store may refuse one as busy (503, store-ports.ts); its numbers are then not taken.
        else assert.equal((outcome.reason as { status?: unknown }).status, 503);
      }
      assert.ok(taken.length > 0, "at least one transaction commits");
      for (const [first, second] of taken) assert.ok(first !== undefined && second === first + 1);
      const all = taken.flat().sort((a, b) => a - b);
      assert.deepEqual(
        all,
        all.map((_, index) => index + 1),
      );
      const stored = (await pageThrough(store)).items.map((event) => event.sequence);
      assert.deepEqual(
        [...stored].sort((a, b) => a - b),
        all,
        "the feed holds the committed numbers",
      );
    },
  ],

  [
    "a reader paging while a transaction is open sees its events once it commits, and each event once",
    async (store) => {
      await withTenants(store);
      await store.read.events.append(TENANT, USER_U1, [eventFixture("e0", USER_U1)]);
      const appended = gate();
      const release = gate();
      const held = store.transaction(async (unit) => {
        await one(unit, USER_U1, "a1");
        appended.open();
        await release.promise;
      });
      await appended.promise;
      // A later transaction commits while the first is open (where the store runs both at once).
      const later = store.transaction((unit) => one(unit, GROUP_G1, "b1"));
      await within(later);
      const firstPage = store.read.events.page(TENANT, { limit: 10 });
      await within(firstPage);
      release.open();
      await Promise.all([held, later]);
      const first = await firstPage;
      const rest = await pageThrough(store, { after: first.cursor });
      seenOnce([first.items, rest.items], ["e0", "a1", "b1"]);
    },
  ],

  [
    "an event appended late by a transaction that wrote first is not skipped by a reader",
    async (store) => {
      await withTenants(store);
      const otherAppended = gate();
      const releaseOther = gate();
      // The first transaction writes, lets the second append, then appends again and commits.
      const first = store.transaction(async (unit) => {
        await one(unit, USER_U1, "a1");
        await within(otherAppended.promise);
        await one(unit, GROUP_G1, "a2");
      });
      const second = (async () => {
        await sleep(10);
        return store.transaction(async (unit) => {
          await one(unit, { type: "Tenant", id: TENANT }, "b1");
          otherAppended.open();
          await releaseOther.promise;
        });
      })();
      await first;
      const firstPage = store.read.events.page(TENANT, { limit: 10 });
      await within(firstPage);
      releaseOther.open();
      await second;
      const page = await firstPage;
      const rest = await pageThrough(store, { after: page.cursor });
      seenOnce([page.items, rest.items], ["a1", "a2", "b1"]);
    },
  ],
];

/** EventsPort under overlapping transactions: no number taken twice, no event skipped or repeated. */
export function eventsConcurrencyContract(open: OpenStore): ContractCase[] {
  return casesOf(open, cases);
}
