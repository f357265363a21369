import { ScimError } from "@scimkit/core";
import { errorOutput, scimErrorOutput } from "../http/error-output.js";
import type { OperationOutput } from "../http/operation-call.js";
import type { RouteMatch } from "../http/route-table.js";
import type { ScimLogger } from "../http/route-types.js";

/**
 * The answer for a request under the SCIM base that reaches no operation: OPTIONS on a known
 * path lists its methods (204 with Allow), another method there is 405 with Allow, and an
 * unknown path is 404 noSuchEndpoint, each as an RFC 7644 §3.12 body.
 */
export function unroutedOutput(
  match: Exclude<RouteMatch, { kind: "operation" }>,
  method: string,
  path: string,
  log: ScimLogger,
): OperationOutput {
  if (match.kind === "none") return errorOutput(ScimError.noSuchEndpoint(method, path), method, path, log);
  const allow = [...match.allowed, "OPTIONS"].join(", ");
  if (method === "OPTIONS") return { status: 204, headers: { Allow: allow } };
  return scimErrorOutput(ScimError.methodNotAllowed(method, path), { Allow: allow });
}
