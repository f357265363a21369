import { type PatchOp, type PatchOperation, ScimUrn } from "@scimkit/types";
import { assertAttributePath } from "./attribute-path.js";
import { filter as filters, type ScimFilter } from "./filter.js";

/**
 * An immutable builder of a PATCH request body (RFC 7644 §3.5.2): every method returns a new builder
 * and leaves this one unchanged. Op names are sent in lowercase, as the RFC spells them.
 */
export interface PatchOpBuilder {
  /** Adds attributes to the resource itself (no `path`, RFC 7644 §3.5.2.1). */
  add(value: Readonly<Record<string, unknown>>): PatchOpBuilder;
  /** Adds `value` at `path`; with `path` undefined, `value` holds attributes of the resource (RFC 7644 §3.5.2.1). */
  add(path: string | undefined, value: unknown): PatchOpBuilder;
  /** Replaces attributes of the resource itself (no `path`, RFC 7644 §3.5.2.3). */
  replace(value: Readonly<Record<string, unknown>>): PatchOpBuilder;
  /** Replaces the value at `path`; with `path` undefined, as the one-argument form (RFC 7644 §3.5.2.3). */
  replace(path: string | undefined, value: unknown): PatchOpBuilder;
  /** Removes the value(s) at `path`, which is required (RFC 7644 §3.5.2.2). */
  remove(path: string): PatchOpBuilder;
  /** The operations so far, in order. */
  readonly operations: readonly PatchOperation[];
  /** The request body: `{ schemas: [PatchOp URN], Operations }`. Throws with no operations. */
  build(): PatchOp;
  /** Same as {@link PatchOpBuilder.build}, so the builder can be passed to `JSON.stringify`. */
  toJSON(): PatchOp;
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Normalises the `(value)` and `(path, value)` call forms of add and replace. */
function valueOperation(op: "add" | "replace", args: readonly unknown[]): PatchOperation {
  const [path, value] = args.length === 1 ? [undefined, args[0]] : args;
  if (value === undefined) throw new TypeError(`${op} requires a value (RFC 7644 §3.5.2)`);
  if (path === undefined) {
    if (!isObject(value)) {
      throw new TypeError(`${op} without a path takes an object of attributes (RFC 7644 §3.5.2)`);
    }
    return { op, value };
  }
  return { op, path: assertPatchPath(path), value };
}

function assertPatchPath(path: unknown): string {
  if (typeof path !== "string" || path.trim() === "") {
    throw new TypeError("A PATCH path must be a non-empty string (RFC 7644 §3.5.2)");
  }
  return path;
}

function builder(operations: readonly PatchOperation[]): PatchOpBuilder {
  const next = (operation: PatchOperation) => builder(Object.freeze([...operations, operation]));
  const build = (): PatchOp => {
    if (operations.length === 0) {
      throw new TypeError("A PatchOp needs at least one operation (RFC 7644 §3.5.2)");
    }
    return { schemas: [ScimUrn.PatchOp], Operations: operations.map((o) => ({ ...o })) };
  };
  return Object.freeze({
    operations,
    add: (...args: readonly unknown[]) => next(valueOperation("add", args)),
    replace: (...args: readonly unknown[]) => next(valueOperation("replace", args)),
    remove: (path: string) => next({ op: "remove", path: assertPatchPath(path) }),
    build,
    toJSON: build,
  });
}

/**
 * Starts an empty PATCH request (RFC 7644 §3.5.2).
 *
 * @example patchOp().replace("active", false).remove('emails[type eq "home"]').build()
 */
export function patchOp(): PatchOpBuilder {
  return builder(Object.freeze([]));
}

/**
 * Builds a PATCH `path` (RFC 7644 §3.5.2, `valuePath` / `attrPath`) without string concatenation:
 * `patchPath("members", filter.eq("value", id))` → `members[value eq "<id>"]`, and with `subAttr`,
 * `patchPath("emails", filter.eq("type", "work"), "value")` → `emails[type eq "work"].value`.
 */
export function patchPath(attrPath: string, valFilter?: ScimFilter, subAttr?: string): string {
  if (valFilter === undefined) {
    if (subAttr !== undefined) throw new TypeError("subAttr needs a value filter; use attr.sub instead");
    return assertAttributePath(attrPath);
  }
  const base = String(filters.valuePath(attrPath, valFilter));
  if (subAttr === undefined) return base;
  if (!/^[A-Za-z][A-Za-z0-9_-]*$|^\$ref$/.test(subAttr)) {
    throw new TypeError(`Not a SCIM sub-attribute name (RFC 7643 §2.1): ${JSON.stringify(subAttr)}`);
  }
  return `${base}.${subAttr}`;
}
