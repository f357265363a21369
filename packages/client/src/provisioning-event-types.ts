import { type ProvisioningEventType, provisioningEventTypes } from "@scimkit/types";

/**
 * Every provisioning event type of the catalogue, in the spec's order: the list @scimkit/types
 * generates from spec/openapi.yaml (`ProvisioningEventType`), re-exported so a receiver needs only
 * the client. docs/events.md says when each is emitted.
 */
export { provisioningEventTypes };

/** Whether `value` is a provisioning event type of the catalogue (narrows an unknown input). */
export function isProvisioningEventType(value: unknown): value is ProvisioningEventType {
  return typeof value === "string" && (provisioningEventTypes as readonly string[]).includes(value);
}
