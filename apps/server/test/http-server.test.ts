import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import Koa from "koa";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpServer } from "../src/http/http-server.js";

/**
 * What Node's HTTP layer refuses before any route runs still gets a SCIM error body: a client that
 * trickles its request (slowloris) gets 408 at the deadline, an oversized header block 431, a
 * malformed request 400.
 */
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

function scimBody(reply: string): unknown {
  expect(reply).toContain("Content-Type: application/scim+json");
  return JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4));
}

describe("the HTTP server", () => {
  it("answers 408 and closes a connection whose headers never finish", async () => {
    const port = await listening(1000);
    const { reply, afterMs } = await trickle(port, "GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\n");
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(scimBody(reply)).toEqual(expect.objectContaining({ status: "408" }));
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

  it("answers 431 with a SCIM error body when the headers exceed 16 KiB", async () => {
    const port = await listening(5000);
    const { reply } = await trickle(
      port,
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 431/);
    expect(scimBody(reply)).toEqual(expect.objectContaining({ status: "431" }));
  });

  it("answers 400 with a SCIM error body to a request that is not HTTP", async () => {
    const port = await listening(5000);
    const { reply } = await trickle(port, "HELLO\r\n\r\n");
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect(scimBody(reply)).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      status: "400",
      detail: "The request is not valid HTTP/1.1.",
    });
  });

  it("serves a request that arrives in time", async () => {
    const port = await listening(1000);
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(await response.text()).toBe("ok");
  });
});
