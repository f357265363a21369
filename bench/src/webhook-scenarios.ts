import { growthResult, measureScenario } from "./measure.js";
import { pacedWrites } from "./paced-writes.js";
import { countUsers, growUsers } from "./population.js";
import { grouped } from "./progress.js";
import { SCENARIOS, type Scenario } from "./scenarios.js";
import { countDeliveries, setEndpointEnabled } from "./webhook-admin.js";
import type {
  DeliveryBacklog,
  DeliveryLatencyResult,
  DrainResult,
  WriteCostScenario,
} from "./webhook-result.js";
import { type WebhookContext, type WebhookSession, webhookProblem } from "./webhook-session.js";

// The webhook scenarios on one session's server (webhook-session.ts): commit → first attempt at a
// steady write rate, a backlog's drain, and the write scenarios at full load with deliveries going.

/** No new event for this long: the worker has sent everything it will (it polls every second). */
const QUIET_MS = 3_000;

function endpointOf(session: WebhookSession): string {
  if (session.endpointId === undefined) throw new Error(`[${session.name}] the server has no webhooks`);
  return session.endpointId;
}

/** Writes at a steady rate (far below what the server can take) and times each event's first attempt. */
export async function measureLatency(
  context: WebhookContext,
  session: WebhookSession,
): Promise<DeliveryLatencyResult> {
  const { args, progress, receiver } = context;
  const { rate, latencySeconds: seconds } = args.webhooks;
  endpointOf(session);
  await receiver.reset();
  progress.line(`[${session.name}] commit → first attempt: ${rate} writes/s for ${seconds} s …`);
  const writes = await pacedWrites({
    target: session.target,
    rate,
    seconds,
    userIds: session.sample.map((user) => user.id),
    firstNumber: session.nextNumber,
  });
  session.nextNumber = writes.nextNumber;
  if (writes.failures > 0) {
    webhookProblem(
      context,
      `webhook latency: ${writes.failures} of ${writes.sent} writes failed; first: ${writes.errorSamples.join(" | ")}`,
    );
  }
  const stats = await receiver.waitFor(writes.acknowledged, { quietMs: QUIET_MS, timeoutMs: 60_000 });
  if (stats.distinct < writes.acknowledged) {
    webhookProblem(
      context,
      `webhook latency: ${writes.acknowledged - stats.distinct} of ${writes.acknowledged} events never arrived`,
    );
  }
  const { latency } = stats;
  progress.line(
    `    p50 ${latency.p50Ms} ms, p95 ${latency.p95Ms} ms, p99 ${latency.p99Ms} ms, max ${latency.maxMs} ms over ${grouped(stats.distinct)} events`,
  );
  return {
    rate,
    seconds,
    writes: writes.sent,
    acknowledged: writes.acknowledged,
    writeFailures: writes.failures,
    writeResponse: writes.response,
    delivered: stats.distinct,
    duplicates: stats.duplicates,
    latency,
  };
}

