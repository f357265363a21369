import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { ScimError } from "@scimkit/core";
import { consumedBody } from "../http/json-body.js";
import { SCIM_CONTENT_TYPE } from "../http/media-type.js";
import type { ScimFetchHandler } from "./fetch-handler.js";

/**
 * A Node request as Express hands it over: `originalUrl` keeps the path its mount point cut off,
 * and `body` is what a body parser mounted before scimkit read (Express's `express.json()`).
 */
type NodeRequest = IncomingMessage & { readonly originalUrl?: string; readonly body?: unknown };

/**
 * A fetch handler as a Node `(req, res)` listener, for Express (`app.use("/scim/v2",
 * toNodeListener(handler))`, mounted before any body parser), Fastify (`reply.hijack()` then the
 * listener on `request.raw, reply.raw`) and `node:http`. The request body is streamed through,
 * never buffered beyond the handler's limit; when a body parser mounted before it has read the
 * stream already, what it parsed is handed on instead.
 */
export function toNodeListener(handler: ScimFetchHandler) {
  return async (req: NodeRequest, res: ServerResponse): Promise<void> => {
    try {
      await answer(req, res);
    } catch {
      // The handler answers every error itself; only a request Node cannot even turn into a
      // fetch Request (a malformed Host header) or a dropped connection ends here.
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.statusCode = 400;
      res.setHeader("Content-Type", SCIM_CONTENT_TYPE);
      res.end(JSON.stringify(ScimError.invalidSyntax("The request could not be read.").toBody()));
    }
  };

  async function answer(req: NodeRequest, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? "localhost";
    const secure = (req.socket as { encrypted?: boolean }).encrypted === true;
    const url = new URL(req.originalUrl ?? req.url ?? "/", `${secure ? "https" : "http"}://${host}`);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const parsed = hasBody ? consumedBody(req.readableEnded, req.body) : undefined;
    if (parsed !== undefined) headers.delete("content-length");
    const body = parsed ?? (Readable.toWeb(req) as ReadableStream<Uint8Array>);
    const request = new Request(url, {
      method: req.method ?? "GET",
      headers,
      ...(hasBody ? { body, duplex: "half" } : {}),
    } as RequestInit);
    const response = await handler(request);
    res.statusCode = response.status;
    response.headers.forEach((value, name) => {
      res.setHeader(name, value);
    });
    res.end(Buffer.from(await response.arrayBuffer()));
  }
}
