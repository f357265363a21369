import type { Compilable, CompiledQuery, Kysely, QueryResult } from "kysely";
import type { Database } from "./database.js";
import type { SqlContext } from "./sql-dialect.js";

/** Marks where a parameter goes while the query is built once; no client value can look like it. */
const marker = (name: string) => `\u0000scimkit-parameter\u0000${name}`;

/**
 * A query whose SQL text is built once and whose values are bound per call: the hot lookups
 * (token, user by id, a user's groups) would otherwise rebuild and recompile the same Kysely
 * query tree on every request, which costs more than the SQLite lookup itself.
 *
 * `build` receives a marker per parameter name and returns the query; the compiled parameters
 * that are markers are replaced by the call's values, the others (constants) stay. Only shapes
 * that do not depend on the values can be prepared this way (no variable-length `in` lists).
 * The SQL is compiled once per dialect, with the first database or transaction of that dialect it
 * runs on.
 */
export function preparedQuery<Name extends string, Row>(
  names: readonly Name[],
  build: (db: Kysely<Database>, params: Readonly<Record<Name, never>>) => Compilable<Row>,
) {
  const compiled = new Map<string, { query: CompiledQuery<Row>; slots: (Name | undefined)[] }>();
  function compile({ db, dialect }: SqlContext) {
    let entry = compiled.get(dialect.name);
    if (entry === undefined) {
      const markers = Object.fromEntries(names.map((name) => [name, marker(name)])) as Record<Name, string>;
      // Typed `never` for `build`, so a marker fits a column of any type; it never reaches the database.
      const query = build(db, markers as unknown as Record<Name, never>).compile();
      const slots = query.parameters.map((value) => names.find((name) => markers[name] === value));
      entry = { query, slots };
      compiled.set(dialect.name, entry);
    }
    return entry;
  }
  return {
    /** Runs the query on the context's database or transaction with these values. */
    execute(context: SqlContext, values: Readonly<Record<Name, unknown>>): Promise<QueryResult<Row>> {
      const { query, slots } = compile(context);
      const parameters = query.parameters.map((constant, index) => {
        const slot = slots[index];
        return slot === undefined ? constant : values[slot];
      });
      return context.db.executeQuery<Row>({ ...query, parameters });
    },
  };
}
