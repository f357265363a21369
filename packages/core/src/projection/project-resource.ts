import type { AttrPath } from "../filter/filter-ast.js";
import type { ResourceSchema } from "../schema/resource-schemas.js";
import { cloneJson, isJsonObject, type JsonObject } from "../validation/json-value.js";
import { type AttributePlan, type ProjectionStep, planProjection } from "./projection-plan.js";

/** The `attributes` / `excludedAttributes` of a query (RFC 7644 §3.4.2.5, §3.9), as parsed paths. */
export interface ProjectionOptions {
  readonly attributes?: readonly AttrPath[] | undefined;
  readonly excludedAttributes?: readonly AttrPath[] | undefined;
}

/** Projects one resource; compiled once per request by {@link compileProjection}. */
export type Projection = (resource: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/**
 * Compiles the projection of resources of `schema` for one request (RFC 7644 §3.4.2.5, §3.9;
 * RFC 7643 §2.4 `returned`), so a ListResponse page reuses one plan for all its resources:
 * - `schemas` and `always` attributes (`id`) are always returned; `never` ones (`password`) never;
 * - `default` ones unless `excludedAttributes` names them, or `attributes` is given and does not;
 * - `request` ones only when `attributes` names them;
 * - naming a sub-attribute (`name.givenName`, `emails.value`) returns only it of the attribute
 *   (of each value, for multi-valued ones; values left empty are dropped);
 * - naming an extension URN names all of its attributes, which stay under the URN key;
 * - unknown names are ignored; with both lists, `attributes` wins and `excludedAttributes` is ignored.
 * Resources are expected in canonical form (see `validateResource`); keys no schema defines are not
 * returned. The projected resource shares nothing with the input, which is never mutated.
 */
export function compileProjection(schema: ResourceSchema, options: ProjectionOptions = {}): Projection {
  const steps = planProjection(schema, options.attributes ?? [], options.excludedAttributes ?? []);
  const extensionUrns = schema.extensions.map((extension) => extension.id);
  return (resource) => {
    const schemas = Array.isArray(resource.schemas)
      ? cloneJson(resource.schemas)
      : [schema.core.id, ...extensionUrns.filter((urn) => isJsonObject(resource[urn]))];
    const projected: JsonObject = { schemas };
    for (const step of steps) applyStep(step, resource, projected);
    return projected;
  };
}

/** Projects one resource: {@link compileProjection} applied once. */
export function projectResource(
  resource: Readonly<Record<string, unknown>>,
  schema: ResourceSchema,
  options: ProjectionOptions = {},
): Record<string, unknown> {
  return compileProjection(schema, options)(resource);
}

function applyStep(step: ProjectionStep, resource: Readonly<JsonObject>, projected: JsonObject): void {
  if (step.kind === "attribute") {
    copyAttribute(step.plan, resource, projected);
    return;
  }
  const container = resource[step.urn];
  if (!isJsonObject(container)) return;
  const values: JsonObject = {};
  for (const plan of step.plans) copyAttribute(plan, container, values);
  if (Object.keys(values).length > 0) projected[step.urn] = values;
}

function copyAttribute(plan: AttributePlan, from: Readonly<JsonObject>, to: JsonObject): void {
  const value = from[plan.name];
  if (value === undefined || value === null) return;
  const projected =
    plan.multiValued && Array.isArray(value) ? projectValues(plan, value) : projectValue(plan, value);
  if (projected !== undefined) to[plan.name] = projected;
}

function projectValues(plan: AttributePlan, values: readonly unknown[]): unknown[] | undefined {
  const projected = values.map((value) => projectValue(plan, value)).filter((value) => value !== undefined);
  return projected.length === 0 ? undefined : projected;
}

function projectValue(plan: AttributePlan, value: unknown): unknown {
  if (plan.subAttributes === undefined) return cloneJson(value);
  if (!isJsonObject(value)) return undefined;
  const projected: JsonObject = {};
  for (const name of plan.subAttributes) {
    const item = value[name];
    if (item !== undefined && item !== null) projected[name] = cloneJson(item);
  }
  return Object.keys(projected).length === 0 ? undefined : projected;
}
