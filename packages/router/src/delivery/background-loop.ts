import { performance } from "node:perf_hooks";
import type { ScimLogger } from "../http/route-types.js";

/*
 * The loop the delivery worker and the event consumer both run: a cycle now when woken, otherwise
 * every `pollMs`; never two cycles at once; a failed cycle logged and backed off, never thrown.
 */

/** A running background loop (the delivery worker, an event consumer). */
export interface BackgroundLoop {
  /** Run now rather than at the next poll (the write path calls it after a commit). */
  wake(): void;
  /** Stops polling, lets the running cycle finish (in-flight sends included), then resolves. */
  stop(): Promise<void>;
  /** Resolves once the loop has run and found nothing more to do now (for tests and shutdown). */
  idle(): Promise<void>;
}

/** What one cycle found. */
export interface CycleResult {
  /** Nothing more to do now: the loop sleeps until woken or the next poll. */
  readonly quiet: boolean;
  /** Run the next cycle only after this long, even when woken (a retry's backoff). */
  readonly holdMs?: number;
}

export interface LoopOptions {
  readonly pollMs: number;
  readonly logger: ScimLogger;
  /** How the loop's log lines name it. */
  readonly name: string;
  /**
   * Wakes within this long of the first are one: under a write load every commit wakes the loop,
   * and a cycle per commit would cost more than the writes (each cycle's claims are statements of
   * their own). 0 runs a cycle per wake.
   */
  readonly wakeDelayMs?: number;
  /** Runs as a (coalesced) wake takes effect, before the cycle it asks for. */
  readonly onWake?: () => void;
}

/** How long commits are gathered before they wake the delivery worker or an event consumer. */
export const DEFAULT_WAKE_DELAY_MS = 10;

/** The wait after the n-th failed cycle in a row: `pollMs` doubled each time, up to a minute. */
const backoffMs = (pollMs: number, failures: number) => Math.min(pollMs * 2 ** (failures - 1), 60_000);

/** Runs `cycle` until stopped: the first at once, then as {@link BackgroundLoop} says. */
export function runLoop(cycle: () => Promise<CycleResult>, options: LoopOptions): BackgroundLoop {
  const { pollMs, logger, name, wakeDelayMs = 0 } = options;
  let wakeTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  let requested = true;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let holdUntil = 0;
  let failures = 0;
  let idleWaiters: (() => void)[] = [];

  const settleIdle = () => {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const later = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      requested = true;
      kick();
    }, ms);
    // The loop never keeps a process alive by itself: its host's server or `stop` ends it.
    timer.unref();
  };

  async function run(): Promise<void> {
    let result: CycleResult = { quiet: false };
    while (requested && !stopped) {
      requested = false;
      try {
        result = await cycle();
        failures = 0;
      } catch (error) {
        failures += 1;
        const reason = error instanceof Error ? error.message : String(error);
        logger.error({ loop: name, error: reason, failures }, `${name}: a cycle failed; backing off`);
        result = { quiet: false, holdMs: backoffMs(pollMs, failures) };
      }
      if (result.holdMs !== undefined) break;
      if (!result.quiet) requested = true;
    }
    if (stopped) return;
    if (result.quiet && !requested) settleIdle();
    holdUntil = result.holdMs === undefined ? 0 : performance.now() + result.holdMs;
    later(result.holdMs ?? pollMs);
  }

  function kick(): void {
    if (running || stopped) return;
    running = run().finally(() => {
      running = undefined;
      // Woken while the cycle was ending: run again (unless holding).
      if (requested && !stopped && performance.now() >= holdUntil) kick();
    });
  }

  function wake(): void {
    if (stopped || wakeTimer !== undefined) return;
    if (wakeDelayMs > 0) {
      wakeTimer = setTimeout(() => {
        wakeTimer = undefined;
        wakeNow();
      }, wakeDelayMs);
      wakeTimer.unref();
      return;
    }
    wakeNow();
  }

  function wakeNow(): void {
    if (stopped) return;
    options.onWake?.();
    requested = true;
    if (!running && performance.now() >= holdUntil) {
      clearTimeout(timer);
      kick();
    }
  }

  queueMicrotask(kick);
  return {
    wake,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(wakeTimer);
      await running;
      settleIdle();
    },
    idle() {
      if (stopped) return Promise.resolve();
      const done = new Promise<void>((resolve) => idleWaiters.push(resolve));
      wakeNow();
      return done;
    },
  };
}
