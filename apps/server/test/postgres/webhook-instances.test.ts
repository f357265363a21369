import { randomUUID } from "node:crypto";
import { ScimUrn } from "@scimkit/types";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freePort, type ServerProcess, startServerProcess } from "../reliability/server-process.js";
import {
  addReceiverEndpoint,
  outOfSequence,
  type ReceivedDelivery,
  startWebhookReceiver,
  type WebhookReceiver,
} from "../reliability/webhook-receiver.js";

/**
 * The delivery worker on two server processes over one PostgreSQL database (docs/events.md): they
 * share the deliveries through `FOR UPDATE SKIP LOCKED` claims under leases, so every event reaches
 * the receiver, each normally once, from either instance; and when one instance dies holding
 * deliveries, the other sends them once their lease (`WEBHOOK_LEASE_MS`) has run out.
 */
const url = process.env.TEST_POSTGRES_URL;
const LEASE_MS = 15_000;
const DRAIN_MS = 60_000;

/** `sql` on the test database at `database` (or the server's own database). */
async function query<T>(text: string, database?: string): Promise<T[]> {
  const target = new URL(url ?? "");
  if (database !== undefined) target.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The ids of every event the outbox holds, and how many deliveries are still pending. */
async function outbox(database: string) {
  const events = await query<{ id: string }>("select (body::json)->>'id' as id from events", database);
  const [pending] = await query<{ n: string }>(
    "select count(*) as n from webhook_deliveries where state = 'pending'",
    database,
  );
  return { ids: events.map((row) => row.id), pending: Number(pending?.n) };
}

/** The event ids an instance logged as delivered (the worker's `webhook delivered` lines). */
function loggedDeliveries(server: ServerProcess): string[] {
  return server.stdout
    .join("")
    .split("\n")
    .filter((line) => line.includes('"msg":"webhook delivered"'))
    .map((line) => String((JSON.parse(line) as { eventId: string }).eventId));
}

/** Every delivery of the event answered 2xx. */
const acknowledged = (deliveries: readonly ReceivedDelivery[], id: string) =>
  deliveries.some((d) => d.id === id && d.status !== undefined && d.status < 300);

describe.skipIf(url === undefined || url === "")(
  "webhook delivery by two instances on one PostgreSQL",
  () => {
    let database: string;
    let receiver: WebhookReceiver;
    let instances: ServerProcess[];
    let token: string;
    let adminToken: string;

    beforeEach(async () => {
      database = `scimkit_webhooks_${randomUUID().replaceAll("-", "")}`;
      await query(`create database ${database}`);
      const target = new URL(url ?? "");
      target.pathname = `/${database}`;
      receiver = await startWebhookReceiver();
      const env = { WEBHOOK_LEASE_MS: String(LEASE_MS) };
      // One after the other: the first migrates the empty database and prints the first tenant's tokens.
      instances = [];
      for (let i = 0; i < 2; i++)
        instances.push(await startServerProcess(target.toString(), await freePort(), { env }));
      token = instances[0]?.token ?? "";
      adminToken = instances[0]?.adminToken ?? "";
      expect(adminToken).toMatch(/^scimkit_/);
      await addReceiverEndpoint(instances[0]?.origin ?? "", adminToken, receiver);
    });
    afterEach(async () => {
      for (const instance of instances) await instance.stop("SIGKILL");
      await receiver.close();
      await query(`drop database ${database} with (force)`);
    });

    /**
     * Clients that create users and patch their titles, each request on the other instance than the
     * one before, so a user's changes commit through both.
     */
    async function writeLoad(loops: number, steps: number, patch = true) {
      const headers = { authorization: `Bearer ${token}`, "content-type": "application/scim+json" };
      await Promise.all(
        Array.from({ length: loops }, async (_, loop) => {
          const ids: string[] = [];
          for (let step = 0; step < steps; step++) {
            const scimUrl = `${instances[(loop + step) % 2]?.origin}/scim/v2`;
            const create = !patch || step % 3 === 0;
            const response = await fetch(
              create ? `${scimUrl}/Users` : `${scimUrl}/Users/${ids[step % ids.length]}`,
              {
                method: create ? "POST" : "PATCH",
                headers,
                body: JSON.stringify(
                  create
                    ? { schemas: [ScimUrn.User], userName: `w-${loop}-${step}@x.io` }
                    : {
                        schemas: [ScimUrn.PatchOp],
                        Operations: [{ op: "replace", path: "title", value: `t${step}` }],
                      },
                ),
              },
            );
            expect(response.status).toBe(create ? 201 : 200);
            const body = (await response.json()) as { id: string };
            if (create) ids.push(body.id);
          }
        }),
      );
    }

    /** Waits until every event of the outbox was acknowledged by the receiver and none is pending. */
    async function drain(): Promise<string[]> {
      const deadline = Date.now() + DRAIN_MS;
      for (;;) {
        const { ids, pending } = await outbox(database);
        if (pending === 0 && ids.every((id) => acknowledged(receiver.deliveries, id))) return ids;
        expect(Date.now(), `${pending} deliveries still pending`).toBeLessThan(deadline);
        await sleep(250);
      }
    }

    it("delivers every event once from either instance, verified and in order", async () => {
      const started = Date.now();
      await writeLoad(4, 150);
      const written = Date.now();
      const ids = await drain();
      const drained = Date.now();

      expect(receiver.failures()).toBe(0);
      const known = new Set(ids);
      expect(receiver.deliveries.filter((d) => !known.has(d.id))).toEqual([]);
      expect(outOfSequence(receiver.deliveries)).toEqual([]);
      const duplicates = receiver.duplicates();
      expect(duplicates.length).toBeLessThanOrEqual(Math.ceil(ids.length / 100));
      const perInstance = instances.map((instance) => loggedDeliveries(instance));
      expect(new Set(perInstance.flat())).toEqual(known);
      for (const delivered of perInstance) expect(delivered.length).toBeGreaterThan(0);

      console.log(
        [
          "webhooks from two instances (PostgreSQL):",
          `  events ${ids.length}, written in ${written - started} ms`,
          `  deliveries received ${receiver.deliveries.length}, duplicates ${duplicates.length}`,
          `  delivered per instance (their logs): ${perInstance.map((d) => d.length).join(" + ")}`,
          `  drained ${drained - written} ms after the last write`,
        ].join("\n"),
      );
    }, 120_000);

    it("sends the deliveries a killed instance held once their lease runs out, from the other", async () => {
      // The receiver holds every answer until the kill (at most 8 s, below the sender's 10 s timeout),
      // so each instance fills its 8 send slots and has attempts in flight when one dies.
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      receiver.answerWith(async () => {
        await Promise.race([released, sleep(8_000)]);
        return 200;
      });
      await writeLoad(2, 40, false);
      await receiver.waitUntil(
        () => receiver.deliveries.filter((d) => d.status === undefined).length >= 16,
        20_000,
        "both instances' send slots full",
      );
      const [killed, survivor] = instances as [ServerProcess, ServerProcess];
      await killed.stop("SIGKILL");
      const killedAt = Date.now();
      await sleep(200);
      release();
      receiver.answerWith(() => 200);
      const held = receiver.deliveries.filter((d) => d.hungUp).map((d) => d.id);
      expect(held.length).toBeGreaterThan(0);

      const ids = await drain();
      const drained = Date.now();
      const resent = held.map((id) =>
        receiver
          .byId()
          .get(id)
          ?.find((d) => d.status === 200),
      );
      expect(resent.every((d) => d !== undefined)).toBe(true);
      const survivorDelivered = new Set(loggedDeliveries(survivor));
      expect(held.filter((id) => !survivorDelivered.has(id))).toEqual([]);
      expect(receiver.failures()).toBe(0);
      const duplicates = receiver.duplicates();
      expect(duplicates.map((d) => d.id).sort()).toEqual([...held].sort());
      const firstResend = Math.min(...resent.map((d) => d?.at ?? Number.POSITIVE_INFINITY));
      // From each held delivery's first attempt to the survivor's: the rest of the lease, and a poll.
      const waits = held.map((id) => {
        const all = receiver.byId().get(id) ?? [];
        return (all.find((d) => d.status === 200)?.at ?? 0) - (all[0]?.at ?? 0);
      });

      console.log(
        [
          "webhooks after one of two instances is killed holding deliveries (PostgreSQL):",
          `  events ${ids.length}, deliveries received ${receiver.deliveries.length}, in flight at the kill ${held.length}`,
          `  duplicates ${duplicates.length} (the killed instance's attempts, sent again)`,
          `  held deliveries sent again ${firstResend - killedAt} ms after the kill, ${Math.min(...waits)}–${Math.max(...waits)} ms after their first attempt (lease ${LEASE_MS} ms)`,
          `  drained ${drained - killedAt} ms after the kill`,
        ].join("\n"),
      );
    }, 120_000);
  },
);
