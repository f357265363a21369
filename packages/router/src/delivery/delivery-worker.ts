import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { ScimLogger } from "../http/route-types.js";
import type { Store } from "../ports/store-ports.js";
import type { ClaimedDelivery } from "../ports/webhooks-port.js";
import { type BackgroundLoop, type CycleResult, DEFAULT_WAKE_DELAY_MS, runLoop } from "./background-loop.js";
import { type AttemptDeps, attemptDelivery } from "./delivery-attempt.js";
import { fanOut } from "./fan-out.js";
import { defaultRetrySchedule, type RetrySchedule } from "./retry-schedule.js";
import type { SecretBox } from "./secret-box.js";

/*
 * The webhook delivery worker: turns the events outbox into deliveries (fan-out.ts) and sends them
 * (delivery-attempt.ts), a few at a time, under leases, so any number of instances can run one
 * over a shared store and each delivery is sent by one of them at a time.
 */

/** How {@link startDeliveryWorker} runs. Only `store` and `secretBox` are required. */
export interface DeliveryWorkerOptions {
  readonly store: Store;
  /** Opens the endpoints' sealed secrets (secret-box.ts). */
  readonly secretBox: SecretBox;
  /** Who holds this worker's leases; a random id by default, one per running worker. */
  readonly owner?: string;
  /** How long a claim is held before another instance may take it over; 30 s by default. Keep it above `timeoutMs`. */
  readonly leaseMs?: number;
  /** An endpoint whose every attempt has failed for this long is disabled (`failing`); 24 h by default. */
  readonly disableAfterMs?: number;
  /** Refuse private, loopback and link-local targets (private-address.ts). */
  readonly blockPrivate?: boolean;
  /** How often the outbox and due retries are looked at when nothing wakes the worker; 1 s by default. */
  readonly pollMs?: number;
  /** One attempt's limit; 10 s by default. */
  readonly timeoutMs?: number;
  /** How much of a response is read; 64 KiB by default. */
  readonly maxResponseBytes?: number;
  /** Delivered and failed deliveries, and events nobody owes, are pruned after this long; 30 days by default. */
  readonly retentionMs?: number;
  /** The store serves this process alone (SQLite): leases left by an earlier run are freed at start. */
  readonly singleInstance?: boolean;
  /** Attempts in flight at once; 8 by default. */
  readonly concurrency?: number;
  /**
   * Wakes (one per commit with events) within this long of the first make one cycle, so a write
   * load fans out many events per round instead of a round per write; 10 ms by default.
   */
  readonly wakeDelayMs?: number;
  /**
   * Whether the host is busy serving requests now (the reference server: several in flight). While
   * it is, the worker yields the process to them: one attempt at a time, with a pause between
   * cycles, so a saturating write load keeps its throughput and deliveries catch up once it eases.
   * Absent, the worker never yields.
   */
  readonly yieldTo?: () => boolean;
  /** The retry policy; `defaultRetrySchedule` by default (tests pass a quicker one). */
  readonly schedule?: RetrySchedule;
  readonly userAgent?: string;
  /** Structured log lines; never a secret, URL or response body in them. */
  readonly logger?: ScimLogger;
  readonly now?: () => Date;
  readonly newId?: () => string;
  readonly random?: () => number;
}

const HOUR = 3_600_000;
const PRUNE_EVERY_MS = HOUR;
/** The pause between cycles while the host is busy (`yieldTo`): at most this many a second, 40. */
const YIELD_PAUSE_MS = 25;

const silent: ScimLogger = { info() {}, warn() {}, error() {} };

/**
 * Starts the delivery worker. Each cycle fans out what the outbox holds (when woken, or every
 * `pollMs`), claims due deliveries into the free send slots, and prunes now and then; a failed
 * cycle is logged and backed off. `stop` lets in-flight attempts finish and record.
 */
