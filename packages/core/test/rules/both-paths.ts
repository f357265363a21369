import { ScimUrn } from "@scimkit/types";
import { applyScimPatch } from "../../src/patch/patch-apply.js";
import { type ResourceSchema, userResourceSchema } from "../../src/schema/resource-schemas.js";
import { ScimError } from "../../src/scim-error.js";
import { validateResource } from "../../src/validation/validate-resource.js";

/**
 * What one path made of an input: the value it kept, or the SCIM error it raised, by
 * `{ status, scimType }`: an error is asserted by status and scimType, not by its message, which is
 * prose and may change.
 */
export type Outcome = { readonly value: unknown } | { readonly error: { status: number; scimType?: string } };

/** `400 invalidValue`, the answer to a value of the wrong type on every path. */
export const invalidValue: Outcome = { error: { status: 400, scimType: "invalidValue" } };

/** Runs `run` and returns what it kept or the ScimError it threw; anything else is a bug and rethrown. */
export function outcomeOf(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    return {
      error: { status: error.status, ...(error.scimType === undefined ? {} : { scimType: error.scimType }) },
    };
  }
}

/** A user named ann, the resource the helpers below start from unless told otherwise. */
const ann = { schemas: [ScimUrn.User], userName: "ann" };

/** `extra` on a user named ann (or on `base`), validated as POST and PUT validate a resource. */
export function viaValidation(
  extra: Record<string, unknown>,
  schema: ResourceSchema = userResourceSchema,
  base: Record<string, unknown> = schema === userResourceSchema ? ann : { schemas: [schema.core.id] },
): Record<string, unknown> {
  return validateResource({ ...base, ...extra }, schema).resource;
}

/** `operations` applied by PATCH to `resource` (a user named ann by default). */
export function viaPatch(
  operations: readonly Record<string, unknown>[],
  resource: Record<string, unknown> = ann,
  schema: ResourceSchema = userResourceSchema,
): Record<string, unknown> {
  return applyScimPatch(resource, { schemas: [ScimUrn.PatchOp], Operations: operations }, schema).resource;
}
