import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { isRecord, type OpenApiDocument } from "./openapi-document.js";

/** At most this many schema errors are reported per body; the rest are counted. */
export const MAX_SCHEMA_ERRORS = 5;

/** The `$id` the whole OpenAPI document is registered under; schemas are reached by JSON Pointer. */
const DOCUMENT_ID = "openapi";

/**
 * Fixed fields of the OpenAPI document root (OpenAPI 3.1 §4.8.1). The document is registered as
 * one schema resource so that its `#/components/...` references resolve as written, which makes
 * its root fields "keywords" to Ajv; they are annotations to it, never validated.
 */
const DOCUMENT_FIELDS = [
  "openapi",
  "info",
  "jsonSchemaDialect",
  "servers",
  "paths",
  "webhooks",
  "components",
  "security",
  "tags",
] as const;

/**
 * Schema Object fields OpenAPI 3.1 adds to JSON Schema 2020-12 (§4.8.24): annotations to a
 * validator. `examples`, `readOnly`, `writeOnly` and `deprecated` are 2020-12's own.
 */
const OPENAPI_SCHEMA_FIELDS = ["discriminator", "xml", "externalDocs", "example"] as const;

/** Every `x-…` Specification Extension key in the document (OpenAPI 3.1 §4.9). */
function extensionKeys(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) extensionKeys(item, found);
  } else if (isRecord(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-")) found.add(key);
      extensionKeys(value, found);
    }
  }
  return found;
}

/**
 * Ajv for OpenAPI 3.1 response schemas, which are JSON Schema 2020-12.
 *
 * Strict schema mode stays on: an unknown keyword or format (a typo such as `minLenght`, or
 * `format: emial`) throws when the schema compiles, instead of silently checking nothing. OpenAPI's
 * extra fields and the document's `x-…` extensions are registered as annotation-only keywords so
 * strict mode accepts them. strictTypes and strictTuples are off: they judge schema style (an
 * `allOf` branch without `type`), which is the spec linter's job, and would only log.
 *
 * `allErrors` reports every failure (capped by the caller), not just the first. ajv-formats gives
 * the `date-time` and `uri` formats the spec uses their RFC 3339 / RFC 3986 meaning.
 */
function createAjv(document: OpenApiDocument): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strictSchema: true,
    strictNumbers: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    validateFormats: true,
  });
  addFormats.default(ajv);
  ajv.addVocabulary([...new Set([...DOCUMENT_FIELDS, ...OPENAPI_SCHEMA_FIELDS, ...extensionKeys(document)])]);
  // A writeOnly property "SHOULD NOT be sent as part of the response" (OpenAPI 3.1 §4.8.24 via
  // JSON Schema Validation §9.4); SCIM's `password` is `returned: never` (RFC 7643 §4.1.1). These
  // validators check only responses, so the annotation becomes an assertion: present means wrong.
  ajv.removeKeyword("writeOnly");
  ajv.addKeyword({
    keyword: "writeOnly",
    schemaType: "boolean",
    error: { message: "must not be returned in a response (writeOnly)" },
    validate: (writeOnly: boolean) => !writeOnly,
  });
  ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  return ajv;
}

/** `/totalResults must be integer`, with the offending property or allowed values where Ajv keeps them apart. */
export function formatAjvError(error: ErrorObject): string {
  const where = error.instancePath === "" ? "/" : error.instancePath;
  const params = error.params as Record<string, unknown>;
  const detail =
    error.keyword === "additionalProperties"
      ? ` (${String(params.additionalProperty)})`
      : error.keyword === "enum"
        ? ` (${JSON.stringify(params.allowedValues)})`
        : "";
  return `${where} ${error.message ?? error.keyword}${detail}`;
}

/** Validates values against schemas of one OpenAPI document, located by JSON Pointer. */
export interface SchemaValidator {
  /**
   * Error messages for `value` against the schema at `pointer` (e.g.
   * `/components/schemas/User`); empty when it validates. At most {@link MAX_SCHEMA_ERRORS}
   * messages, then a count of the rest.
   */
  validate(pointer: string, value: unknown): string[];
}

/**
 * A validator over the document's schemas. Ajv and each schema's validator are created on first
 * use and cached, so a contract that checks nothing compiles nothing.
 */
export function createSchemaValidator(document: OpenApiDocument): SchemaValidator {
  let ajv: Ajv2020 | undefined;
  const compiled = new Map<string, ValidateFunction>();
  const compile = (pointer: string): ValidateFunction => {
    ajv ??= createAjv(document);
    const ref = `${DOCUMENT_ID}#${pointer.split("/").map(encodeURIComponent).join("/")}`;
    const validate = compiled.get(pointer) ?? ajv.compile({ $ref: ref });
    compiled.set(pointer, validate);
    return validate;
  };
  return {
    validate(pointer, value) {
      const validate = compile(pointer);
      if (validate(value)) return [];
      const errors = validate.errors ?? [];
      const messages = errors.slice(0, MAX_SCHEMA_ERRORS).map(formatAjvError);
      const rest = errors.length - MAX_SCHEMA_ERRORS;
      return rest > 0 ? [...messages, `… and ${rest} more`] : messages;
    },
  };
}
