import { foldCase } from "../schema/case-fold.js";
import type { ColumnSpec, ColumnValue, ResourceMapping, StorageRecord } from "./resource-mapping.js";

type Resource = Readonly<Record<string, unknown>>;

function getPath(resource: Resource, path: string): unknown {
  const [head, sub] = path.split(".") as [string, string | undefined];
  const value = resource[head];
  if (sub === undefined) return value;
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[sub] : undefined;
}

/** Returns a copy of `resource` without `path` (dropping an emptied parent object). */
function withoutPath(resource: Record<string, unknown>, path: string): Record<string, unknown> {
  const [head, sub] = path.split(".") as [string, string | undefined];
  const { [head]: value, ...rest } = resource;
  if (sub === undefined || typeof value !== "object" || value === null)
    return sub === undefined ? rest : resource;
  const { [sub]: _removed, ...parent } = value as Record<string, unknown>;
  return Object.keys(parent).length === 0 ? rest : { ...rest, [head]: parent };
}

function encode(spec: ColumnSpec, value: unknown): ColumnValue {
  if (value === undefined || value === null) return null;
  if (spec.encoding === "boolean") return value === true ? 1 : 0;
  const text = String(value);
  return spec.role === "key" ? foldCase(text) : text;
}

function decode(spec: ColumnSpec, value: ColumnValue): unknown {
  if (value === null) return undefined;
  return spec.encoding === "boolean" ? value === 1 || value === "1" : value;
}

/**
 * Splits a SCIM resource (canonical JSON form) into its storage record: mapped columns, the
 * JSON document of everything else, and the rows of indexed multi-valued attributes. Pure;
 * the inverse is {@link recordToScim}.
 */
export function scimToRecord(mapping: ResourceMapping, resource: Resource): StorageRecord {
  const columns: Record<string, ColumnValue> = {};
  let document: Record<string, unknown> = { ...resource };
  for (const spec of mapping.columns) {
    columns[spec.column] = encode(spec, getPath(resource, spec.attribute));
    if (spec.role === "value") document = withoutPath(document, spec.attribute);
  }
  for (const name of mapping.storedElsewhere) document = withoutPath(document, name);
  const valueRows: Record<string, Record<string, ColumnValue>[]> = {};
  for (const spec of mapping.valueRows) {
    const values = Array.isArray(resource[spec.attribute]) ? (resource[spec.attribute] as unknown[]) : [];
    valueRows[spec.attribute] = values
      .filter((value): value is Record<string, unknown> => typeof value === "object" && value !== null)
      .map((value) =>
        Object.fromEntries(
          spec.fields.map((field) => [field.column, fieldValue(value[field.subAttribute], field.fold)]),
        ),
      );
  }
  return { columns, document, valueRows };
}

function fieldValue(value: unknown, fold: boolean): ColumnValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return value;
  return fold ? foldCase(String(value)) : String(value);
}

/**
 * Rebuilds the SCIM resource from its columns and document (value rows are lookup copies, not read
 * back). Runs on every resource a read returns, so it builds one copy and fills it in place rather
 * than copying the resource once per column; `document` itself is never changed.
 */
export function recordToScim(
  mapping: ResourceMapping,
  columns: Readonly<Record<string, ColumnValue>>,
  document: Resource,
): Record<string, unknown> {
  const resource: Record<string, unknown> = { ...document };
  const copiedParents = new Set<string>();
  for (const spec of mapping.columns) {
    if (spec.role !== "value") continue;
    const value = decode(spec, columns[spec.column] ?? null);
    if (value === undefined) continue;
    const dot = spec.attribute.indexOf(".");
    if (dot < 0) {
      resource[spec.attribute] = value;
      continue;
    }
    const head = spec.attribute.slice(0, dot);
    if (!copiedParents.has(head)) {
      const parent = resource[head];
      resource[head] = typeof parent === "object" && parent !== null ? { ...parent } : {};
      copiedParents.add(head);
    }
    (resource[head] as Record<string, unknown>)[spec.attribute.slice(dot + 1)] = value;
  }
  return resource;
}

/**
 * The column a filter or sort on `attribute` (canonical path) should use: the `key` column for a
 * case-insensitive attribute when `folded`, else the `value` column. Undefined when the attribute
 * lives in the JSON document.
 */
export function columnFor(
  mapping: ResourceMapping,
  attribute: string,
  folded: boolean,
): ColumnSpec | undefined {
  const specs = mapping.columns.filter((spec) => spec.attribute === attribute);
  return (
    (folded ? specs.find((spec) => spec.role === "key") : undefined) ??
    specs.find((spec) => spec.role === "value")
  );
}
