/*
 * The in-memory store's tables: committed rows, and a transaction's changes kept beside them until
 * commit. A transaction never copies a table (a tenant may hold 10,000 users): it records only the
 * rows it writes, reads through to the committed rows for the rest, and its changes are applied in
 * one synchronous step at commit, or dropped on rollback. Reads outside the transaction see the
 * committed rows only.
 */

/** Marks a row a transaction deleted. */
const GONE: unique symbol = Symbol("gone");
type Slot<V> = V | typeof GONE;

/** Whether a view may still be used: false once its transaction committed or rolled back. */
export interface ViewSession {
  open: boolean;
}

/**
 * Committed rows keyed by partition (a tenant, or a tenant's group) and key within it, so a
 * tenant's rows are read without scanning every tenant's.
 */
export class MemoryTable<V> {
  readonly #partitions = new Map<string, Map<string, V>>();

  get(partition: string, key: string): V | undefined {
    return this.#partitions.get(partition)?.get(key);
  }

  entries(partition: string): Iterable<[string, V]> {
    return this.#partitions.get(partition)?.entries() ?? [];
  }

  /** Writes one row at once, outside any transaction (a token's last use). */
  put(partition: string, key: string, value: V): void {
    let rows = this.#partitions.get(partition);
    if (rows === undefined) {
      rows = new Map();
      this.#partitions.set(partition, rows);
    }
    rows.set(key, value);
  }

  /** Applies a transaction's changes: one synchronous step, so no read sees half of them. */
  apply(changes: ReadonlyMap<string, ReadonlyMap<string, Slot<V>>>): void {
    for (const [partition, slots] of changes) {
      for (const [key, slot] of slots) {
        if (slot === GONE) this.#partitions.get(partition)?.delete(key);
        else this.put(partition, key, slot);
      }
      if (this.#partitions.get(partition)?.size === 0) this.#partitions.delete(partition);
    }
  }
}

/** One transaction's view of a table: its own writes over the committed rows. */
export class TableDraft<V> {
  readonly #base: MemoryTable<V>;
  readonly #session: ViewSession;
  readonly #changes = new Map<string, Map<string, Slot<V>>>();

  constructor(base: MemoryTable<V>, session: ViewSession) {
    this.#base = base;
    this.#session = session;
  }

  get(partition: string, key: string): V | undefined {
    this.#check();
    const slot = this.#changes.get(partition)?.get(key);
    if (slot === GONE) return undefined;
    return slot ?? this.#base.get(partition, key);
  }

  /** The partition's rows: committed ones this transaction left alone, then the ones it wrote. */
  *entries(partition: string): Generator<[string, V]> {
    this.#check();
    const changed = this.#changes.get(partition);
    for (const entry of this.#base.entries(partition)) if (changed?.has(entry[0]) !== true) yield entry;
    if (changed === undefined) return;
    for (const [key, slot] of changed) if (slot !== GONE) yield [key, slot];
  }

  *values(partition: string): Generator<V> {
    for (const [, value] of this.entries(partition)) yield value;
  }

  set(partition: string, key: string, value: V): void {
    this.#slots(partition).set(key, value);
  }

  /** Deletes a row; whether there was one. */
  delete(partition: string, key: string): boolean {
    const existed = this.get(partition, key) !== undefined;
    if (existed) this.#slots(partition).set(key, GONE);
    return existed;
  }

  commit(): void {
    this.#check();
    this.#base.apply(this.#changes);
  }

  #slots(partition: string): Map<string, Slot<V>> {
    this.#check();
    let slots = this.#changes.get(partition);
    if (slots === undefined) {
      slots = new Map();
      this.#changes.set(partition, slots);
    }
    return slots;
  }

  #check(): void {
    if (!this.#session.open) throw new Error("This unit of work's transaction has ended.");
  }
}
