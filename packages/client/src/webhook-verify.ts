import type { ProvisioningEvent } from "@scimkit/types";
import { WebhookVerificationError as StandardWebhooksError, Webhook } from "standardwebhooks";
import { isProvisioningEventType } from "./provisioning-event-types.js";

// Standard Webhooks (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md):
// the signature is HMAC-SHA256 over `{webhook-id}.{webhook-timestamp}.{body}` with the `whsec_`
// secret, and `webhook-signature` lists `v1,<base64>` entries separated by spaces. The pinned
// `standardwebhooks` package does the cryptography and the timestamp tolerance; this module adds
// the header and body handling and the check that the body is a provisioning event.

/** Why a delivery was refused; a receiver answers 400 to any of them. */
export const webhookVerificationReasons = [
  /** `webhook-id`, `webhook-timestamp` or `webhook-signature` is absent or empty. */
  "missing-header",
  /** `webhook-timestamp` is not whole seconds, or is outside the tolerance `standardwebhooks` enforces (5 minutes). */
  "timestamp",
  /** No `v1` signature in `webhook-signature` matches any of the secrets. */
  "signature",
  /** The signed body is not UTF-8 JSON (RFC 8259 §8.1). */
  "not-json",
  /** The signed body is JSON but lacks the event envelope (`id`, `type`, `timestamp`, …). */
  "not-an-event",
] as const;

/** Why {@link verifyWebhook} refused a delivery. */
export type WebhookVerificationReason = (typeof webhookVerificationReasons)[number];

/**
 * A webhook delivery that {@link verifyWebhook} refused. `reason` says which check failed; `cause`
 * carries the `standardwebhooks` or `JSON.parse` error when there was one.
 */
export class WebhookVerificationError extends Error {
  override readonly name = "WebhookVerificationError";
  /** Which check failed. */
  readonly reason: WebhookVerificationReason;

  constructor(reason: WebhookVerificationReason, detail: string, options?: ErrorOptions) {
    super(`Webhook verification failed (${reason}): ${detail}`, options);
    this.reason = reason;
  }
}

/** Request headers as `fetch` gives them (`Headers`) or as Node and Express do (a record). */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** The raw request body: the bytes as received, or their UTF-8 text. */
export type WebhookBody = string | Uint8Array;

const headerNames = ["webhook-id", "webhook-timestamp", "webhook-signature"] as const;
type SignedHeaders = Record<(typeof headerNames)[number], string>;

function isHeaders(headers: WebhookHeaders): headers is Headers {
  return typeof (headers as Partial<Headers>).get === "function";
}

/**
 * The value of one header, looked up case-insensitively. A header sent more than once (an array in
 * Node) is joined with a space, which is how `webhook-signature` lists several signatures.
 */
function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  if (isHeaders(headers)) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return typeof value === "string" || value === undefined ? value : value.join(" ");
}

function signedHeaders(headers: WebhookHeaders): SignedHeaders {
  const values: Partial<SignedHeaders> = {};
  for (const name of headerNames) {
    const value = headerValue(headers, name)?.trim();
    if (value === undefined || value === "") {
      throw new WebhookVerificationError("missing-header", `the ${name} header is missing`);
    }
    values[name] = value;
  }
  const complete = values as SignedHeaders;
  // The spec's pattern for the header; `standardwebhooks` alone would read "12abc" as 12.
  if (!/^[0-9]+$/.test(complete["webhook-timestamp"])) {
    throw new WebhookVerificationError("timestamp", "webhook-timestamp is not whole seconds since the epoch");
  }
  return complete;
}

function webhooksFor(secret: string | readonly string[]): Webhook[] {
  const secrets = typeof secret === "string" ? [secret] : secret;
  if (secrets.length === 0) throw new TypeError("verifyWebhook needs at least one whsec_ secret");
  return secrets.map((s) => {
    if (!s.startsWith("whsec_")) throw new TypeError("a webhook secret is a whsec_ string");
    try {
      return new Webhook(s);
    } catch (cause) {
      throw new TypeError("a webhook secret is whsec_ followed by base64", { cause });
    }
  });
}

/** The body as text. Bytes must be UTF-8 (RFC 8259 §8.1); decoding is exact, a BOM is kept. */
function bodyText(body: WebhookBody): string {
  if (typeof body === "string") return body;
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch (cause) {
    throw new WebhookVerificationError("not-json", "the body is not UTF-8", { cause });
  }
}

