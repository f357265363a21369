import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhook } from "@scimkit/client";
import type { ProvisioningEvent } from "@scimkit/types";
import { expect } from "vitest";

/**
 * A webhook receiver as an integrator runs one: a real HTTP server on 127.0.0.1 that keeps every
 * delivery as it arrived (headers, the raw body bytes, the time), verifies each one with
 * `verifyWebhook` from @scimkit/client, and answers 200 unless a test programs another answer.
 */

/** One request the receiver got: one attempt of one delivery. */
export interface ReceivedDelivery {
  /** The `webhook-id` header: the event's id. */
  readonly id: string;
  readonly headers: IncomingHttpHeaders;
  /** The body exactly as received. */
  readonly body: Buffer;
  /** When the whole body had arrived (`Date.now()`). */
  readonly at: number;
  /** The verified event; undefined until verified, or when verification failed. */
  event: ProvisioningEvent | undefined;
  /** Why verification failed, when it did. */
  failure: string | undefined;
  /** The status answered; undefined while the answer is pending or when the sender hung up first. */
  status: number | undefined;
  /** The sender closed the connection before the answer was sent (e.g. it was killed). */
  hungUp: boolean;
}

/** Decides the answer to a delivery: a status, after as long as the promise takes. */
export type Answer = (delivery: ReceivedDelivery) => number | Promise<number>;

/** A running receiver. */
export interface WebhookReceiver {
  /** Where to point the endpoint. */
  readonly url: string;
  /** Every request so far, in arrival order. */
  readonly deliveries: readonly ReceivedDelivery[];
  /** Deliveries that did not verify so far. */
  readonly failures: () => number;
  /** The endpoint's `whsec_` secret: what arrived before is verified now, what arrives later on receipt. */
  useSecret(secret: string): void;
  /** Replaces the answer (200 by default). */
  answerWith(answer: Answer): void;
  /** Every delivery of each event id, in arrival order. */
  byId(): Map<string, ReceivedDelivery[]>;
  /**
   * Ids delivered more than once, with how often. Asserts that every repeat carried exactly the
   * bytes of the first delivery: a re-delivery is the same event, not a new one under its id.
   */
  duplicates(): { id: string; times: number }[];
  /** Resolves once `predicate` holds, checked every 50 ms; rejects after `timeoutMs` naming `what`. */
  waitUntil(predicate: () => boolean, timeoutMs: number, what: string): Promise<void>;
  close(): Promise<void>;
}

/** The resource an event is about (`User/<id>`, `Group/<id>`), whose `sequence` orders it. */
export function resourceOf(event: ProvisioningEvent): string {
  const { data } = event;
  if ("user" in data) return `User/${data.user.id}`;
  if ("group" in data) return `Group/${data.group.id}`;
  return `${event.type}/${event.tenantId}`;
}

/**
 * Resources whose events did not first arrive in increasing `sequence` order (docs/events.md): a
 * re-delivery may come late, but the first arrival of each event follows its resource's order.
 */
export function outOfSequence(deliveries: readonly ReceivedDelivery[]): string[] {
  const firsts = new Map<string, number[]>();
  const seen = new Set<string>();
  for (const { id, event } of deliveries) {
    if (event === undefined || seen.has(id)) continue;
    seen.add(id);
    const resource = resourceOf(event);
    firsts.set(resource, [...(firsts.get(resource) ?? []), event.sequence]);
  }
  return [...firsts]
    .filter(([, sequences]) => sequences.some((s, i) => i > 0 && s <= (sequences[i - 1] ?? 0)))
    .map(([resource, sequences]) => `${resource}: ${sequences.join(",")}`);
}

/** Adds an endpoint for every event type pointing at `receiver` through `/api/webhooks`, and hands it the secret. */
export async function addReceiverEndpoint(
  origin: string,
  adminToken: string,
  receiver: WebhookReceiver,
): Promise<{ id: string }> {
  const response = await fetch(`${origin}/api/webhooks`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ url: receiver.url }),
  });
  expect(response.status).toBe(201);
  const created = (await response.json()) as { id: string; secret: string };
  expect(created.secret).toMatch(/^whsec_/);
  receiver.useSecret(created.secret);
  return { id: created.id };
}

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? value.join(" ") : (value ?? "");
}

/** Starts a receiver on a free port of 127.0.0.1. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: ReceivedDelivery[] = [];
  let secret: string | undefined;
  let answer: Answer = () => 200;

  function verify(delivery: ReceivedDelivery, key: string) {
    try {
      delivery.event = verifyWebhook(key, delivery.headers, delivery.body);
    } catch (error) {
      delivery.failure = error instanceof Error ? error.message : String(error);
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const delivery: ReceivedDelivery = {
        id: header(req.headers, "webhook-id"),
        headers: req.headers,
        body: Buffer.concat(chunks),
        at: Date.now(),
        event: undefined,
        failure: undefined,
        status: undefined,
        hungUp: false,
      };
      deliveries.push(delivery);
      if (secret !== undefined) verify(delivery, secret);
      res.on("close", () => {
        if (!res.writableFinished) delivery.hungUp = true;
      });
      void Promise.resolve(answer(delivery)).then((status) => {
        if (res.destroyed) return;
        res.writeHead(status).end();
        delivery.status = status;
      });
    });
  });
  // A sender killed mid-request resets its connections; that is what some tests do on purpose.
  server.on("clientError", (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const byId = () => {
    const ids = new Map<string, ReceivedDelivery[]>();
    for (const delivery of deliveries) ids.set(delivery.id, [...(ids.get(delivery.id) ?? []), delivery]);
    return ids;
  };

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    deliveries,
    failures: () => deliveries.filter((delivery) => delivery.failure !== undefined).length,
    useSecret(key) {
      secret = key;
      for (const delivery of deliveries)
        if (delivery.event === undefined && delivery.failure === undefined) verify(delivery, key);
    },
    answerWith(next) {
      answer = next;
    },
    byId,
    duplicates() {
      const repeated = [...byId()].filter(([, all]) => all.length > 1);
      for (const [id, [first, ...again]] of repeated)
        for (const repeat of again) expect(repeat.body.equals(first?.body ?? Buffer.alloc(0)), id).toBe(true);
      return repeated.map(([id, all]) => ({ id, times: all.length }));
    },
    async waitUntil(predicate, timeoutMs, what) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
