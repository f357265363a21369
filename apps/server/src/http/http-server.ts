import { createServer, type Server } from "node:http";
import type Koa from "koa";

/**
 * The HTTP server for the app. A client that has not sent its whole request (headers and body)
 * within `requestTimeoutMs` gets 408 and is disconnected, so slow senders cannot hold connections
 * open (Node's defaults are 60 s for headers and 300 s for the request); deadlines are checked
 * every second rather than every 30 s.
 */
export function createHttpServer(app: Koa, options: { readonly requestTimeoutMs: number }): Server {
  return createServer(
    {
      requestTimeout: options.requestTimeoutMs,
      headersTimeout: Math.min(options.requestTimeoutMs, 60_000),
      connectionsCheckingInterval: Math.min(1000, options.requestTimeoutMs),
    },
    app.callback(),
  );
}
