import type { HandlerGroup, Store } from "@scimkit/router";

/** Liveness and readiness for load balancers and orchestrators; no token needed. */
export function healthHandlers(
  store: Store,
  isShuttingDown: () => boolean,
): HandlerGroup<"getHealth" | "getReadiness"> {
  return {
    getHealth: async () => ({ status: 200, body: { status: "ok" } }),
    getReadiness: async (_request, { log }) => {
      if (isShuttingDown()) return { status: 503, body: { status: "unavailable", detail: "shutting down" } };
      try {
        await store.ping();
        return { status: 200, body: { status: "ok" } };
      } catch (err) {
        log.warn({ err }, "readiness check: database did not answer");
        return { status: 503, body: { status: "unavailable", detail: "database unavailable" } };
      }
    },
  };
}