/** Returns when one secret verifies the signature; a timestamp outside the tolerance fails for all. */
function verifySignature(webhooks: readonly Webhook[], headers: SignedHeaders, payload: string): void {
  let lastCause: unknown;
  for (const webhook of webhooks) {
    try {
      webhook.verify(payload, headers, { jsonParse: false });
      return;
    } catch (cause) {
      if (!(cause instanceof StandardWebhooksError)) throw cause;
      // standardwebhooks 1.1.1 says "Message timestamp too old" / "too new"; anything else is the signature.
      if (/timestamp/i.test(cause.message)) {
        throw new WebhookVerificationError("timestamp", cause.message, { cause });
      }
      lastCause = cause;
    }
  }
  throw new WebhookVerificationError("signature", "no signature matches the secret", { cause: lastCause });
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const nonEmptyString = (value: unknown): boolean => typeof value === "string" && value !== "";

/** The envelope every event carries (spec/openapi.yaml `EventEnvelope`), and `data`. */
const envelopeChecks: readonly [field: string, check: (value: unknown) => boolean, want: string][] = [
  ["id", nonEmptyString, "a non-empty string"],
  ["type", isProvisioningEventType, "a type of the event catalogue"],
  ["timestamp", nonEmptyString, "a date-time string"],
  ["tenantId", nonEmptyString, "a non-empty string"],
  ["sequence", (v) => Number.isInteger(v) && (v as number) >= 1, "an integer of at least 1"],
  ["actor", isRecord, "an object"],
  ["data", isRecord, "an object"],
];

function parseEvent(payload: string, webhookId: string): ProvisioningEvent {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch (cause) {
    throw new WebhookVerificationError("not-json", "the body is not JSON", { cause });
  }
  if (!isRecord(value)) throw new WebhookVerificationError("not-an-event", "the body is not an object");
  for (const [field, check, want] of envelopeChecks) {
    if (!check(value[field])) {
      throw new WebhookVerificationError("not-an-event", `\`${field}\` is not ${want}`);
    }
  }
  // The event's id is the delivery's `webhook-id` (the spec's webhook): a signed body under another
  // id is a replay of another delivery.
  if (value.id !== webhookId)
    throw new WebhookVerificationError("not-an-event", "the event's `id` is not the `webhook-id` header");
  // The envelope is checked; `data` is trusted as the spec types it, since only a holder of the
  // secret can have signed it.
  return value as ProvisioningEvent;
}

/**
 * Verifies a provisioning-event webhook delivery (spec/openapi.yaml `webhooks.provisioningEvent`) as
 * the Standard Webhooks specification describes, and returns the event, typed by its `type`.
 *
 * - `secret`: the endpoint's `whsec_…` secret. While rotating, pass the new and the old one: a
 *   delivery signed with either is accepted.
 * - `headers`: the request's headers, a `Headers` (fetch) or a record (Node, Express); looked up
 *   case-insensitively.
 * - `body`: the raw request body, exactly the bytes received (or their UTF-8 text). Not a body that
 *   was parsed and serialized again: the signature covers the bytes, and re-serialized JSON differs.
 *
 * Throws {@link WebhookVerificationError} (with its `reason`) when a header is missing, the
 * timestamp is outside the tolerance, no signature matches, or the body is not a provisioning
 * event; it never returns an unverified event. Throws `TypeError` when a secret is not a `whsec_`
 * string, a configuration error rather than a bad delivery. Deduplicate on `event.id` (also the
 * `webhook-id` header) and order a resource's events by `event.sequence` (docs/events.md).
 *
 * @example
 * const event = verifyWebhook([newSecret, oldSecret], req.headers, rawBody); // rawBody: the bytes read
 * if (event.type === "group.member_added") addMember(event.data.group.id, event.data.member.value);
 */
export function verifyWebhook(
  secret: string | readonly string[],
  headers: WebhookHeaders,
  body: WebhookBody,
): ProvisioningEvent {
  const webhooks = webhooksFor(secret);
  const signed = signedHeaders(headers);
  const payload = bodyText(body);
  verifySignature(webhooks, signed, payload);
  return parseEvent(payload, signed["webhook-id"]);
}
