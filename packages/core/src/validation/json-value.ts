/**
 * Small helpers over JSON data (RFC 8259) shared by validation and projection. Resources are
 * plain JSON: objects, arrays, strings, numbers, booleans and null.
 */

/** A JSON object: what a SCIM resource, a complex value or an extension container is (RFC 7643 §2.3.8). */
export type JsonObject = Record<string, unknown>;

/** Whether `value` is a JSON object, i.e. neither null, an array, nor a primitive. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Strict structural equality of two JSON values (key order ignored, array order significant). */
export function sameJson(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left) || Array.isArray(right)) {
    return (
      Array.isArray(left) &&
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => sameJson(item, right[index]))
    );
  }
  if (!isJsonObject(left) || !isJsonObject(right)) return false;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && sameJson(left[key], right[key]))
  );
}

/**
 * Whether a value is unassigned: absent, null, an empty array or an empty object, which RFC 7643
 * §2.5 makes equivalent in state.
 */
export function isUnassigned(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

/** A deep copy of a JSON value, so results never share mutable structure with inputs. */
export function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (!isJsonObject(value)) return value;
  // fromEntries defines own properties, so even a "__proto__" key stays data.
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cloneJson(item)]));
}

/** A short name of a value's JSON type for error details; never the value itself (it may be a password). */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
