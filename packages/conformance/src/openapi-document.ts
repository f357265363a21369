import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** A Server Object (OpenAPI 3.1 §4.8.5); only its URL and variables' defaults matter here. */
export interface OpenApiServer {
  readonly url: string;
  readonly variables?: Readonly<Record<string, { readonly default: string }>>;
}

/** A Response Object (OpenAPI 3.1 §4.8.17), or a Reference Object to one. */
export interface OpenApiResponse {
  readonly $ref?: string;
  readonly content?: Readonly<Record<string, { readonly schema?: unknown }>>;
}

/** An Operation Object (OpenAPI 3.1 §4.8.10), as far as response checking needs it. */
export interface OpenApiOperation {
  readonly operationId?: string;
  readonly servers?: readonly OpenApiServer[];
  readonly responses?: Readonly<Record<string, OpenApiResponse>>;
}

/** A Path Item Object (OpenAPI 3.1 §4.8.9): operations keyed by lower-case method, plus `servers`. */
export type OpenApiPathItem = Readonly<Record<string, unknown>> & {
  readonly servers?: readonly OpenApiServer[];
};

/** The parts of an OpenAPI 3.1 document that the contract checks read. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly servers?: readonly OpenApiServer[];
  readonly paths: Readonly<Record<string, OpenApiPathItem>>;
  readonly components?: Readonly<Record<string, unknown>>;
}

/** The HTTP methods a Path Item Object may hold operations for (OpenAPI 3.1 §4.8.9.1). */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Reads and parses an OpenAPI document (YAML or JSON, which is YAML too). */
export function readOpenApiDocument(specPath: string | URL): OpenApiDocument {
  return asOpenApiDocument(parse(readFileSync(specPath, "utf8")), String(specPath));
}

/** Checks the shape the contract relies on, so a wrong file fails at load rather than mid-test. */
export function asOpenApiDocument(value: unknown, source: string): OpenApiDocument {
  if (!isRecord(value) || typeof value.openapi !== "string" || !isRecord(value.paths)) {
    throw new TypeError(`${source} is not an OpenAPI document: it needs an "openapi" string and "paths"`);
  }
  return value as unknown as OpenApiDocument;
}

/** A JSON Pointer (RFC 6901) from unescaped reference tokens. */
export function jsonPointer(...tokens: readonly string[]): string {
  return tokens.map((token) => `/${token.replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

/** The value at a JSON Pointer (RFC 6901) in `root`, or undefined. */
export function valueAt(root: unknown, pointer: string): unknown {
  let current = root;
  for (const token of pointer.split("/").slice(1)) {
    if (!isRecord(current)) return undefined;
    current = current[token.replaceAll("~1", "/").replaceAll("~0", "~")];
  }
  return current;
}

/**
 * Follows Reference Objects (`$ref: "#/components/responses/NotFound"`) within the document from
 * the node at `pointer`, returning the final node and where it lives. Only local references are
 * supported: spec/openapi.yaml is one file.
 */
export function followRefs(document: OpenApiDocument, pointer: string): { node: unknown; pointer: string } {
  const seen = new Set<string>();
  let at = pointer;
  let node = valueAt(document, at);
  while (isRecord(node) && typeof node.$ref === "string") {
    const ref = node.$ref;
    if (!ref.startsWith("#")) throw new Error(`${at}: only local $refs are supported, got ${ref}`);
    if (seen.has(ref)) throw new Error(`${at}: cyclic $ref ${ref}`);
    seen.add(ref);
    at = decodeURIComponent(ref.slice(1));
    node = valueAt(document, at);
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return { node, pointer: at };
}

/** A non-null, non-array object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
