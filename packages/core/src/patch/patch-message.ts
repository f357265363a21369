import { ScimUrn } from "@scimkit/types";
import { ScimError } from "../scim-error.js";
import { normalizeOpName, type PatchOpName } from "./idp-quirks.js";
import { isJsonObject, memberOf } from "./patch-json.js";

/** One PATCH operation, checked and with its `op` in RFC spelling. */
export interface PatchInstruction {
  readonly op: PatchOpName;
  /** Undefined when the operation has no `path` (or a null one). */
  readonly path: string | undefined;
  /** The `value` member as sent; undefined when absent. Checked per operation. */
  readonly value: unknown;
}

/**
 * Reads a PatchOp message (RFC 7644 §3.5.2): a JSON object whose `schemas` contains the PatchOp
 * URN and whose `Operations` is a non-empty array of objects, each with an `op` of `add`,
 * `replace` or `remove` (any case: Entra ID, see normalizeOpName) and an optional string `path`.
 * Member names are matched case-insensitively (RFC 7643 §2.1).
 *
 * Every failure of the message's structure is `invalidSyntax` (RFC 7644 §3.12: "The request body
 * message structure was invalid or did not conform to the request schema"), including an unknown
 * `op`; a missing or unusable `value` is judged per operation and is `invalidValue`.
 */
export function readPatchOperations(body: unknown): PatchInstruction[] {
  if (!isJsonObject(body)) throw ScimError.invalidSyntax("A PATCH request body must be a JSON object.");
  const schemas = memberOf(body, "schemas");
  const urn = ScimUrn.PatchOp.toLowerCase();
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === "string" && s.toLowerCase() === urn)) {
    throw ScimError.invalidSyntax(`"schemas" must contain "${ScimUrn.PatchOp}" (RFC 7644 §3.5.2).`);
  }
  const operations = memberOf(body, "Operations");
  if (!Array.isArray(operations) || operations.length === 0) {
    throw ScimError.invalidSyntax(
      `"Operations" must be an array of one or more operations (RFC 7644 §3.5.2).`,
    );
  }
  return operations.map(readOperation);
}

function readOperation(operation: unknown, index: number): PatchInstruction {
  const where = `Operations[${index}]`;
  if (!isJsonObject(operation)) throw ScimError.invalidSyntax(`${where} must be an object.`);
  const op = memberOf(operation, "op");
  const name = typeof op === "string" ? normalizeOpName(op) : undefined;
  if (name === undefined) {
    throw ScimError.invalidSyntax(`${where}.op must be "add", "replace" or "remove" (RFC 7644 §3.5.2).`);
  }
  const path = memberOf(operation, "path");
  if (path !== undefined && path !== null && typeof path !== "string") {
    throw ScimError.invalidSyntax(`${where}.path must be a string.`);
  }
  return { op: name, path: typeof path === "string" ? path : undefined, value: memberOf(operation, "value") };
}
