import {
  type AttrPath,
  columnFor,
  findSubAttribute,
  type ResolvedAttribute,
  type ResourceMapping,
  type ResourceSchema,
  resolveAttribute,
  ScimError,
} from "@scimkit/core";
import type { SchemaAttribute } from "@scimkit/types";
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { JsonSql } from "./json-sql.js";

/** Where a resource lives: its table alias, its document column, the tables of its indexed value rows. */
export interface SqlFilterTarget {
  readonly schema: ResourceSchema;
  readonly mapping: ResourceMapping;
  readonly json: JsonSql;
  /** The alias of the resource table in the query, e.g. `u`. */
  readonly alias: string;
  /** The resource table's JSON text column holding what no column holds; `document` unless named. */
  readonly document?: string;
  /** The resource table's id column, which value rows and relations point at; `id` unless named. */
  readonly idColumn?: string;
  /**
   * Per `mapping.valueRows` attribute: the table of its rows and the column there holding the
   * resource's id (every row table has `tenant_id`).
   */
  readonly valueRowTables: Readonly<Record<string, { table: string; owner: string }>>;
  /**
   * Multi-valued attributes derived from other tables rather than stored with the resource (Group
   * `members`, User `groups`): the table, its column holding the resource's id, and which column
   * holds each sub-attribute.
   */
  readonly relations?: Readonly<
    Record<string, { table: string; owner: string; fields: Readonly<Record<string, string>> }>
  >;
}

/** A target within one tenant: row lookups are bounded by it, so their index drives the query. */
export interface ScopedTarget extends SqlFilterTarget {
  readonly tenantId: string;
  /**
   * A fresh alias for a subquery, numbered within this one filter: the same filter shape always
   * compiles to the same SQL text, so its prepared statement is reused (statement-cache.ts).
   */
  readonly nextAlias: (prefix: string) => string;
}

/** Rows holding the values of a multi-valued attribute: the mapping's value rows, or a relation. */
interface RowsSpec {
  readonly table: string;
  readonly owner: string;
  readonly fields: readonly {
    readonly subAttribute: string;
    readonly column: string;
    readonly fold: boolean;
  }[];
}

function rowsFor(attributeName: string, target: SqlFilterTarget): RowsSpec | undefined {
  const relation = target.relations?.[attributeName];
  if (relation !== undefined) {
    // Relation fields hold server-assigned ids (lower-case UUIDs), already in folded form: comparing the
    // column as is keeps the lookup on the primary key instead of folding every row.
    const fields = Object.entries(relation.fields).map(([subAttribute, column]) => ({
      subAttribute,
      column,
      fold: true,
    }));
    return { table: relation.table, owner: relation.owner, fields };
  }
  const spec = target.mapping.valueRows.find((rows) => rows.attribute === attributeName);
  const table = target.valueRowTables[attributeName];
  return spec === undefined || table === undefined
    ? undefined
    : { table: table.table, owner: table.owner, fields: spec.fields };
}

/** Where the candidate values of one attribute path are, and how to reach them. */
export interface Source {
  /** Wraps a condition on the candidate value so it holds for SOME value (EXISTS over rows/elements, or as is). */
  readonly some: (condition: (value: RawBuilder<unknown>) => RawBuilder<SqlBool>) => RawBuilder<SqlBool>;
  /** The attribute definition the values have (type, caseExact). */
  readonly definition: SchemaAttribute;
  /** True when the values are stored case-folded already (a `*_key` column). */
  readonly folded: boolean;
  /** True when the values come out of the JSON document (typed by the dialect's JSON functions), false for columns. */
  readonly json?: boolean;
}

/**
 * `<resource>.id in (select owner from rows where tenant_id = … and condition)`: the rows holding
 * a matching value, found through their own index and independent of the outer row, so the
 * database can start from them (a correlated EXISTS would be tested against every resource of
 * the tenant). Same meaning as EXISTS, NULLs included: neither side of `in` is ever NULL.
 */
export function ownersWhere(
  rows: { table: string; owner: string },
  alias: string,
  condition: RawBuilder<SqlBool>,
  target: ScopedTarget,
): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${target.alias}.${target.idColumn ?? "id"}`)} in (select ${sql.ref(`${alias}.${rows.owner}`)} from ${sql.table(rows.table)} as ${sql.raw(alias)} where ${sql.ref(`${alias}.tenant_id`)} = ${target.tenantId} and ${condition})`;
}

