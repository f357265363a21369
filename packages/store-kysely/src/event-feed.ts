import { ScimError } from "@scimkit/core";
import { type Expression, type SqlBool, sql } from "kysely";
import type { SqlDialect } from "./sql-dialect.js";

/** An event row's place in the feed, as the events table keeps it. */
interface FeedRow {
  readonly position: number | string;
  readonly transaction_id?: string;
}

/**
 * How one dialect orders the event feed (a tenant's, or every tenant's), hides what a reader may not see yet, and writes a
 * place in it as an opaque cursor. Every cursor is checked against its own form, so no text a
 * client sends reaches the SQL but as a bound number.
 */
export interface EventFeed {
  /** The columns that order the feed, in order. */
  readonly order: readonly ("transaction_id" | "position")[];
  /** The cursor of the feed's start. */
  readonly start: string;
  /** The cursor of a row. */
  cursorOf(row: FeedRow): string;
  /** The condition of rows after the cursor; 400 invalidValue for text this store did not hand out. */
  after(cursor: string): Expression<SqlBool>;
  /** The condition of rows at or before the cursor (what a reader at it has passed); 400 as `after`. */
  upTo(cursor: string): Expression<SqlBool>;
  /** The `position` (the events table's key) of the event whose cursor this is; 400 as `after`. */
  rowOf(cursor: string): number;
  /** The condition of rows a reader may see now, if the dialect holds any back. */
  readonly visible?: Expression<SqlBool>;
}

const invalidCursor = () => ScimError.invalidValue("The events cursor is not valid.");

/** A position: an integer without leading zeros, small enough to stay exact as a JS number. */
const POSITION = "(0|[1-9]\\d{0,14})";

/** A SQLite cursor's position. */
const sqlitePosition = (cursor: string): number => {
  const match = new RegExp(`^${POSITION}$`).exec(cursor);
  if (match === null) throw invalidCursor();
  return Number(match[1]);
};

/**
 * SQLite: one writer at a time, so positions (AUTOINCREMENT, taken as rows are inserted) are in
 * commit order and every event below the highest committed one has committed or rolled back.
 */
const sqliteFeed: EventFeed = {
  order: ["position"],
  start: "0",
  cursorOf: (row) => String(row.position),
  after: (cursor) => sql<SqlBool>`position > ${sqlitePosition(cursor)}`,
  upTo: (cursor) => sql<SqlBool>`position <= ${sqlitePosition(cursor)}`,
  rowOf: sqlitePosition,
};

/** A PostgreSQL cursor's parts: the transaction id (as text: an xid8 may exceed 2^53) and position. */
const postgresPlace = (cursor: string): { transactionId: string; position: number } => {
  const match = new RegExp(`^(0|[1-9]\\d{0,19})\\.${POSITION}$`).exec(cursor);
  if (match === null) throw invalidCursor();
  return { transactionId: match[1] ?? "", position: Number(match[2]) };
};

/**
 * PostgreSQL: transactions append at once, so positions (an identity) are taken in append order,
 * not commit order, and a reader that passed position 7 would skip a 6 committed after. The feed
 * is therefore ordered by the appending transaction's id, then position, and shows only the
 * events of transactions older than the reader snapshot's xmin (the oldest transaction still
 * running, scimkit's or not): every such transaction has ended, and every transaction that will
 * commit later has an id at or above it, so its events can only land after any cursor handed
 * out. The price is latency: events wait while any older transaction of the cluster is open.
 * This is the visibility rule of the xid8 functions (PostgreSQL's "Transaction ID and Snapshot
 * Information Functions", https://www.postgresql.org/docs/current/functions-info.html).
 * A cursor compares with rows as a (transaction id, position) pair, the feed's order, its parts
 * bound as values: never as text, where "10.1" would sort before "9.1".
 */
const postgresFeed: EventFeed = {
  order: ["transaction_id", "position"],
  start: "0.0",
  cursorOf: (row) => `${row.transaction_id ?? ""}.${row.position}`,
  after(cursor) {
    const { transactionId, position } = postgresPlace(cursor);
    return sql<SqlBool>`(transaction_id, position) > (${transactionId}::xid8, ${position})`;
  },
  upTo(cursor) {
    const { transactionId, position } = postgresPlace(cursor);
    return sql<SqlBool>`(transaction_id, position) <= (${transactionId}::xid8, ${position})`;
  },
  rowOf: (cursor) => postgresPlace(cursor).position,
  visible: sql<SqlBool>`transaction_id < pg_snapshot_xmin(pg_current_snapshot())`,
};

/** The feed of a dialect. */
export function eventFeed(dialect: SqlDialect): EventFeed {
  return dialect.name === "postgres" ? postgresFeed : sqliteFeed;
}
