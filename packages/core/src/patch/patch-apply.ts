import type { ResourceSchema } from "../schema/resource-schemas.js";
import { ScimError } from "../scim-error.js";
import { changedAttributes } from "./changed-attributes.js";
import type { PatchOpName } from "./idp-quirks.js";
import { applyAdd } from "./patch-add.js";
import type { JsonObject } from "./patch-json.js";
import { type PatchInstruction, readPatchOperations } from "./patch-message.js";
import { pathlessEntries } from "./patch-pathless.js";
import { applyRemove } from "./patch-remove.js";
import { applyReplace } from "./patch-replace.js";
import { syncExtensionSchemas } from "./patch-resource.js";
import { type AttributeTarget, resolveAttributePath, resolvePatchTarget } from "./patch-target.js";

/** The outcome of applyScimPatch. */
export interface ScimPatchResult {
  /** The patched resource: a new object; subtrees the PATCH did not touch are shared with the input. */
  readonly resource: JsonObject;
  /** The attributes whose value changed (see changedAttributes); empty when the PATCH changed nothing. */
  readonly changed: string[];
}

/**
 * Applies a PATCH request (RFC 7644 §3.5.2) to a resource in JSON form (canonical attribute
 * names, extension attributes under their URN). The operations apply in order, each to the
 * result of the one before; the PATCH is atomic ("If a single operation encounters an error
 * condition, the original SCIM resource MUST be restored"): the input is never mutated, so on any
 * error nothing is applied. A PATCH that changes nothing (re-sent values) returns `changed: []`.
 * Extension URNs in `schemas` follow the extensions the PATCH creates or empties.
 *
 * @throws ScimError only: invalidSyntax for a malformed message (readPatchOperations); noTarget
 *   for `remove` without path or a `replace` filter that matches nothing; invalidPath,
 *   invalidFilter, invalidValue and mutability as the operations define. The detail names the
 *   failing operation (`Operations[1]: …`).
 */
export function applyScimPatch(
  resource: Readonly<JsonObject>,
  patchBody: unknown,
  schema: ResourceSchema,
): ScimPatchResult {
  const operations = readPatchOperations(patchBody);
  let current: JsonObject = resource;
  for (const [index, operation] of operations.entries()) {
    current = inOperation(index, () => applyOperation(current, operation, schema));
  }
  const patched = syncExtensionSchemas(resource, current, schema);
  return {
    resource: patched === resource ? { ...resource } : patched,
    changed: changedAttributes(resource, patched, schema),
  };
}

function applyOperation(
  resource: JsonObject,
  operation: PatchInstruction,
  schema: ResourceSchema,
): JsonObject {
  const { op, path, value } = operation;
  if (path === undefined) {
    if (op === "remove") throw ScimError.noTarget("A remove operation needs a path (RFC 7644 §3.5.2.2).");
    return applyPathless(op, resource, value, schema);
  }
  const target = resolvePatchTarget(path, schema);
  if (target.kind === "attribute") return applyToTarget(op, resource, target, value);
  if (op === "remove" || value === null) return removeSchema(resource, target.urn, schema);
  return applyPathless(op, resource, { [target.urn]: value }, schema);
}

function applyPathless(
  op: PatchOpName,
  resource: JsonObject,
  value: unknown,
  schema: ResourceSchema,
): JsonObject {
  return pathlessEntries(value, schema).reduce(
    (current, entry) => applyToTarget(op, current, entry.target, entry.value),
    resource,
  );
}

function applyToTarget(
  op: PatchOpName,
  resource: JsonObject,
  target: AttributeTarget,
  value: unknown,
): JsonObject {
  if (op === "add") return applyAdd(resource, target, value);
  return op === "replace" ? applyReplace(resource, target, value) : applyRemove(resource, target, value);
}

/** `remove` with a schema URN as path: every attribute of that schema is removed (RFC 7644 §3.5.2.2). */
function removeSchema(resource: JsonObject, urn: string, schema: ResourceSchema): JsonObject {
  const definition = [schema.core, ...schema.extensions].find((candidate) => candidate.id === urn);
  return (definition?.attributes ?? []).reduce((current, attribute) => {
    const label = `${urn}:${attribute.name}`;
    return applyRemove(
      current,
      resolveAttributePath({ uri: urn, name: attribute.name }, schema, label),
      undefined,
    );
  }, resource);
}

/** Runs one operation, prefixing the detail of its ScimError with the operation's index. */
function inOperation<T>(index: number, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    throw error.withDetail(`Operations[${index}]: ${error.detail}`);
  }
}
