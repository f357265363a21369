import { ScimUrn } from "@scimkit/types";
import { expect } from "vitest";
import { applyScimPatch } from "../src/patch/patch-apply.js";
import { type ResourceSchema, userResourceSchema } from "../src/schema/resource-schemas.js";
import { ScimError } from "../src/scim-error.js";

/** Freezes a fixture all the way down, so a PATCH that mutated its input would throw. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

/** One PATCH operation, applied to a resource (the file's user by default). */
export interface Given {
  readonly operation: Record<string, unknown>;
  readonly resource?: Record<string, unknown>;
  readonly schema?: ResourceSchema;
}

/** The attributes and changed names after it, or the SCIM error it raises. */
export type Want =
  | { readonly attributes: Record<string, unknown>; readonly changed: string[] }
  | { readonly error: { status: number; scimType: string } };

/** Applies `given` (to `fallback` unless it names a resource) and checks `want`. */
export function runPatchCase(
  { operation, resource, schema = userResourceSchema }: Given,
  want: Want,
  fallback: Record<string, unknown>,
): void {
  const target = resource ?? fallback;
  const body = { schemas: [ScimUrn.PatchOp], Operations: [operation] };
  if ("error" in want) {
    let caught: unknown;
    try {
      applyScimPatch(target, body, schema);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScimError);
    expect({ status: (caught as ScimError).status, scimType: (caught as ScimError).scimType }).toEqual(
      want.error,
    );
    return;
  }
  const result = applyScimPatch(target, body, schema);
  for (const [key, value] of Object.entries(want.attributes))
    expect(result.resource[key], key).toEqual(value);
  expect(result.changed).toEqual(want.changed);
}