export function startDeliveryWorker(options: DeliveryWorkerOptions): BackgroundLoop {
  const { store, pollMs = 1000, leaseMs = 30_000, concurrency = 8, retentionMs = 30 * 24 * HOUR } = options;
  const logger = options.logger ?? silent;
  const now = options.now ?? (() => new Date());
  const owner = options.owner ?? `delivery-${randomUUID()}`;
  const deps: AttemptDeps = {
    store,
    secretBox: options.secretBox,
    owner,
    disableAfterMs: options.disableAfterMs ?? 24 * HOUR,
    schedule: options.schedule ?? defaultRetrySchedule,
    send: {
      ...(options.blockPrivate === undefined ? {} : { blockPrivate: options.blockPrivate }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.maxResponseBytes === undefined ? {} : { maxResponseBytes: options.maxResponseBytes }),
      ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
    },
    logger,
    now,
    random: options.random ?? Math.random,
  };
  const fanOutDeps = { store, owner, leaseMs, logger, now, newId: options.newId ?? randomUUID };
  if ((options.timeoutMs ?? 10_000) >= leaseMs) {
    logger.warn({ leaseMs, timeoutMs: options.timeoutMs }, "webhook leaseMs should exceed timeoutMs");
  }

  const inFlight = new Set<Promise<void>>();
  let leasesReleased = !options.singleInstance;
  let fanOutWanted = true;
  let lastFanOut = Number.NEGATIVE_INFINITY;
  let lastPrune = Number.NEGATIVE_INFINITY;
  let nudge: (() => void) | undefined;

  /** Waits for an attempt to end, a wake, or a poll's time, whichever comes first. */
  function pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, pollMs);
      function done() {
        clearTimeout(timer);
        nudge = undefined;
        resolve();
      }
      nudge = done;
      Promise.race(inFlight).then(done, done);
    });
  }

  function start(claimed: ClaimedDelivery): void {
    const attempt = attemptDelivery(deps, claimed)
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        // The claim's lease runs out and the delivery is tried again then.
        logger.error(
          { deliveryId: claimed.delivery.id, error: reason },
          "webhook attempt could not be recorded",
        );
      })
      .finally(() => inFlight.delete(attempt));
    inFlight.add(attempt);
  }

  /** Claims due deliveries into the free slots and starts them; how many. */
  async function fill(yielding: boolean): Promise<number> {
    const free = (yielding ? 1 : concurrency) - inFlight.size;
    if (free <= 0) return 0;
    const at = now();
    const leaseUntil = new Date(at.getTime() + leaseMs).toISOString();
    const claimed = await store.read.webhooks.claimDeliveries(owner, at.toISOString(), leaseUntil, free);
    for (const delivery of claimed) start(delivery);
    return claimed.length;
  }

  async function prune(): Promise<void> {
    const at = now().getTime();
    if (at - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = at;
    try {
      const events = await store.read.webhooks.prune(new Date(at - retentionMs).toISOString());
      if (events > 0) logger.info({ events }, "webhook outbox pruned");
    } catch (error) {
      logger.error({ error: error instanceof Error ? error.message : String(error) }, "webhook prune failed");
    }
  }

  async function cycle(): Promise<CycleResult> {
    if (!leasesReleased) {
      await store.read.webhooks.releaseLeases();
      leasesReleased = true;
    }
    let fannedOut = { made: 0, more: false };
    // While the host is busy, commits do not each ask for a fan-out round: one a poll gathers them.
    const yielding = options.yieldTo?.() === true;
    if ((fanOutWanted && !yielding) || performance.now() - lastFanOut >= pollMs) {
      fanOutWanted = false;
      lastFanOut = performance.now();
      fannedOut = await fanOut(fanOutDeps);
      // A wake during the round wants another: what it announces may have committed after the read.
      if (fannedOut.more) fanOutWanted = true;
    }
    await prune();
    const started = await fill(yielding);
    const busy = started > 0 || fannedOut.made > 0 || fannedOut.more;
    // Yielding, the worker runs a cycle a pause at most, whatever wakes it.
    if (yielding) return { quiet: !busy && inFlight.size === 0, holdMs: YIELD_PAUSE_MS };
    if (busy) return { quiet: false };
    // Nothing to claim now, but attempts in flight: the end of one may free the next event of its
    // resource, and a wake (a commit) should not wait behind a slow receiver.
    if (inFlight.size > 0) {
      await pause();
      return { quiet: false };
    }
    return { quiet: true };
  }

  const loop = runLoop(cycle, {
    pollMs,
    logger,
    name: "webhook delivery",
    wakeDelayMs: options.wakeDelayMs ?? DEFAULT_WAKE_DELAY_MS,
    onWake: () => {
      fanOutWanted = true;
      nudge?.();
    },
  });
  return {
    wake: () => loop.wake(),
    idle: () => {
      fanOutWanted = true;
      return loop.idle();
    },
    async stop() {
      await loop.stop();
      await Promise.allSettled([...inFlight]);
    },
  };
}
