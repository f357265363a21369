import { randomUUID } from "node:crypto";
import type { ProvisioningEvent } from "@scimkit/types";
import type { ScimLogger } from "../http/route-types.js";
import type { Store } from "../ports/store-ports.js";
import { type BackgroundLoop, type CycleResult, DEFAULT_WAKE_DELAY_MS, runLoop } from "./background-loop.js";

/*
 * A host's in-process hook on the events outbox: every tenant's events, in feed order
 * (`EventsPort.feed`), handed to `onEvent` at least once. The cursor is stored under the consumer's
 * name (`WebhooksPort.claimConsumer`), held by one instance at a time, and moved past an event only
 * once `onEvent` has returned, so after a crash or a throw the same event comes again.
 */

/** How {@link startEventConsumer} runs. */
export interface EventConsumerOptions {
  readonly store: Store;
  /** The consumer's name: its cursor and lease are kept under it, shared by every instance. */
  readonly name: string;
  /** Handles one event; a throw (or rejection) has the same event retried after a backoff. */
  readonly onEvent: (event: ProvisioningEvent) => Promise<void> | void;
  /**
   * Where a consumer seen for the first time starts: `now` (the default; what commits from now
   * on) or `beginning` (every event the outbox still keeps). A known consumer goes on from its cursor.
   */
  readonly start?: "now" | "beginning";
  /** Who holds the consumer's lease; a random id by default. */
  readonly owner?: string;
  /** How long the lease lasts past each handled event; 30 s by default. Keep `onEvent` shorter. */
  readonly leaseMs?: number;
  /** How often the feed is read when nothing wakes the consumer; 1 s by default. */
  readonly pollMs?: number;
  /** Wakes within this long of the first are one cycle (a write load's commits); 10 ms by default. */
  readonly wakeDelayMs?: number;
  /** The wait before retrying a thrown event, doubled on each throw up to a minute; 1 s by default. */
  readonly retryMs?: number;
  readonly logger?: ScimLogger;
  readonly now?: () => Date;
}

/** Events read per feed page. */
const PAGE = 100;

const silent: ScimLogger = { info() {}, warn() {}, error() {} };

/** The feed's start, or its end as a reader sees it now (`head` of every tenant's feed). */
async function startCursor(store: Store, start: "now" | "beginning"): Promise<string> {
  if (start === "beginning") return (await store.read.events.feed({ limit: 0 })).cursor;
  return store.read.events.head();
}

/**
 * Starts handing every tenant's events to `onEvent`, at least once each, in feed order: one
 * instance at a time per `name` (the others wait on its lease), the cursor moved after each
 * event `onEvent` returned from. Returns the same handle as the delivery worker.
 */
export function startEventConsumer(options: EventConsumerOptions): BackgroundLoop {
  const { store, name, onEvent, leaseMs = 30_000, pollMs = 1000, retryMs = 1000 } = options;
  const logger = options.logger ?? silent;
  const now = options.now ?? (() => new Date());
  const owner = options.owner ?? `consumer-${randomUUID()}`;
  const leaseUntil = () => new Date(now().getTime() + leaseMs).toISOString();
  let start: string | undefined;
  let failures = 0;

  /** Hands one event over; the wait before retrying it when `onEvent` threw. */
  async function handle(body: string, position: string): Promise<number | undefined> {
    let event: ProvisioningEvent | undefined;
    try {
      event = JSON.parse(body) as ProvisioningEvent;
      await onEvent(event);
      failures = 0;
      return undefined;
    } catch (error) {
      failures += 1;
      const holdMs = Math.min(retryMs * 2 ** (failures - 1), 60_000);
      logger.error(
        {
          consumer: name,
          eventId: event?.id,
          eventType: event?.type,
          position,
          failures,
          retryInMs: holdMs,
          error: error instanceof Error ? error.message : String(error),
        },
        "onEvent threw; the event will be handed over again",
      );
      return holdMs;
    }
  }

  async function cycle(): Promise<CycleResult> {
    start ??= await startCursor(store, options.start ?? "now");
    const at = now();
    const consumer = await store.read.webhooks.claimConsumer(
      name,
      start,
      owner,
      at.toISOString(),
      leaseUntil(),
    );
    // Another instance holds it: nothing to do here until its lease runs out.
    if (consumer === undefined) return { quiet: true };
    const page = await store.read.events.feed({ after: consumer.cursor, limit: PAGE });
    for (const event of page.items) {
      const holdMs = await handle(event.body, event.position);
      if (holdMs !== undefined) return { quiet: false, holdMs };
      if (!(await store.read.webhooks.advanceConsumer(name, owner, event.position, leaseUntil()))) {
        logger.warn(
          { consumer: name, position: event.position },
          "event consumer lease lost; another instance goes on",
        );
        return { quiet: true };
      }
    }
    return { quiet: page.items.length < PAGE };
  }

  return runLoop(cycle, {
    pollMs,
    logger,
    name: `event consumer ${name}`,
    wakeDelayMs: options.wakeDelayMs ?? DEFAULT_WAKE_DELAY_MS,
  });
}
