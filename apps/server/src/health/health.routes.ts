import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Database } from "../db/database.js";
import type { HandlerGroup } from "../http/route-types.js";

/** Liveness and readiness for load balancers and orchestrators; no token needed. */
export function healthHandlers(
  db: Kysely<Database>,
  isShuttingDown: () => boolean,
): HandlerGroup<"getHealth" | "getReadiness"> {
  return {
    getHealth: async () => ({ status: 200, body: { status: "ok" } }),
    getReadiness: async (_request, { log }) => {
      if (isShuttingDown()) return { status: 503, body: { status: "unavailable", detail: "shutting down" } };
      try {
        await sql`select 1`.execute(db);
        return { status: 200, body: { status: "ok" } };
      } catch (err) {
        log.warn({ err }, "readiness check: database did not answer");
        return { status: 503, body: { status: "unavailable", detail: "database unavailable" } };
      }
    },
  };
}
