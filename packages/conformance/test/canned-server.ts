import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** What the canned server answers: a status, an optional Content-Type and a body (objects as JSON). */
export interface CannedReply {
  readonly status: number;
  readonly contentType?: string;
  readonly body?: unknown;
}

/** A fixed reply, or one chosen per request (by method and URL). */
export type CannedReplies = CannedReply | ((request: IncomingMessage) => CannedReply);

function encodeBody(body: unknown): string {
  if (body === undefined) return "";
  return typeof body === "string" ? body : JSON.stringify(body);
}

/**
 * Runs `test` against a `node:http` server on 127.0.0.1 that answers with canned replies, passing
 * its origin (`http://127.0.0.1:PORT`), and closes the server afterwards. Each test gets its own.
 */
export async function withCannedServer<T>(
  replies: CannedReplies,
  test: (origin: string) => Promise<T>,
): Promise<T> {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const reply = typeof replies === "function" ? replies(request) : replies;
      const headers = reply.contentType === undefined ? {} : { "Content-Type": reply.contentType };
      response.writeHead(reply.status, headers).end(encodeBody(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await test(`http://127.0.0.1:${port}`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  }
}
