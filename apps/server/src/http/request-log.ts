import { requestIdFrom } from "@scimkit/router";
import type { Context, Next } from "koa";
import type { Logger } from "pino";

/**
 * Gives each request an id (a caller's sane `X-Request-Id`, else a new UUID), a child logger
 * carrying it, and one structured line when it ends. Only the method, the path (never the
 * query string, which may carry personal data), status and duration are logged: never headers,
 * so never a token, and never bodies, so never a password.
 */
export function requestLog(logger: Logger) {
  return async function logRequest(ctx: Context, next: Next): Promise<void> {
    const requestId = requestIdFrom(ctx.get("x-request-id"));
    ctx.state.requestId = requestId;
    // The child logger is made only when a handler logs something (most requests never do).
    let log: Logger | undefined;
    Object.defineProperty(ctx.state, "log", {
      get: () => {
        log ??= logger.child({ requestId });
        return log;
      },
    });
    ctx.set("X-Request-Id", requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      logger.info(
        { requestId, method: ctx.method, path: ctx.path, status: ctx.status, durationMs },
        "request",
      );
    }
  };
}
