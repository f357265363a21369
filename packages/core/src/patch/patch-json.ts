import { isJsonObject, type JsonObject } from "../validation/json-value.js";

export { isJsonObject, isUnassigned, type JsonObject } from "../validation/json-value.js";

/** `value` when it is an object, else an empty object (a stored value of the wrong shape counts as absent). */
export function asJsonObject(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

/** The values of a multi-valued attribute: an array as is, nothing for an unassigned one, else one value. */
export function asValueList(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/**
 * Reads a member case-insensitively: attribute names, and the member names of SCIM messages,
 * are case-insensitive (RFC 7643 §2.1).
 */
export function memberOf(object: JsonObject, name: string): unknown {
  if (Object.hasOwn(object, name)) return object[name];
  const folded = name.toLowerCase();
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === folded);
  return key === undefined ? undefined : object[key];
}
