import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { summarize } from "./latency-summary.js";
import type { ReceiverReply, ReceiverRequest, ReceiverStats } from "./webhook-receiver-client.js";

// The webhook receiver of the delivery scenarios, forked by webhook-receiver-client.ts: a healthy
// endpoint on 127.0.0.1 that answers every POST 204 as soon as its body is in. Per distinct
// `webhook-id` (the event's id, the same on every attempt) it records when the first attempt
// arrived and how long that was after the event's `timestamp`, which the server takes in the
// write's transaction, just before the commit. Signatures are not verified: that is the receiver's
// CPU, not the server's, and the console's end-to-end tests verify them.

class Deliveries {
  #seen = new Set<string>();
  #latencies: number[] = [];
  #received = 0;
  #duplicates = 0;
  #invalid = 0;
  #firstAt = 0;
  #lastNewAt = 0;

  record(id: string | undefined, body: string, at: number): void {
    this.#received += 1;
    if (this.#firstAt === 0) this.#firstAt = at;
    const timestamp = id === undefined ? Number.NaN : timestampOf(body);
    if (id === undefined || Number.isNaN(timestamp)) {
      this.#invalid += 1;
      return;
    }
    if (this.#seen.has(id)) {
      this.#duplicates += 1;
      return;
    }
    this.#seen.add(id);
    this.#latencies.push(at - timestamp);
    this.#lastNewAt = at;
  }

  stats(): ReceiverStats {
    return {
      received: this.#received,
      distinct: this.#seen.size,
      duplicates: this.#duplicates,
      invalid: this.#invalid,
      firstAt: this.#firstAt,
      lastNewAt: this.#lastNewAt,
      latency: summarize(this.#latencies),
    };
  }
}

/** The event's `timestamp` in epoch ms; NaN when the body is not an event. */
function timestampOf(body: string): number {
  try {
    const { timestamp } = JSON.parse(body) as { timestamp?: unknown };
    return typeof timestamp === "string" ? Date.parse(timestamp) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

let deliveries = new Deliveries();

function answer(req: IncomingMessage, res: ServerResponse): void {
  // The arrival is when the request's head is in: the attempt has reached the receiver.
  const at = Date.now();
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const id = req.headers["webhook-id"];
    if (req.method === "POST") {
      deliveries.record(typeof id === "string" ? id : undefined, Buffer.concat(chunks).toString("utf8"), at);
    }
    res.writeHead(req.method === "POST" ? 204 : 405).end();
  });
}

function reply(message: ReceiverReply): void {
  process.send?.(message);
}

const server = createServer(answer);
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("the receiver has no port");
  reply({ type: "listening", port: address.port });
});

process.on("message", (request: ReceiverRequest) => {
  if (request.type === "reset") deliveries = new Deliveries();
  reply({ type: "stats", stats: deliveries.stats() });
});
// The orchestrator closing the channel (done, crashed, Ctrl-C) ends the receiver at once.
process.on("disconnect", () => process.exit(0));
