import type { KeysetPosition, SortKey } from "@scimkit/router";
import { type RawBuilder, type SqlBool, sql } from "kysely";

/** One term of a list's total order: a column and its direction. */
export interface OrderTerm {
  readonly column: string;
  readonly descending: boolean;
}

/**
 * A list's total order: the sort key's column when asked, then creation and id (so pages never
 * overlap), in the creation direction given.
 */
export function listOrder(
  sort: readonly SortKey[] | undefined,
  columnOf: (key: SortKey) => string,
  newestFirst = false,
): OrderTerm[] {
  return [
    ...(sort ?? []).map((key) => ({ column: columnOf(key), descending: key.descending })),
    { column: "created_at", descending: newestFirst },
    { column: "id", descending: newestFirst },
  ];
}

/**
 * ORDER BY terms on `alias`. A keyset page states where NULLs go (first ascending, last
 * descending, as SQLite orders them and `keysetAfter` assumes); an offset page keeps each
 * database's own order so its indexes serve it as before.
 */
export function orderBySql(
  terms: readonly OrderTerm[],
  alias: string,
  keyset: boolean,
): RawBuilder<unknown>[] {
  return terms.map((term) => {
    const direction = term.descending ? "desc" : "asc";
    const nulls = keyset ? (term.descending ? " nulls last" : " nulls first") : "";
    return sql`${sql.ref(`${alias}.${term.column}`)} ${sql.raw(direction + nulls)}`;
  });
}

/** The values of a row's order terms: the keyset position after it. */
export function positionOf(
  row: Readonly<Record<string, unknown>>,
  terms: readonly OrderTerm[],
): KeysetPosition {
  return {
    values: terms.map((term) => {
      const value = row[term.column];
      return typeof value === "string" || typeof value === "number" ? value : null;
    }),
  };
}

/**
 * Rows strictly after `position` in the order of `terms` (NULL sorting before every value):
 * `(a > va) or (a = va and b > vb) or …`, with `<` for descending terms. The last terms (created,
 * id) are never NULL, so the order is total.
 */
export function keysetAfter(
  terms: readonly OrderTerm[],
  alias: string,
  position: KeysetPosition,
): RawBuilder<SqlBool> {
  const ref = (term: OrderTerm) => sql.ref(`${alias}.${term.column}`);
  const equal = (term: OrderTerm, value: string | number | null) =>
    value === null ? sql<SqlBool>`${ref(term)} is null` : sql<SqlBool>`${ref(term)} = ${value}`;
  const after = (term: OrderTerm, value: string | number | null): RawBuilder<SqlBool> => {
    if (value === null) return term.descending ? sql<SqlBool>`1 = 0` : sql<SqlBool>`${ref(term)} is not null`;
    return term.descending
      ? sql<SqlBool>`(${ref(term)} < ${value} or ${ref(term)} is null)`
      : sql<SqlBool>`${ref(term)} > ${value}`;
  };
  const branches = terms.map((term, index) => {
    const ties = terms.slice(0, index).map((before, i) => equal(before, position.values[i] ?? null));
    return sql<SqlBool>`(${sql.join([...ties, after(term, position.values[index] ?? null)], sql` and `)})`;
  });
  return sql<SqlBool>`(${sql.join(branches, sql` or `)})`;
}
