import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { newWebhookSecret } from "./secret-box.js";
import { sendWebhook, type WebhookMessage } from "./webhook-sender.js";

interface Received {
  readonly path: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: Buffer;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A receiver on 127.0.0.1 that records each request and answers with `answer`. */
async function receiver(answer: (req: Received, res: ServerResponse) => void = (_r, res) => res.end()) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const entry = { path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) };
      received.push(entry);
      answer(entry, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { received, port, url: `http://127.0.0.1:${port}/hook` };
}

const body = '{"id":"evt_1","type":"user.created","data":{"name":"Zoë \\u2028"}}';

function message(url: string, secrets = [newWebhookSecret()]): WebhookMessage {
  return { url, eventId: "evt_1", body, secrets, at: new Date() };
}

function signedHeaders(headers: IncomingMessage["headers"]) {
  return {
    "webhook-id": String(headers["webhook-id"]),
    "webhook-timestamp": String(headers["webhook-timestamp"]),
    "webhook-signature": String(headers["webhook-signature"]),
  };
}

describe("sendWebhook", () => {
  it("posts the body byte for byte with headers standardwebhooks verifies", async () => {
    const { received, url } = await receiver((_r, res) => res.writeHead(204).end());
    const secret = newWebhookSecret();
    const result = await sendWebhook(message(url, [secret]));
    expect(result).toMatchObject({ status: 204, error: null });
    const [request] = received;
    expect(request?.body.equals(Buffer.from(body, "utf8"))).toBe(true);
    expect(request?.headers).toMatchObject({
      "content-type": "application/json",
      "webhook-id": "evt_1",
      "user-agent": expect.stringMatching(/^scimkit-webhooks\//),
    });
    expect(String(request?.headers["webhook-signature"])).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const headers = signedHeaders(request?.headers ?? {});
    expect(() => new Webhook(secret).verify(request?.body.toString("utf8") ?? "", headers)).not.toThrow();
  });

  it("signs once per secret during a rotation, each verifiable on its own", async () => {
    const { received, url } = await receiver();
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    await sendWebhook(message(url, [current, previous]));
    const headers = signedHeaders(received[0]?.headers ?? {});
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    for (const secret of [current, previous]) {
      expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
    }
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
  });

  it("refuses a loopback target with blockPrivate, before connecting", async () => {
    const { received, url } = await receiver();
    const result = await sendWebhook(message(url), { blockPrivate: true });
    expect(result).toMatchObject({ status: null, error: expect.stringMatching(/private address/) });
    expect(received).toHaveLength(0);
  });

  it("refuses a name that resolves to loopback with blockPrivate, at connect time", async () => {
    const { received, port } = await receiver();
    const result = await sendWebhook(message(`http://localhost:${port}/hook`), { blockPrivate: true });
    expect(result).toMatchObject({ status: null, error: expect.stringMatching(/private address/) });
    expect(received).toHaveLength(0);
  });

  it.each([
    ["IPv4-mapped loopback", (port: number) => `http://[::ffff:127.0.0.1]:${port}/`],
    ["a decimal IPv4 spelling", (port: number) => `http://2130706433:${port}/`],
    ["0.0.0.0", (port: number) => `http://0.0.0.0:${port}/`],
  ])("refuses %s with blockPrivate", async (_name, urlOf) => {
    const { received, port } = await receiver();
    const result = await sendWebhook(message(urlOf(port)), { blockPrivate: true });
    expect(result.error).toMatch(/private address/);
    expect(received).toHaveLength(0);
  });

  it("does not follow a redirect", async () => {
    const { received, url } = await receiver((req, res) =>
      req.path === "/hook" ? res.writeHead(307, { location: "/elsewhere" }).end() : res.end(),
    );
    const result = await sendWebhook(message(url));
    expect(result).toMatchObject({ status: 307, error: "redirect not followed (HTTP 307)" });
    expect(received.map((r) => r.path)).toEqual(["/hook"]);
  });

  it("reports a failure's status and Retry-After, never its body", async () => {
    const { url } = await receiver((_r, res) =>
      res.writeHead(503, { "retry-after": "120" }).end("secret stack trace"),
    );
    const result = await sendWebhook(message(url));
    expect(result).toMatchObject({ status: 503, error: "HTTP 503", retryAfter: "120" });
    expect(JSON.stringify(result)).not.toContain("stack trace");
  });

  it("gives up on a receiver that does not answer", async () => {
    const { url } = await receiver(() => undefined);
    const result = await sendWebhook(message(url), { timeoutMs: 100 });
    expect(result).toMatchObject({ status: null, error: "timed out after 100 ms" });
  });

  it("stops reading an endless response at the size limit", async () => {
    const { url } = await receiver((_r, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(16 * 1024, 120);
      const write = () => {
        while (!res.destroyed && res.write(chunk)) {
          // fill the socket
        }
        if (!res.destroyed) res.once("drain", write);
      };
      write();
    });
    const result = await sendWebhook(message(url), { maxResponseBytes: 64 * 1024, timeoutMs: 60_000 });
    expect(result).toMatchObject({ status: 200, error: null });
  });

  it("reports a connection refused", async () => {
    const { port } = await receiver();
    const [server] = servers.splice(0);
    await new Promise((resolve) => server?.close(resolve));
    const result = await sendWebhook(message(`http://127.0.0.1:${port}/hook`));
    expect(result).toMatchObject({ status: null, error: "connection refused" });
  });

  it.each([
    ["a URL that does not parse", "not a url"],
    ["another scheme", "ftp://example.com/hook"],
  ])("refuses %s", async (_name, url) => {
    expect(await sendWebhook(message(url))).toMatchObject({ status: null, error: expect.any(String) });
  });
});
