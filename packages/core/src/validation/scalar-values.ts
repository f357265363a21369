import type { SchemaAttribute } from "@scimkit/types";
import { parseScimDateTime } from "../filter/filter-datetime.js";
import { ScimError } from "../scim-error.js";
import { jsonTypeOf } from "./json-value.js";

/** The attribute types with a single JSON value (RFC 7643 §2.3); `complex` is handled by its caller. */
export type ScalarType = Exclude<SchemaAttribute["type"], "complex">;

/**
 * Entra ID's default `scim` job sends booleans as the strings `"True"` / `"False"`, e.g. a disable
 * as `{"op":"Replace","path":"active","value":"False"}`, unless the tenant URL carries
 * `aadOptscim062020` (docs/reference/idp-requests.md#entra-default-job, #deactivation-forms). Any
 * casing of `"true"` / `"false"` becomes the boolean (RFC 7643 §2.3.2); every other value is
 * returned unchanged for the type check. The one place this quirk is absorbed: resource validation
 * (POST, PUT) and PATCH values reach it through normaliseScalar, PATCH path filters through
 * entraBooleanLiterals (patch/idp-quirks.ts).
 */
export function coerceEntraBooleanString<T>(value: T): T | boolean {
  if (typeof value !== "string") return value;
  const folded = value.toLowerCase();
  if (folded === "true") return true;
  if (folded === "false") return false;
  return value;
}

/** The lexical form RFC 7643 §2.3.5 asks for: xsd:dateTime with a time zone, four-digit year, upper-case `T` and `Z`. */
const XSD_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Whether `text` is a `dateTime` value as RFC 7643 §2.3.5 requires (an xsd:dateTime with a time
 * zone, e.g. `2008-01-23T04:56:22Z`, `2011-05-13T04:42:34.123+02:00`). The lexical form is checked
 * here; the fields (no 30 February, no hour 24, offsets up to ±14:00) by parseScimDateTime, which
 * filters use to compare instants, so a value every write path accepts is one every filter reads.
 * Resource validation (POST, PUT) and PATCH values both check dateTimes with it, via normaliseScalar.
 */
export function isXsdDateTime(text: string): boolean {
  return XSD_DATE_TIME.test(text) && parseScimDateTime(text) !== undefined;
}

/** Base64 in canonical form (RFC 4648 §4): groups of four characters, padding only at the end. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The white space MIME and PEM encoders put between lines (RFC 2045 §6.8, RFC 7468 §2). */
const LINE_BREAKS = /[\t\n\r ]+/g;

/**
 * A `binary` value (RFC 7643 §2.3.6: base64, RFC 4648 §4) in canonical form, or undefined when it is
 * not base64. Identity providers send certificates (`x509Certificates.value`) MIME-wrapped: lines of
 * 64 or 76 characters broken by CRLF or LF, as PEM and MIME encoders write them (RFC 7468 §2,
 * RFC 2045 §6.8), which RFC 4648 §3.3 lets a referring specification ignore. Spaces, tabs, CR and LF
 * are therefore removed, so the value is stored, compared and filtered as one line; any other
 * character outside the base64 alphabet, or misplaced padding, is not base64.
 */
export function normaliseBase64(text: string): string | undefined {
  const compact = text.replace(LINE_BREAKS, "");
  return BASE64.test(compact) ? compact : undefined;
}

/** Each type's canonical form of a value (undefined when the value is not of the type), and its name for errors. */
const scalarTypes: Record<
  ScalarType,
  { readonly canonical: (value: unknown) => unknown; readonly what: string }
> = {
  string: { canonical: (value) => (typeof value === "string" ? value : undefined), what: "a string" },
  reference: {
    canonical: (value) => (typeof value === "string" ? value : undefined),
    what: "a reference (a string)",
  },
  boolean: { canonical: (value) => (typeof value === "boolean" ? value : undefined), what: "a boolean" },
  // Beyond 2^53 a JSON number is no longer the integer the client wrote (RFC 8259 §6).
  integer: { canonical: (value) => (Number.isSafeInteger(value) ? value : undefined), what: "an integer" },
  decimal: {
    canonical: (value) => (typeof value === "number" && Number.isFinite(value) ? value : undefined),
    what: "a decimal number",
  },
  dateTime: {
    canonical: (value) => (typeof value === "string" && isXsdDateTime(value) ? value : undefined),
    what: "an xsd:dateTime string with a time zone",
  },
  binary: {
    canonical: (value) => (typeof value === "string" ? normaliseBase64(value) : undefined),
    what: "a base64 string",
  },
};

/**
 * Checks one value of a non-complex attribute against its type (RFC 7643 §2.3.1–§2.3.7) and
 * returns it in canonical form: strings are kept exactly as sent; boolean strings from Entra ID
 * become booleans; base64 loses its line breaks (normaliseBase64). A wrong type is
 * `400 invalidValue` naming `path` (never echoing the value).
 */
export function normaliseScalar(type: ScalarType, value: unknown, path: string): unknown {
  const candidate = type === "boolean" ? coerceEntraBooleanString(value) : value;
  const { canonical, what } = scalarTypes[type];
  const normalised = canonical(candidate);
  if (normalised !== undefined) return normalised;
  const got =
    typeof value === "string" && type !== "string" ? "a string in another format" : jsonTypeOf(value);
  throw ScimError.invalidValue(`Attribute "${path}" must be ${what}; got ${got}.`);
}