/**
 * The JSON path of an attribute inside the document: its name, under its schema URN when it belongs
 * to an extension (RFC 7643 §3.3). Filters, value filters and sorting all read the document by it.
 */
export function documentPath(resolved: ResolvedAttribute): string[] {
  return resolved.inExtension ? [resolved.schemaUrn, resolved.attribute.name] : [resolved.attribute.name];
}

/** The resource's JSON document column, as a reference in the query. */
export function documentOf(target: SqlFilterTarget): RawBuilder<unknown> {
  return sql.ref(`${target.alias}.${target.document ?? "document"}`);
}

/** Where the values of each attribute path of a filter (or of a value filter's inner paths) are. */
export type SourceResolver = (path: AttrPath) => Source;

/** The schema attribute a filter path names; 400 invalidFilter for one the schema lacks. */
export function resolve(path: AttrPath, target: ScopedTarget): ResolvedAttribute {
  const resolved = resolveAttribute(target.schema, path);
  if (resolved === undefined) throw ScimError.invalidFilter(`Unknown attribute "${path.name}" in filter.`);
  return resolved;
}

/** The sub-attribute a comparison on a complex attribute means: `emails eq x` is `emails.value eq x`. */
function effective(resolved: ResolvedAttribute): { sub?: SchemaAttribute; definition: SchemaAttribute } {
  if (resolved.subAttribute !== undefined)
    return { sub: resolved.subAttribute, definition: resolved.subAttribute };
  if (resolved.attribute.type !== "complex") return { definition: resolved.attribute };
  const value = findSubAttribute(resolved.attribute, "value");
  if (value === undefined)
    throw ScimError.invalidFilter(`"${resolved.path}" is complex; name a sub-attribute.`);
  return { sub: value, definition: value };
}

export function sourceOf(path: AttrPath, target: ScopedTarget): Source {
  const resolved = resolve(path, target);
  const { sub, definition } = effective(resolved);
  const attribute = resolved.attribute;
  const caseInsensitive = definition.type === "string" && !definition.caseExact;
  const canonical = sub === undefined ? attribute.name : `${attribute.name}.${sub.name}`;
  const column = resolved.inExtension ? undefined : columnFor(target.mapping, canonical, caseInsensitive);
  if (column !== undefined) {
    const ref = sql.ref(`${target.alias}.${column.column}`);
    return { some: (condition) => condition(ref), definition, folded: column.role === "key" };
  }
  const rows = attribute.multiValued ? rowSource(attribute, sub, definition, target) : undefined;
  if (rows !== undefined) return rows;
  return jsonSource(resolved, sub, definition, target);
}

function rowSource(
  attribute: SchemaAttribute,
  sub: SchemaAttribute | undefined,
  definition: SchemaAttribute,
  target: ScopedTarget,
): Source | undefined {
  const rows = rowsFor(attribute.name, target);
  const field = rows?.fields.find((candidate) => candidate.subAttribute === sub?.name);
  if (field === undefined || rows === undefined) return undefined;
  const table = rows;
  return {
    definition,
    folded: field.fold,
    some: (condition) => {
      const alias = target.nextAlias("r");
      const value = sql.ref(`${alias}.${field.column}`);
      return ownersWhere(table, alias, condition(value), target);
    },
  };
}

function jsonSource(
  resolved: ResolvedAttribute,
  sub: SchemaAttribute | undefined,
  definition: SchemaAttribute,
  target: ScopedTarget,
): Source {
  const { json } = target;
  const document = documentOf(target);
  const base = documentPath(resolved);
  if (!resolved.attribute.multiValued) {
    const path = sub === undefined ? base : [...base, sub.name];
    return {
      definition,
      folded: false,
      json: true,
      some: (condition) => condition(json.extract(document, path)),
    };
  }
  return {
    definition,
    folded: false,
    json: true,
    some: (condition) => {
      const alias = target.nextAlias("j");
      const element = json.element(alias);
      const value = sub === undefined ? element : json.elementField(alias, sub.name);
      return sql<SqlBool>`exists (select 1 from ${json.each(document, base, alias)} where ${condition(value)})`;
    },
  };
}
