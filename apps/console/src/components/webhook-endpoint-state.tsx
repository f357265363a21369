import type { components } from "@scimkit/types";
import { formatTime } from "../format.js";

type WebhookEndpoint = components["schemas"]["WebhookEndpoint"];

/** An endpoint's state in a word (its badge) and, when it matters, since when. */
export function endpointState(endpoint: WebhookEndpoint): {
  readonly label: string;
  readonly badge: "active" | "pending" | "deactivated";
  readonly detail?: string;
} {
  const since = endpoint.failingSince === null ? undefined : formatTime(endpoint.failingSince);
  if (endpoint.enabled)
    return since === undefined
      ? { label: "Enabled", badge: "active" }
      : { label: "Failing", badge: "pending", detail: `every attempt has failed since ${since}` };
  if (endpoint.disabledReason === "failing")
    return {
      label: "Disabled: kept failing",
      badge: "deactivated",
      detail: since === undefined ? "scimkit stopped sending" : `every attempt failed since ${since}`,
    };
  return { label: "Disabled", badge: "deactivated", detail: "by an admin" };
}

/** The badge and its detail, as the endpoint list and an endpoint's page show it. */
export function EndpointState(props: { endpoint: WebhookEndpoint }) {
  const state = endpointState(props.endpoint);
  return (
    <>
      <span class={`badge badge-${state.badge}`}>{state.label}</span>
      {state.detail !== undefined && <span class="help"> {state.detail}</span>}
    </>
  );
}

/** The event types an endpoint takes, in words: "Every type" for no filter. */
export function eventsText(endpoint: WebhookEndpoint): string {
  return endpoint.events === null ? "Every type" : endpoint.events.join(", ");
}
