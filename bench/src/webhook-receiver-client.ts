import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { LatencySummary } from "./latency-summary.js";
import { sleep, track, waitForExit } from "./processes.js";

// The orchestrator's side of the webhook receiver (webhook-receiver.ts): forks it, and asks it over
// IPC what has arrived. One request at a time is in flight; each reply answers the last request.

const RECEIVER = fileURLToPath(new URL("./webhook-receiver.js", import.meta.url));

/** What the receiver has seen since its last reset. Times are epoch milliseconds (`Date.now()`). */
export interface ReceiverStats {
  /** POSTs answered, repeats of an id included. */
  readonly received: number;
  /** Distinct `webhook-id`s: the events delivered. */
  readonly distinct: number;
  /** POSTs whose `webhook-id` had arrived before (a retry or a second delivery). */
  readonly duplicates: number;
  /** POSTs without a `webhook-id` or a body with a `timestamp`. */
  readonly invalid: number;
  /** When the first POST arrived; 0 before any. */
  readonly firstAt: number;
  /** When the last new id arrived; 0 before any. */
  readonly lastNewAt: number;
  /** Per new id: its arrival minus the event's `timestamp`. */
  readonly latency: LatencySummary;
}

/** Orchestrator → receiver. */
export type ReceiverRequest = { readonly type: "reset" } | { readonly type: "stats" };

/** Receiver → orchestrator. */
export type ReceiverReply =
  | { readonly type: "listening"; readonly port: number }
  | { readonly type: "stats"; readonly stats: ReceiverStats };

/** A running receiver. */
export interface WebhookReceiver {
  /** The endpoint URL to register: `http://127.0.0.1:<port>/hooks`. */
  readonly url: string;
  readonly pid: number;
  /** Forgets everything seen; returns the (empty) stats. */
  reset(): Promise<ReceiverStats>;
  stats(): Promise<ReceiverStats>;
  /**
   * Polls until `distinct` reaches `count`, or until no new id has arrived for `quietMs`, or until
   * `timeoutMs` has passed; returns the last stats either way.
   */
  waitFor(
    count: number,
    options: { readonly quietMs: number; readonly timeoutMs: number },
  ): Promise<ReceiverStats>;
  stop(): Promise<void>;
}

function ask(child: ChildProcess, request: ReceiverRequest): Promise<ReceiverStats> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: ReceiverReply) => {
      if (reply.type !== "stats") return;
      child.off("exit", onExit);
      child.off("message", onMessage);
      resolve(reply.stats);
    };
    const onExit = () => {
      child.off("message", onMessage);
      reject(new Error("the webhook receiver exited"));
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
    child.send(request);
  });
}

function listening(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    const onMessage = (reply: ReceiverReply) => {
      if (reply.type !== "listening") return;
      done();
      resolve(reply.port);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`the webhook receiver exited while starting (code ${code})`));
    };
    const timer = setTimeout(() => {
      done();
      child.kill("SIGKILL");
      reject(new Error("the webhook receiver did not listen within 10 s"));
    }, 10_000);
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

/**
 * Starts the receiver in its own process, so the deliveries it answers cost neither the server's
 * event loop nor the orchestrator's (which paces writes in the latency scenario).
 */
export async function startReceiver(): Promise<WebhookReceiver> {
  const child = track(fork(RECEIVER, [], { stdio: ["ignore", 2, 2, "ipc"] }));
  const port = await listening(child);
  const pid = child.pid;
  if (pid === undefined) throw new Error("the webhook receiver has no pid");
  let queue: Promise<unknown> = Promise.resolve();
  const serial = (request: ReceiverRequest): Promise<ReceiverStats> => {
    const next = queue.then(() => ask(child, request));
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    pid,
    reset: () => serial({ type: "reset" }),
    stats: () => serial({ type: "stats" }),
    async waitFor(count, { quietMs, timeoutMs }) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const stats = await serial({ type: "stats" });
        const quietSince = Math.max(stats.lastNewAt, deadline - timeoutMs);
        if (stats.distinct >= count || Date.now() >= deadline || Date.now() - quietSince >= quietMs) {
          return stats;
        }
        await sleep(50);
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // Closing the channel makes the receiver exit (webhook-receiver.ts listens for "disconnect").
      if (child.connected) child.disconnect();
      await waitForExit(child, 5_000);
    },
  };
}
