import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ScimUrn } from "@scimkit/types";
import SqliteDatabase from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, type ServerProcess, scimSender, startServerProcess } from "./server-process.js";
import {
  addReceiverEndpoint,
  outOfSequence,
  resourceOf,
  startWebhookReceiver,
  type WebhookReceiver,
} from "./webhook-receiver.js";

/**
 * Webhooks across a crash (docs/events.md: the outbox is written in the change's transaction, and
 * deliveries are read back from it): the built server on a SQLite file delivers to a real receiver
 * while several clients write, is killed with SIGKILL mid-load, and restarts on the same file. Every
 * acknowledged change must reach the receiver, nothing may arrive that did not commit, every
 * delivery must verify, a repeat must be the same bytes under the same id, and each resource's
 * events must first arrive in sequence order.
 */
const LOOPS = 4;
/** Acknowledged writes after which the server is killed. */
const KILL_AFTER = 1_500;
/** The worker polls every second; everything owed should be out well within this after the restart. */
const DRAIN_MS = 45_000;

/** A user one loop created and patches alone, in order: how many of its PATCHes were acknowledged. */
interface Tracked {
  readonly id: string;
  patched: number;
}

const dir = mkdtempSync(join(tmpdir(), "scimkit-webhook-crash-"));
const file = join(dir, "scimkit.db");
const running: ServerProcess[] = [];
const receivers: WebhookReceiver[] = [];
afterAll(async () => {
  for (const server of running) await server.stop("SIGKILL");
  for (const receiver of receivers) await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(port: number): Promise<ServerProcess> {
  const server = await startServerProcess(`sqlite:${file}`, port);
  running.push(server);
  return server;
}

/** How many of the endpoint's deliveries are still pending. */
async function pendingDeliveries(origin: string, adminToken: string, endpointId: string): Promise<number> {
  const response = await fetch(`${origin}/api/webhooks/${endpointId}/deliveries?state=pending&count=1`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { totalResults: number }).totalResults;
}

/** One client: creates a user, then patches the title of two of its own, until the server is gone. */
async function writeLoop(loop: number, scimUrl: string, token: string, load: { acked: number }) {
  const users: Tracked[] = [];
  const send = scimSender(scimUrl, token);
  try {
    for (let step = 0; ; step++) {
      if (step % 3 === 0) {
        const userName = `hook-${loop}-${step}@x.io`;
        const response = await send("POST", "/Users", { schemas: [ScimUrn.User], userName, title: "t0" });
        expect(response.status).toBe(201);
        users.push({ id: String(((await response.json()) as { id: string }).id), patched: 0 });
      } else {
        const user = users[step % users.length] as Tracked;
        const response = await send("PATCH", `/Users/${user.id}`, {
          schemas: [ScimUrn.PatchOp],
          Operations: [{ op: "replace", path: "title", value: `t${user.patched + 1}` }],
        });
        expect(response.status).toBe(200);
        await response.arrayBuffer();
        user.patched += 1;
      }
      load.acked += 1;
    }
  } catch (error) {
    // The kill: the request in flight fails with a network error, and the loop stops.
    if (!(error instanceof TypeError)) throw error;
  }
  return users;
}

/** Each acknowledged change as the event it must have sent: `User/<id>#<sequence> <type>`. */
function expectedEvents(tracked: readonly Tracked[]): string[] {
  return tracked.flatMap((user) => [
    `User/${user.id}#1 user.created`,
    ...Array.from({ length: user.patched }, (_, i) => `User/${user.id}#${i + 2} user.updated`),
  ]);
}

/** What the receiver has, in the form of {@link expectedEvents}. */
function receivedEvents(receiver: WebhookReceiver): Set<string> {
  return new Set(
    receiver.deliveries.flatMap(({ event }) =>
      event === undefined ? [] : [`${resourceOf(event)}#${event.sequence} ${event.type}`],
    ),
  );
}

/** The ids of the events the file holds (the committed outbox), read directly. */
function committedEventIds(path: string): string[] {
  const sqlite = new SqliteDatabase(path, { readonly: true });
  try {
    return (
      sqlite.prepare("select json_extract(body, '$.id') as id from events").all() as { id: string }[]
    ).map((row) => row.id);
  } finally {
    sqlite.close();
  }
}

describe("webhook deliveries across a SIGKILL in the middle of a write load", () => {
  it("delivers every acknowledged change, only committed ones, verified, in order, repeats byte-identical", async () => {
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);
    const port = await freePort();
    const first = await start(port);
    const token = first.token ?? "";
    const adminToken = first.adminToken ?? "";
    expect(token).toMatch(/^scimkit_/);
    expect(adminToken).toMatch(/^scimkit_/);
    const endpoint = await addReceiverEndpoint(first.origin, adminToken, receiver);

    const scimUrl = `${first.origin}/scim/v2`;
    const load = { acked: 0 };
    const started = Date.now();
    const loops = Array.from({ length: LOOPS }, (_, loop) => writeLoop(loop, scimUrl, token, load));
    // A loop that ends before the kill failed an assertion: stop waiting and report it.
    let ended = false;
    for (const loop of loops) void loop.finally(() => (ended = true)).catch(() => undefined);
    while (load.acked < KILL_AFTER && !ended) await new Promise((resolve) => setTimeout(resolve, 20));
    await first.stop("SIGKILL");
    const killedAt = Date.now();
    const beforeKill = receiver.deliveries.length;
    const tracked = (await Promise.all(loops)).flat();
    const expected = expectedEvents(tracked);

    const second = await start(port);
    const restarted = Date.now();
    await receiver.waitUntil(
      () => {
        const received = receivedEvents(receiver);
        return expected.every((event) => received.has(event));
      },
      DRAIN_MS,
      "every acknowledged change's event",
    );
    const allAcked = Date.now();
    const deadline = Date.now() + DRAIN_MS;
    while ((await pendingDeliveries(second.origin, adminToken, endpoint.id)) > 0) {
      expect(Date.now(), "pending deliveries left").toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const drained = Date.now();
    await second.stop("SIGTERM");

    const received = receivedEvents(receiver);
    expect(expected.filter((event) => !received.has(event))).toEqual([]);
    const committed = new Set(committedEventIds(file));
    const delivered = receiver.byId();
    expect([...delivered.keys()].filter((id) => !committed.has(id))).toEqual([]);
    expect([...committed].filter((id) => !delivered.has(id))).toEqual([]);
    expect(receiver.failures()).toBe(0);
    const duplicates = receiver.duplicates();
    expect(outOfSequence(receiver.deliveries)).toEqual([]);

    console.log(
      [
        "webhooks across a SIGKILL (SQLite file):",
        `  acknowledged writes ${load.acked} in ${killedAt - started} ms, users ${tracked.length}`,
        `  events committed ${committed.size} (acknowledged ${expected.length})`,
        `  deliveries received ${receiver.deliveries.length} (${beforeKill} before the kill)`,
        `  duplicates ${duplicates.length}: ${duplicates
          .slice(0, 10)
          .map((d) => `${d.id}×${d.times}`)
          .join(" ")}`,
        `  after the restart: every acknowledged change in ${allAcked - restarted} ms, nothing pending in ${drained - restarted} ms`,
      ].join("\n"),
    );
  }, 120_000);
});
