import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import Koa from "koa";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpServer } from "../src/http/http-server.js";

/** A client that trickles its request (slowloris) is answered 408 and disconnected at the deadline. */
const servers: { close(callback: () => void): void }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(resolve))));
});

async function listening(requestTimeoutMs: number): Promise<number> {
  const app = new Koa();
  // Like the SCIM routes, the app reads the whole body before it answers.
  app.use(async (ctx) => {
    let length = 0;
    for await (const chunk of ctx.req) length += (chunk as Buffer).length;
    ctx.body = length === 0 ? "ok" : `read ${length}`;
  });
  const server = createHttpServer(app, { requestTimeoutMs });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** Sends `head` and never finishes the request; resolves with what the server sent and when it hung up. */
function trickle(port: number, head: string): Promise<{ reply: string; afterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, "127.0.0.1", () => socket.write(head));
    let reply = "";
    socket.on("data", (chunk) => {
      reply += chunk.toString("latin1");
    });
    socket.on("error", reject);
    socket.on("close", () => resolve({ reply, afterMs: performance.now() - started }));
    // Bounded: a server that never hangs up fails the test instead of hanging it.
    setTimeout(() => socket.destroy(), 10_000).unref();
  });
}

describe("request timeout", () => {
  it("answers 408 and closes a connection whose headers never finish", async () => {
    const port = await listening(1000);
    const { reply, afterMs } = await trickle(port, "GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\n");
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeLessThan(9000);
  });

  it("answers 408 to a body that stops arriving before its Content-Length", async () => {
    const port = await listening(1000);
    const { reply } = await trickle(
      port,
      "POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nContent-Type: application/scim+json\r\nContent-Length: 100\r\n\r\n{",
    );
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
  });

  it("serves a request that arrives in time", async () => {
    const port = await listening(1000);
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(await response.text()).toBe("ok");
  });
});
