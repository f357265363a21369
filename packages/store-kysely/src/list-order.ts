import type { KeysetPosition, PageRequest, SortKey } from "@scimkit/router";
import { type RawBuilder, type SqlBool, sql } from "kysely";

/**
 * What a sort key orders by when it has no column: a SQL expression over the resource's row (a
 * value inside its JSON document), and the name the list selects it under, so a keyset page can
 * read where it ended.
 */
export interface SortExpression {
  readonly column: string;
  readonly expression: (alias: string) => RawBuilder<unknown>;
}

/**
 * One term of a list's total order: a column (or an expression selected as `column`) and its
 * direction.
 */
export interface OrderTerm {
  readonly column: string;
  readonly descending: boolean;
  readonly expression?: (alias: string) => RawBuilder<unknown>;
}

/**
 * A list's total order: the sort key's column (or expression) when asked, then creation and id
 * (so pages never overlap), in the creation direction given.
 */
export function listOrder(
  sort: readonly SortKey[] | undefined,
  columnOf: (key: SortKey, index: number) => string | SortExpression,
  newestFirst = false,
): OrderTerm[] {
  return [
    ...(sort ?? []).map((key, index) => {
      const by = columnOf(key, index);
      return typeof by === "string"
        ? { column: by, descending: key.descending }
        : { ...by, descending: key.descending };
    }),
    { column: "created_at", descending: newestFirst },
    { column: "id", descending: newestFirst },
  ];
}

/** What a term orders by on `alias`: its expression, or its column. */
function termSql(term: OrderTerm, alias: string): RawBuilder<unknown> {
  return term.expression?.(alias) ?? sql.ref(`${alias}.${term.column}`);
}

/**
 * The expression terms as selections (`expression as column`): a keyset list adds them to its
 * select list, so `positionOf` finds their values in the rows.
 */
export function orderSelections(terms: readonly OrderTerm[], alias: string) {
  return terms.flatMap((term) =>
    term.expression === undefined ? [] : [term.expression(alias).as(term.column)],
  );
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
    return sql`${termSql(term, alias)} ${sql.raw(direction + nulls)}`;
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
  const ref = (term: OrderTerm) => termSql(term, alias);
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

/**
 * The total of a list page: a page with rows that is not full ends the result, and an empty
 * first page means there is none, so both tell the total themselves (an IdP's `userName eq`
 * lookup then costs no count); any other page asks `countAll`.
 */
export async function pageTotal(
  page: PageRequest,
  rows: number,
  countAll: () => Promise<number>,
): Promise<number> {
  if (page.kind !== "offset") return countAll();
  const skipped = page.startIndex - 1;
  return (rows > 0 && rows < page.count) || (rows === 0 && skipped === 0) ? skipped + rows : countAll();
}
