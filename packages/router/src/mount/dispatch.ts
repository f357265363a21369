import { errorOutput } from "../http/error-output.js";
import {
  callOperation,
  handlerOf,
  type OperationInput,
  type OperationOutput,
} from "../http/operation-call.js";
import { routeTable } from "../http/route-table.js";
import type { ScimLogger } from "../http/route-types.js";
import { type ScimMount, scimOperationIds } from "./scim-options.js";
import { unroutedOutput } from "./unrouted.js";

/** A request as the mountings hand it over: its head, and how to build the operation's input once routed. */
export interface DispatchRequest {
  readonly method: string;
  readonly path: string;
  /** The request's logger, asked for only when something is logged. */
  readonly log: () => ScimLogger;
  readonly input: (pathParams: Readonly<Record<string, string>>) => OperationInput;
}

/**
 * Routes a request under the SCIM base to its operation and answers it; every mounting (Koa,
 * fetch) goes through here, so they route, authenticate and fail alike. Whatever is thrown
 * becomes a SCIM error response; nothing escapes to the host.
 */
export function scimDispatcher(mount: ScimMount) {
  const match = routeTable(scimOperationIds, mount.basePath);
  return async function dispatch(request: DispatchRequest): Promise<OperationOutput> {
    const found = match(request.method, request.path);
    if (found.kind !== "operation") return unroutedOutput(found, request.method, request.path, request.log());
    try {
      const input = request.input(found.pathParams);
      return await callOperation(found.id, handlerOf(mount.handlers, found.id), input, mount.deps);
    } catch (caught) {
      return errorOutput(caught, request.method, request.path, request.log());
    }
  };
}
