import type { ProvisioningEventType } from "@scimkit/types";

/**
 * The values of a string union from the spec, as a list checked complete at compile time: a value
 * the spec adds and the list lacks is a type error, so the list and the spec cannot drift.
 */
function allOf<Union extends string>() {
  return <const Values extends readonly Union[]>(
    ...values: Values & ([Union] extends [Values[number]] ? unknown : never)
  ): Values => values;
}

/**
 * Every provisioning event type of the catalogue (spec/openapi.yaml `ProvisioningEventType`), in the
 * spec's order. Typed against the generated union, so a type the spec adds fails to compile here
 * until it is listed. docs/events.md says when each is emitted.
 */
export const provisioningEventTypes = allOf<ProvisioningEventType>()(
  "user.created",
  "user.joined",
  "user.updated",
  "user.deactivated",
  "user.reactivated",
  "user.deleted",
  "group.created",
  "group.updated",
  "group.deleted",
  "group.member_added",
  "group.member_removed",
  "tenant.settings_updated",
  "webhook.test",
);

/** Whether `value` is a provisioning event type of the catalogue (narrows an unknown input). */
export function isProvisioningEventType(value: unknown): value is ProvisioningEventType {
  return typeof value === "string" && (provisioningEventTypes as readonly string[]).includes(value);
}
