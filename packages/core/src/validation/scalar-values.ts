import type { SchemaAttribute } from "@scimkit/types";
import { ScimError } from "../scim-error.js";
import { jsonTypeOf } from "./json-value.js";

/** The attribute types with a single JSON value (RFC 7643 §2.3); `complex` is handled by its caller. */
export type ScalarType = Exclude<SchemaAttribute["type"], "complex">;

/**
 * Microsoft Entra ID sends booleans as the strings `"True"` / `"False"` unless the tenant URL carries
 * `aadOptscim062020` (Entra "Known issues … SCIM 2.0 protocol compliance"). Any casing of
 * `"true"` / `"false"` becomes the boolean; every other value is returned unchanged.
 */
export function coerceEntraBooleanString(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const folded = value.toLowerCase();
  if (folded === "true") return true;
  if (folded === "false") return false;
  return value;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Whether `text` is an xsd:dateTime with a time zone, as RFC 7643 §2.3.5 requires
 * (e.g. `2008-01-23T04:56:22Z`, `2011-05-13T04:42:34.123+02:00`). Four-digit years only;
 * the fields are range-checked (no 30 February, no hour 24, offsets up to ±14:00).
 */
export function isXsdDateTime(text: string): boolean {
  const match = DATE_TIME.exec(text);
  if (match === null) return false;
  const field = (index: number): number => Number(match[index] ?? 0);
  const [year, month, day] = [field(1), field(2), field(3)];
  const offset = field(7) * 60 + field(8);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    field(4) < 24 &&
    field(5) < 60 &&
    field(6) < 60 &&
    field(8) < 60 &&
    offset <= 14 * 60
  );
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Whether `text` is base64 (RFC 4648 §4), as RFC 7643 §2.3.6 requires for `binary`. Whitespace is
 * skipped, since certificates are often sent MIME-wrapped (RFC 2045 §6.8 line breaks).
 */
export function isBase64(text: string): boolean {
  const compact = text.replace(/\s+/g, "");
  return compact.length % 4 === 0 && BASE64.test(compact);
}

const checks: Record<ScalarType, { readonly accepts: (value: unknown) => boolean; readonly what: string }> = {
  string: { accepts: (value) => typeof value === "string", what: "a string" },
  reference: { accepts: (value) => typeof value === "string", what: "a reference (a string)" },
  boolean: { accepts: (value) => typeof value === "boolean", what: "a boolean" },
  integer: { accepts: (value) => Number.isInteger(value), what: "an integer" },
  decimal: {
    accepts: (value) => typeof value === "number" && Number.isFinite(value),
    what: "a decimal number",
  },
  dateTime: {
    accepts: (value) => typeof value === "string" && isXsdDateTime(value),
    what: "an xsd:dateTime string with a time zone",
  },
  binary: { accepts: (value) => typeof value === "string" && isBase64(value), what: "a base64 string" },
};

/**
 * Checks one value of a non-complex attribute against its type (RFC 7643 §2.3.1–§2.3.7) and
 * returns it in canonical form: strings are kept exactly as sent; boolean strings from Entra ID
 * become booleans. A wrong type is `400 invalidValue` naming `path` (never echoing the value).
 */
export function normaliseScalar(type: ScalarType, value: unknown, path: string): unknown {
  const candidate = type === "boolean" ? coerceEntraBooleanString(value) : value;
  const check = checks[type];
  if (check.accepts(candidate)) return candidate;
  const got =
    typeof value === "string" && type !== "string" ? "a string in another format" : jsonTypeOf(value);
  throw ScimError.invalidValue(`Attribute "${path}" must be ${check.what}; got ${got}.`);
}
