import { type OperationId, operations } from "@scimkit/types";

/** Where a request lands: an operation with its path captures, a known path without this method, or nowhere. */
export type RouteMatch<Ids extends OperationId = OperationId> =
  | {
      readonly kind: "operation";
      readonly id: Ids;
      readonly pathParams: Readonly<Record<string, string>>;
    }
  | { readonly kind: "method"; readonly allowed: readonly string[] }
  | { readonly kind: "none" };

interface Route<Ids extends OperationId> {
  readonly id: Ids;
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

/** A captured path segment, percent-decoded; a malformed escape is kept as sent (it names no resource). */
function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** `/Users/{id}` under `base` → a case-insensitive pattern with one capture per parameter and an optional trailing slash. */
function compile(base: string, template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = (base + template)
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
      names.push(name);
      return "([^/]+)";
    })
    .join("");
  return { pattern: new RegExp(`^${source}/?$`, "i"), names };
}

/**
 * Routes requests to the operations `ids` of spec/openapi.yaml, mounted under `basePath` (the
 * spec's own paths, e.g. `/Users/{id}`, follow it). Paths match case-insensitively with an
 * optional trailing slash, as @koa/router matches them; a path with fixed segments wins over one
 * with a parameter (`/Users/.search` before `/Users/{id}`). HEAD is routed as GET.
 */
export function routeTable<Ids extends OperationId>(ids: readonly Ids[], basePath: string) {
  const base = basePath.replace(/\/+$/, "");
  const routes: Route<Ids>[] = ids
    .map((id) => {
      const meta = operations[id];
      return { id, method: meta.method.toUpperCase(), ...compile(base, meta.path) };
    })
    .sort((a, b) => a.names.length - b.names.length);
  return function match(method: string, pathname: string): RouteMatch<Ids> {
    const wanted = method === "HEAD" ? "GET" : method;
    const allowed: string[] = [];
    for (const route of routes) {
      const found = route.pattern.exec(pathname);
      if (found === null) continue;
      if (route.method !== wanted) {
        if (!allowed.includes(route.method)) allowed.push(route.method);
        continue;
      }
      const pathParams: Record<string, string> = {};
      route.names.forEach((name, index) => {
        pathParams[name] = decodeSegment(found[index + 1] ?? "");
      });
      return { kind: "operation", id: route.id, pathParams };
    }
    return allowed.length > 0 ? { kind: "method", allowed } : { kind: "none" };
  };
}
