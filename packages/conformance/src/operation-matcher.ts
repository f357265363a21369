import {
  HTTP_METHODS,
  isRecord,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiServer,
} from "./openapi-document.js";

/** A request mapped to an operation of the spec. */
export interface OperationMatch {
  readonly operationId: string;
  /** Path parameters by name, percent-decoded (`urn:ietf:params:…` for `/Schemas/{id}`). */
  readonly pathParams: Readonly<Record<string, string>>;
}

/** One operation of the spec as a URL pattern. */
export interface Route {
  /** Upper case, as HTTP spells it. */
  readonly method: string;
  readonly operationId: string;
  /** The spec's path template, e.g. `/Users/{id}`. */
  readonly template: string;
  readonly segments: readonly SegmentPattern[];
  /** The paths of the route's server URLs, without a trailing slash (`""` for the origin). */
  readonly serverPaths: readonly string[];
  /** Whether the servers are the document's own (the SCIM base URL), which `basePath` replaces. */
  readonly atDocumentServers: boolean;
}

interface SegmentPattern {
  readonly regex: RegExp;
  readonly names: readonly string[];
  readonly literalLength: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A path segment such as `Users`, `.search` or `{id}` as an anchored pattern with its parameter names. */
function segmentPattern(segment: string): SegmentPattern {
  const names: string[] = [];
  let source = "";
  let literalLength = 0;
  for (const part of segment.split(/(\{[^}]+\})/)) {
    if (part.startsWith("{") && part.endsWith("}")) {
      names.push(part.slice(1, -1));
      source += "(.+)";
    } else {
      source += escapeRegExp(part);
      literalLength += part.length;
    }
  }
  return { regex: new RegExp(`^${source}$`), names, literalLength };
}

/**
 * The path of a server URL, variables replaced by their defaults (OpenAPI 3.1 §4.8.5). Only the
 * path counts, so the same spec matches a server on any host and port.
 */
export function serverPath(server: OpenApiServer): string {
  const url = server.url.replace(
    /\{([^}]+)\}/g,
    (_, name: string) => server.variables?.[name]?.default ?? "",
  );
  return normaliseBasePath(new URL(url, "http://localhost/").pathname);
}

/** `/scim/v2/` → `/scim/v2`; `/` and `""` → `""`, so prefix and path template concatenate. */
export function normaliseBasePath(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed === "" || trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}

/** Every operation of the document as a route. Servers: operation's, else path item's, else document's. */
export function buildRoutes(document: OpenApiDocument): readonly Route[] {
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    const segments = template.split("/").slice(1).map(segmentPattern);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isRecord(operation)) continue;
      const { operationId, servers } = operation as OpenApiOperation;
      if (operationId === undefined) continue;
      const own = servers ?? item.servers;
      const serverPaths = (own ?? document.servers ?? [{ url: "/" }]).map(serverPath);
      routes.push({
        method: method.toUpperCase(),
        operationId,
        template,
        segments,
        serverPaths,
        atDocumentServers: own === undefined,
      });
    }
  }
  return routes;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

interface Candidate {
  readonly route: Route;
  readonly prefix: string;
  readonly pathParams: Record<string, string>;
}

/** Matches the decoded segments after `prefix` against a route's template. */
function matchAt(route: Route, prefix: string, pathname: string): Candidate | undefined {
  if (!pathname.startsWith(`${prefix}/`)) return undefined;
  const parts = pathname
    .slice(prefix.length + 1)
    .split("/")
    .map(safeDecode);
  if (parts.length !== route.segments.length) return undefined;
  const pathParams: Record<string, string> = {};
  for (const [index, segment] of route.segments.entries()) {
    const found = segment.regex.exec(parts[index] ?? "");
    if (found === null) return undefined;
    segment.names.forEach((name, at) => {
      pathParams[name] = found[at + 1] ?? "";
    });
  }
  return { route, prefix, pathParams };
}

/** Concrete paths before templated ones (OpenAPI 3.1 §4.8.8): fewer parameters, then more literal text. */
function specificity(candidate: Candidate): readonly [number, number] {
  const { segments } = candidate.route;
  const parameters = segments.reduce((sum, segment) => sum + segment.names.length, 0);
  const literal = segments.reduce((sum, segment) => sum + segment.literalLength, candidate.prefix.length);
  return [parameters, -literal];
}

function compareSpecificity(a: Candidate, b: Candidate): number {
  const [aParams, aLiteral] = specificity(a);
  const [bParams, bLiteral] = specificity(b);
  return aParams - bParams || aLiteral - bLiteral;
}

/**
 * The operation a request addresses. The path is matched first, the most specific one winning, and
 * then the method: `GET …/Users/.search` addresses the `.search` path, which has no GET, so it is no
 * operation rather than `getUser` of id `.search`. `basePath` replaces the path of the document's
 * servers (the SCIM base URL, `/scim/v2` in spec/openapi.yaml); path items with their own servers
 * (`/healthz`, `/api/…`) keep theirs.
 */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  url: URL | string,
  basePath?: string,
): OperationMatch | undefined {
  const { pathname } = new URL(url, "http://localhost/");
  const override = basePath === undefined ? undefined : normaliseBasePath(basePath);
  const candidates = routes.flatMap((route) => {
    const prefixes = route.atDocumentServers && override !== undefined ? [override] : route.serverPaths;
    return prefixes.flatMap((prefix) => matchAt(route, prefix, pathname) ?? []);
  });
  const best = candidates.sort(compareSpecificity)[0];
  if (best === undefined) return undefined;
  const wanted = method.toUpperCase();
  const found = candidates.find(
    (candidate) =>
      candidate.route.method === wanted &&
      candidate.route.template === best.route.template &&
      candidate.prefix === best.prefix,
  );
  return found === undefined
    ? undefined
    : { operationId: found.route.operationId, pathParams: found.pathParams };
}
