import { openApiDocument } from "@scimkit/types";
import type { ContractViolation, ContractViolationKind } from "./contract-violation.js";
import { isJsonMediaType, matchesMediaRange, mediaTypeEssence } from "./media-type.js";
import {
  asOpenApiDocument,
  followRefs,
  HTTP_METHODS,
  isRecord,
  jsonPointer,
  type OpenApiDocument,
  readOpenApiDocument,
  valueAt,
} from "./openapi-document.js";
import { buildRoutes, matchRoute, type OperationMatch } from "./operation-matcher.js";
import { createSchemaValidator, type SchemaValidator } from "./schema-validator.js";

/** Options of {@link loadSpecContract}. */
export interface SpecContractOptions {
  /** Path or file URL of an OpenAPI 3.1 document (YAML or JSON); by default the scimkit contract that @scimkit/types carries (spec/openapi.yaml as data). */
  readonly specPath?: string | URL;
  /** An already-parsed OpenAPI 3.1 document; when given, `specPath` is not read. */
  readonly document?: unknown;
}

/** A response as received: what {@link SpecContract.checkResponse} judges. */
export interface ResponseSample {
  readonly status: number;
  /** The Content-Type header as received, parameters (`; charset=utf-8`) included. */
  readonly contentType?: string | null | undefined;
  /** The body text as received; `""` or undefined when there is none. */
  readonly body?: string | undefined;
}

/** The OpenAPI contract as a checker of requests and responses. */
export interface SpecContract {
  /** The parsed OpenAPI document. */
  readonly document: OpenApiDocument;
  /**
   * The operation a request addresses, with its path parameters, or undefined. Paths are matched
   * under each operation's server URL path (`/scim/v2` for SCIM, `/` for `/healthz` and `/api/…`),
   * on any host; concrete paths beat templated ones (`/Users/.search` before `/Users/{id}`).
   * `basePath` replaces the path of the document-level server, for a SCIM service mounted elsewhere.
   */
  matchOperation(method: string, url: URL | string, basePath?: string): OperationMatch | undefined;
  /**
   * How a response departs from what the operation declares: a status it does not declare, a
   * Content-Type other than the declared media type (essence only), a body on 204/304 or a response
   * without content, and a body that fails the response's JSON Schema (error responses through
   * `components/responses` and the Error schema, RFC 7644 §3.12). Empty when it conforms.
   * Throws a TypeError for an operationId the spec does not have.
   */
  checkResponse(operationId: string, response: ResponseSample): ContractViolation[];
}

/** Statuses that never carry content (RFC 9110 §15.3.5, §15.4.5), whatever the spec says. */
const NO_CONTENT_STATUSES: ReadonlySet<number> = new Set([204, 304]);

type Finding = readonly [ContractViolationKind, string];

/** operationId → JSON Pointer of the Operation Object. */
function indexOperations(document: OpenApiDocument): ReadonlyMap<string, string> {
  const index = new Map<string, string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isRecord(operation) || typeof operation.operationId !== "string") continue;
      if (index.has(operation.operationId)) {
        throw new TypeError(`operationId ${operation.operationId} is not unique in the spec`);
      }
      index.set(operation.operationId, jsonPointer("paths", path, method));
    }
  }
  return index;
}

/** The Response Object for a status: exact code, then the `4XX` range, then `default` (OpenAPI 3.1 §4.8.16). */
function declaredResponse(document: OpenApiDocument, operationPointer: string, status: number) {
  const responses = valueAt(document, `${operationPointer}/responses`);
  const keys = isRecord(responses) ? Object.keys(responses) : [];
  const range = `${Math.floor(status / 100)}XX`;
  const key =
    keys.find((candidate) => candidate === String(status)) ??
    keys.find((candidate) => candidate.toUpperCase() === range) ??
    keys.find((candidate) => candidate === "default");
  const found =
    key === undefined
      ? undefined
      : followRefs(document, `${operationPointer}${jsonPointer("responses", key)}`);
  return { declared: keys, found };
}

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Checks a response against the declared Response Object found at `pointer`. */
function checkDeclared(
  validator: SchemaValidator,
  found: { node: unknown; pointer: string },
  sample: ResponseSample,
): Finding[] {
  const body = sample.body ?? "";
  const content = isRecord(found.node) && isRecord(found.node.content) ? found.node.content : {};
  const mediaTypes = Object.keys(content);
  if (NO_CONTENT_STATUSES.has(sample.status) || mediaTypes.length === 0) {
    return body === "" ? [] : [["unexpected-body", `status ${sample.status} has no content, got a body`]];
  }
  const declared = mediaTypes.join(" or ");
  if (body === "") return [["missing-body", `expected a ${declared} body, got none`]];
  const findings: Finding[] = [];
  const essence = mediaTypeEssence(sample.contentType);
  const matched =
    essence === undefined ? undefined : mediaTypes.find((range) => matchesMediaRange(essence, range));
  if (matched === undefined) {
    findings.push(["content-type", `Content-Type ${sample.contentType ?? "(none)"} is not ${declared}`]);
  }
  // The body is judged against the declared schema all the same, so a wrong label does not hide a
  // wrong body.
  const mediaType = matched ?? mediaTypes[0] ?? "";
  const mediaTypeObject = content[mediaType];
  const hasSchema = isRecord(mediaTypeObject) && mediaTypeObject.schema !== undefined;
  if (!hasSchema || !isJsonMediaType(mediaType.toLowerCase())) return findings;
  const parsed = parseJson(body);
  if ("error" in parsed) return [...findings, ["invalid-json", `body is not JSON: ${parsed.error}`]];
  const schemaPointer = `${found.pointer}${jsonPointer("content", mediaType, "schema")}`;
  const messages = validator.validate(schemaPointer, parsed.value);
  return [...findings, ...messages.map((message): Finding => ["schema", message])];
}

/** Groups findings by kind, so each kind is one violation with its messages. */
function toViolations(
  operationId: string,
  status: number,
  findings: readonly Finding[],
): ContractViolation[] {
  const byKind = new Map<ContractViolationKind, string[]>();
  for (const [kind, message] of findings) byKind.set(kind, [...(byKind.get(kind) ?? []), message]);
  return [...byKind].map(([kind, messages]) => ({ kind, operationId, status, messages }));
}

/**
 * Loads the OpenAPI contract (spec/openapi.yaml unless `options` name another document) for
 * checking SCIM traffic (RFC 7644) against it. The document is parsed once, here; JSON Schema
 * validators are compiled on first use and cached for the contract's lifetime, so one contract per
 * test file is cheap.
 */
export function loadSpecContract(options: SpecContractOptions = {}): SpecContract {
  const document =
    options.document !== undefined
      ? asOpenApiDocument(options.document, "options.document")
      : options.specPath !== undefined
        ? readOpenApiDocument(options.specPath)
        : asOpenApiDocument(openApiDocument, "@scimkit/types openApiDocument");
  const routes = buildRoutes(document);
  const operations = indexOperations(document);
  const validator = createSchemaValidator(document);
  return {
    document,
    matchOperation: (method, url, basePath) => matchRoute(routes, method, url, basePath),
    checkResponse(operationId, response) {
      const operationPointer = operations.get(operationId);
      if (operationPointer === undefined) throw new TypeError(`the spec has no operation ${operationId}`);
      const { declared, found } = declaredResponse(document, operationPointer, response.status);
      const findings: Finding[] =
        found === undefined
          ? [["undeclared-status", `status ${response.status} is not declared (${declared.join(", ")})`]]
          : checkDeclared(validator, found, response);
      return toViolations(operationId, response.status, findings);
    },
  };
}
