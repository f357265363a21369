import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One request a receiver took: its headers and its body exactly as the bytes came. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A webhook receiver on 127.0.0.1 that records every request and answers as told. */
export interface Receiver {
  /** Its origin, e.g. `http://127.0.0.1:40123`. */
  readonly origin: string;
  readonly requests: readonly ReceivedRequest[];
  /** The `webhook-id` header of each request, in arrival order. */
  readonly ids: () => string[];
  /** The next requests get these answers, in order (then 204 again). */
  readonly answerNext: (...answers: Answer[]) => void;
  readonly close: () => Promise<void>;
}

export interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
}

const ACCEPTED: Answer = { status: 204 };

/** Starts a receiver on a free port of 127.0.0.1 (the server's worker may send there: it blocks no private address by default). */
export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const answers: Answer[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const answer = answers.shift() ?? ACCEPTED;
      response.writeHead(answer.status, answer.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    ids: () => requests.map((request) => String(request.headers["webhook-id"])),
    answerNext: (...next) => answers.push(...next),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