/** Makes `drainEvents` events with the endpoint disabled, enables it and times their delivery. */
export async function measureDrain(context: WebhookContext, session: WebhookSession): Promise<DrainResult> {
  const { args, progress, receiver, load } = context;
  const endpointId = endpointOf(session);
  await setEndpointEnabled(session.admin, endpointId, false);
  const before = await countUsers(session.target);
  const goal = before + args.webhooks.drainEvents;
  progress.line(
    `[${session.name}] backlog: ${grouped(args.webhooks.drainEvents)} users created with the endpoint disabled …`,
  );
  const grown = await growUsers(session.target, goal, {
    load,
    connections: args.connections,
    firstNumber: session.nextNumber,
    onProgress: (users, of) =>
      progress.update(`[${session.name}] backlog ${grouped(users - before)}/${grouped(of - before)}`),
  });
  if (grown === undefined) throw new Error("the backlog's users were not created");
  session.nextNumber = grown.load.nextNumber ?? session.nextNumber;
  webhookProblem(context, growthResult(grown, goal).problem);
  const events = grown.to - before;
  await receiver.reset();
  const enabledAt = Date.now();
  await setEndpointEnabled(session.admin, endpointId, true);
  progress.line(`[${session.name}] endpoint enabled: draining ${grouped(events)} events …`);
  const stats = await receiver.waitFor(events, {
    quietMs: QUIET_MS,
    timeoutMs: Math.max(120_000, events * 20),
  });
  if (stats.distinct < events) {
    webhookProblem(context, `webhook drain: ${events - stats.distinct} of ${events} events never arrived`);
  }
  const seconds = Math.max(0.001, (stats.lastNewAt - enabledAt) / 1000);
  const steady = Math.max(0.001, (stats.lastNewAt - stats.firstAt) / 1000);
  const eventsPerSecond = stats.distinct / seconds;
  progress.line(`    ${grouped(eventsPerSecond)} events/s (${seconds.toFixed(1)} s)`);
  return {
    events,
    delivered: stats.distinct,
    seconds,
    eventsPerSecond,
    firstDeliveryMs: stats.firstAt - enabledAt,
    steadyEventsPerSecond: Math.max(0, stats.distinct - 1) / steady,
    duplicates: stats.duplicates,
    createSeconds: grown.load.elapsedSeconds,
    createPerSecond: grown.load.requestsPerSecond,
  };
}

/** After a write scenario: what had arrived at its end, and how long the rest took. */
async function backlogAfter(
  context: WebhookContext,
  session: WebhookSession,
  endedAt: number,
): Promise<DeliveryBacklog> {
  const atEnd = await context.receiver.stats();
  const final = await context.receiver.waitFor(Number.POSITIVE_INFINITY, {
    quietMs: QUIET_MS,
    timeoutMs: 300_000,
  });
  const pending = await countDeliveries(session.admin, endpointOf(session), "pending");
  if (pending > 0)
    webhookProblem(
      context,
      `[${session.name}] ${pending} deliveries still pending after the write scenarios`,
    );
  return {
    deliveredAtEnd: atEnd.distinct,
    delivered: final.distinct,
    catchUpSeconds: Math.max(0, final.lastNewAt - endedAt) / 1000,
    latency: final.latency,
  };
}

function scenario(name: "patch-user" | "post-user"): Scenario {
  const found = SCENARIOS.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no scenario ${name}`);
  return found;
}

/**
 * `PATCH /Users/{id}` then `POST /Users`, as the SCIM scenarios run them (scenarios.ts), with the
 * endpoint receiving; after each, the deliveries are let catch up before the next begins.
 */
export async function measureWriteCost(
  context: WebhookContext,
  session: WebhookSession,
): Promise<WriteCostScenario[]> {
  const { args, progress, receiver, load } = context;
  const settings = {
    load,
    connections: args.connections,
    warmupSeconds: args.warmupSeconds,
    durationSeconds: args.durationSeconds,
  };
  const server = { pid: session.server.pid, target: session.target, adminToken: session.admin.token };
  const results: WriteCostScenario[] = [];
  for (const name of ["patch-user", "post-user"] as const) {
    const measured = scenario(name);
    const scenarioContext = { users: session.users, sample: session.sample, nextNumber: session.nextNumber };
    await receiver.reset();
    progress.line(`[${session.name}] ${measured.label(scenarioContext)} …`);
    const run = await measureScenario(measured, scenarioContext, server, settings);
    const endedAt = Date.now();
    session.nextNumber = run.nextNumber ?? session.nextNumber;
    webhookProblem(context, run.problem && `[${session.name}] ${run.problem}`);
    const backlog = session.endpointId === undefined ? null : await backlogAfter(context, session, endedAt);
    const behind =
      backlog === null
        ? ""
        : `, ${grouped(backlog.delivered - backlog.deliveredAtEnd)} events still to send at its end`;
    progress.line(`    ${grouped(run.result.requestsPerSecond)} req/s${behind}`);
    results.push({ result: run.result, backlog });
  }
  return results;
}
