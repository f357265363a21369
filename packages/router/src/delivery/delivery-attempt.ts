import type { ScimLogger } from "../http/route-types.js";
import type { Store } from "../ports/store-ports.js";
import type {
  AttemptOutcome,
  ClaimedDelivery,
  EndpointChanges,
  WebhookEndpoint,
} from "../ports/webhooks-port.js";
import { nextStep, type RetrySchedule } from "./retry-schedule.js";
import type { SecretBox } from "./secret-box.js";
import { type SendOptions, type SendResult, sendWebhook } from "./webhook-sender.js";

/*
 * One claimed delivery, start to end: sign with the endpoint's live secrets, send, record the
 * outcome under the claim's lease, and keep the endpoint's failure record (disabling it when every
 * attempt has failed for long enough).
 */

export interface AttemptDeps {
  readonly store: Store;
  readonly secretBox: SecretBox;
  readonly owner: string;
  readonly disableAfterMs: number;
  readonly schedule: RetrySchedule;
  readonly send: SendOptions;
  readonly logger: ScimLogger;
  readonly now: () => Date;
  readonly random: () => number;
}

/** The endpoint's `whsec_` secrets that sign at `at`: the current one and those still in their overlap. */
export function signingSecrets(endpoint: WebhookEndpoint, at: Date, box: SecretBox): string[] {
  return endpoint.secrets
    .filter((secret) => secret.expiresAt === null || Date.parse(secret.expiresAt) > at.getTime())
    .map((secret) => box.open(secret.sealed));
}

/** The stored outcome of attempt number `attempts`, made at `at`. */
export function attemptOutcome(
  result: SendResult,
  attempts: number,
  at: Date,
  random: () => number,
  schedule: RetrySchedule,
): AttemptOutcome {
  const step = nextStep(result, attempts, at, random, schedule);
  const when = at.toISOString();
  if (step.kind === "delivered" && result.status !== null) {
    return { kind: "delivered", at: when, status: result.status, latencyMs: result.latencyMs };
  }
  return {
    kind: step.kind === "retry" ? "retry" : "failed",
    at: when,
    nextAttemptAt: step.kind === "retry" ? new Date(at.getTime() + step.delayMs).toISOString() : null,
    status: result.status,
    latencyMs: result.status === null ? null : result.latencyMs,
    error: result.error ?? "not delivered",
  };
}

/**
 * The endpoint's failure record after an attempt at `at`: a success clears it; the first failure
 * starts it; a failure `disableAfterMs` or more after the first disables the endpoint. Undefined
 * when nothing changes.
 */
export function endpointAfterAttempt(
  endpoint: WebhookEndpoint,
  delivered: boolean,
  at: Date,
  disableAfterMs: number,
): EndpointChanges | undefined {
  const updatedAt = at.toISOString();
  if (delivered) return endpoint.failingSince === null ? undefined : { failingSince: null, updatedAt };
  if (endpoint.failingSince === null) return { failingSince: updatedAt, updatedAt };
  const failingFor = at.getTime() - Date.parse(endpoint.failingSince);
  if (!endpoint.enabled || failingFor < disableAfterMs) return undefined;
  return { enabled: false, disabledReason: "failing", updatedAt };
}

/** Signs and sends; a secret that does not open (the server key changed) is a failed attempt, not a throw. */
async function send(deps: AttemptDeps, claimed: ClaimedDelivery, at: Date): Promise<SendResult> {
  const { delivery, endpoint, body } = claimed;
  let secrets: string[];
  try {
    secrets = signingSecrets(endpoint, at, deps.secretBox);
  } catch {
    return {
      status: null,
      latencyMs: 0,
      error: "the endpoint's secret does not open with this server's key",
      retryAfter: null,
    };
  }
  if (secrets.length === 0)
    return { status: null, latencyMs: 0, error: "the endpoint has no signing secret", retryAfter: null };
  return sendWebhook({ url: endpoint.url, eventId: delivery.eventId, body, secrets, at }, deps.send);
}

/** Updates the endpoint's failure record; a failure reads the endpoint afresh, since others may have written it since the claim. */
async function keepFailureRecord(deps: AttemptDeps, claimed: ClaimedDelivery, delivered: boolean, at: Date) {
  const { tenantId, id } = claimed.endpoint;
  const endpoint = delivered ? claimed.endpoint : await deps.store.read.webhooks.getEndpoint(tenantId, id);
  if (endpoint === undefined) return;
  const changes = endpointAfterAttempt(endpoint, delivered, at, deps.disableAfterMs);
  if (changes === undefined) return;
  await deps.store.read.webhooks.updateEndpoint(tenantId, id, changes);
  if (changes.enabled === false) {
    deps.logger.warn(
      { endpointId: id, tenantId, failingSince: endpoint.failingSince },
      "webhook endpoint disabled: every attempt has failed for too long",
    );
  }
}

/** Makes one attempt of a claimed delivery and records it. Throws only when the store does. */
export async function attemptDelivery(deps: AttemptDeps, claimed: ClaimedDelivery): Promise<void> {
  const { delivery } = claimed;
  const at = deps.now();
  const attempt = delivery.attempts + 1;
  const result = await send(deps, claimed, at);
  const outcome = attemptOutcome(result, attempt, at, deps.random, deps.schedule);
  const fields = {
    deliveryId: delivery.id,
    endpointId: delivery.endpointId,
    tenantId: delivery.tenantId,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    attempt,
    status: result.status,
    latencyMs: result.latencyMs,
  };
  const kept = await deps.store.read.webhooks.recordAttempt(delivery.id, deps.owner, outcome);
  if (!kept) deps.logger.warn(fields, "webhook delivery lease lost before its attempt was recorded");
  if (outcome.kind === "delivered") deps.logger.info(fields, "webhook delivered");
  else
    deps.logger.warn(
      { ...fields, error: outcome.error, next: outcome.nextAttemptAt },
      `webhook attempt ${outcome.kind === "retry" ? "failed; will retry" : "failed; given up"}`,
    );
  await keepFailureRecord(deps, claimed, outcome.kind === "delivered", at);
}
