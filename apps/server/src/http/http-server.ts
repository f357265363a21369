import { createServer, type Server } from "node:http";
import type { Socket } from "node:net";
import { SCIM_CONTENT_TYPE } from "@scimkit/router";
import { ScimUrn } from "@scimkit/types";
import type Koa from "koa";

/** Node's parser errors that reach no route, with the status they get (RFC 7644 §3.12 bodies). */
function parserErrorStatus(code: string | undefined): { status: number; reason: string; detail: string } {
  if (code === "HPE_HEADER_OVERFLOW")
    return {
      status: 431,
      reason: "Request Header Fields Too Large",
      detail: "The request line and headers exceed 16 KiB.",
    };
  if (code === "ERR_HTTP_REQUEST_TIMEOUT")
    return { status: 408, reason: "Request Timeout", detail: "The request did not arrive in time." };
  return { status: 400, reason: "Bad Request", detail: "The request is not valid HTTP/1.1." };
}

/**
 * Answers a request Node's HTTP parser refused (an oversized header block, a malformed request
 * line, a request that did not arrive in time) with a SCIM error body, as every other error, and
 * closes the connection: Node's own answer has no body.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || error.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  const { status, reason, detail } = parserErrorStatus(error.code);
  const body = JSON.stringify({ schemas: [ScimUrn.Error], status: String(status), detail });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${SCIM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The HTTP server for the app. A client that has not sent its whole request (headers and body)
 * within `requestTimeoutMs` gets 408 and is disconnected, so slow senders cannot hold connections
 * open (Node's defaults are 60 s for headers and 300 s for the request); deadlines are checked
 * every second rather than every 30 s.
 */
export function createHttpServer(app: Koa, options: { readonly requestTimeoutMs: number }): Server {
  const server = createServer(
    {
      requestTimeout: options.requestTimeoutMs,
      headersTimeout: Math.min(options.requestTimeoutMs, 60_000),
      connectionsCheckingInterval: Math.min(1000, options.requestTimeoutMs),
    },
    app.callback(),
  );
  server.on("clientError", answerClientError);
  return server;
}
