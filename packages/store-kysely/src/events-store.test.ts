import type { EventQuery } from "@scimkit/router";
import { type CompiledQuery, type Kysely, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./database.js";
import { sqlEventsStore } from "./events-store.js";
import { migrateToLatest } from "./migrate.js";
import type { SqlDatabase } from "./sql-dialect.js";

const opened: SqlDatabase[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.db.destroy();
});

/** SQLite's plan of the statement `events.page` runs for `query`, in its words. */
async function planOf(query: EventQuery): Promise<string[]> {
  const statements: CompiledQuery[] = [];
  const database = openDatabase(
    { kind: "sqlite", file: ":memory:" },
    { log: (event) => void statements.push(event.query) },
  );
  opened.push(database);
  await migrateToLatest(database.db);
  statements.length = 0;
  await sqlEventsStore(database).page("t", query);
  const [statement] = statements;
  if (statement === undefined) throw new Error("page ran no statement");
  // biome-ignore lint/suspicious/noExplicitAny: EXPLAIN's rows, not a table.
  const db = database.db as unknown as Kysely<any>;
  const explain = sql`explain query plan ${sql.raw(statement.sql)}`;
  const rows = await db.executeQuery<{ detail: string }>({
    ...explain.compile(db),
    parameters: statement.parameters,
  });
  return rows.rows.map((row) => row.detail);
}

describe("SQLite query plans of the event feed", () => {
  it.each([
    ["from the start", { limit: 10 }, /^SEARCH events USING INDEX events_feed \(tenant_id=\?\)$/],
    [
      "after a cursor",
      { after: "5", limit: 10 },
      /^SEARCH events USING INDEX events_feed \(tenant_id=\? AND position>\?\)$/,
    ],
    [
      "of one type",
      { after: "5", types: ["user.updated"], limit: 10 },
      /^SEARCH events USING INDEX events_feed_type \(tenant_id=\? AND type=\? AND position>\?\)$/,
    ],
    [
      "of several types, in feed order without a sort",
      { after: "5", types: ["user.updated", "user.deleted"], limit: 10 },
      /^SEARCH events USING INDEX events_feed \(tenant_id=\? AND position>\?\)$/,
    ],
  ] satisfies [string, EventQuery, RegExp][])(
    "reads the feed %s through an index",
    async (_name, query, want) => {
      expect(await planOf(query)).toEqual([expect.stringMatching(want)]);
    },
  );
});
