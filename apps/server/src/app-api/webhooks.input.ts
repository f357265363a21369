import { ScimError } from "@scimkit/core";
import { isOneOf, type JsonObject } from "@scimkit/router";
import { type ProvisioningEventType, provisioningEventTypes } from "@scimkit/types";

/*
 * What an admin may send about webhook endpoints, read the same way by `/api/webhooks` and by
 * `pnpm scimkit webhook` (spec/openapi.yaml `WebhookEndpointRequest`, `WebhookEndpointChanges`,
 * `WebhookRotation`, `WebhookResendRequest`). Anything else is 400 invalidValue naming what is wrong.
 */

/** The longest endpoint URL and description the spec admits. */
export const MAX_URL_LENGTH = 2048;
export const MAX_DESCRIPTION_LENGTH = 200;
/** A rotation's overlap: 24 hours unless the request says otherwise, at most 7 days. */
export const DEFAULT_OVERLAP_SECONDS = 24 * 60 * 60;
export const MAX_OVERLAP_SECONDS = 7 * 24 * 60 * 60;
/** The most delivery ids one resend names. */
export const MAX_RESEND_IDS = 1000;

/** A new endpoint as an admin describes it. */
export interface EndpointInput {
  readonly url: string;
  /** Null: every event type. */
  readonly eventTypes: readonly ProvisioningEventType[] | null;
  readonly description: string | null;
}

/** The endpoint attributes a change names; absent ones stay as they are. */
export type EndpointInputChanges = Partial<EndpointInput> & { readonly enabled?: boolean };

/**
 * An endpoint URL: absolute, `http` or `https`, without a user name or password (a credential in a
 * URL ends up in logs and in the endpoint list); in its normalised form (WHATWG URL).
 */
export function parseEndpointUrl(value: unknown): string {
  const example = 'e.g. "https://app.example.com/hooks/scim"';
  if (typeof value !== "string" || value.trim() === "")
    throw ScimError.invalidValue(`"url" must be an absolute http or https URL, ${example}.`);
  const text = value.trim();
  if (text.length > MAX_URL_LENGTH)
    throw ScimError.invalidValue(`"url" must be at most ${MAX_URL_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw ScimError.invalidValue(`"url" is not an absolute URL; give one like ${example}.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw ScimError.invalidValue(`"url" must use http or https, not ${url.protocol.replace(/:$/, "")}.`);
  if (url.username !== "" || url.password !== "")
    throw ScimError.invalidValue(
      '"url" must not hold a user name or password; receivers verify the signature instead.',
    );
  return url.href;
}

const typesHint = `the types are ${provisioningEventTypes.join(", ")}`;

/** Event types, each once, in the order given; an empty list or an unknown type is 400. */
function eventTypesOf(values: readonly unknown[], name: string): ProvisioningEventType[] {
  if (values.length === 0)
    throw ScimError.invalidValue(`"${name}" must name at least one event type (absent: every type).`);
  const types: ProvisioningEventType[] = [];
  for (const value of values) {
    if (!isOneOf(provisioningEventTypes, value))
      throw ScimError.invalidValue(
        `"${name}" holds ${JSON.stringify(value)}, which is no event type; ${typesHint}.`,
      );
    if (!types.includes(value)) types.push(value);
  }
  return types;
}

/** The `events` filter of a body: an array of event types, or null for every type. */
export function parseEventTypes(value: unknown): readonly ProvisioningEventType[] | null {
  if (value === null) return null;
  if (!Array.isArray(value))
    throw ScimError.invalidValue('"events" must be an array of event types, or null for every type.');
  return eventTypesOf(value, "events");
}

/** A comma-separated list of event types (`?types=` of the pull API, `--events` of the CLI). */
export function parseEventTypeList(text: string, name: string): ProvisioningEventType[] {
  return eventTypesOf(
    text.split(",").map((part) => part.trim()),
    name,
  );
}

/** A description: trimmed text of at most 200 characters; empty or null is none. */
export function parseDescription(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== "string") throw ScimError.invalidValue('"description" must be text or null.');
  const trimmed = value.trim();
  if (trimmed.length > MAX_DESCRIPTION_LENGTH)
    throw ScimError.invalidValue(`"description" must be at most ${MAX_DESCRIPTION_LENGTH} characters.`);
  return trimmed === "" ? null : trimmed;
}

/** Refuses a body naming anything but `known`, so a misspelt attribute is not silently ignored. */
function onlyKnown(body: JsonObject, known: readonly string[]): void {
  const unknown = Object.keys(body).find((key) => !known.includes(key));
  if (unknown !== undefined)
    throw ScimError.invalidValue(
      `Unknown attribute ${JSON.stringify(unknown)}; the attributes are ${known.join(", ")}.`,
    );
}

/** A `POST /api/webhooks` body. */
export function parseEndpointRequest(body: JsonObject): EndpointInput {
  onlyKnown(body, ["url", "events", "description"]);
  return {
    url: parseEndpointUrl(body.url),
    eventTypes: body.events === undefined ? null : parseEventTypes(body.events),
    description: body.description === undefined ? null : parseDescription(body.description),
  };
}

/** A `PATCH /api/webhooks/{id}` body: only what it names changes. */
export function parseEndpointChanges(body: JsonObject): EndpointInputChanges {
  onlyKnown(body, ["url", "events", "description", "enabled"]);
  const { url, events, description, enabled } = body;
  if (enabled !== undefined && typeof enabled !== "boolean")
    throw ScimError.invalidValue('"enabled" must be true or false.');
  return {
    ...(url === undefined ? {} : { url: parseEndpointUrl(url) }),
    ...(events === undefined ? {} : { eventTypes: parseEventTypes(events) }),
    ...(description === undefined ? {} : { description: parseDescription(description) }),
    ...(enabled === undefined ? {} : { enabled }),
  };
}

/** A rotation's overlap in seconds: a whole number from 0 to 7 days. */
export function parseOverlapSeconds(value: unknown): number {
  if (value === undefined) return DEFAULT_OVERLAP_SECONDS;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_OVERLAP_SECONDS)
    throw ScimError.invalidValue(
      `"overlapSeconds" must be a whole number of seconds from 0 to ${MAX_OVERLAP_SECONDS} (7 days).`,
    );
  return value;
}

/** A `POST /api/webhooks/{id}/rotate` body (`{}` for the default overlap). */
export function parseRotation(body: JsonObject): number {
  onlyKnown(body, ["overlapSeconds"]);
  return parseOverlapSeconds(body.overlapSeconds);
}

/** A `POST /api/webhooks/{id}/deliveries/resend` body: 1 to 1000 delivery ids, each once. */
export function parseResendIds(body: JsonObject): string[] {
  onlyKnown(body, ["ids"]);
  const { ids } = body;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_RESEND_IDS)
    throw ScimError.invalidValue(`"ids" must be an array of 1 to ${MAX_RESEND_IDS} delivery ids.`);
  if (!ids.every((id): id is string => typeof id === "string" && id !== ""))
    throw ScimError.invalidValue('"ids" must hold delivery ids (non-empty text).');
  return [...new Set(ids)];
}
