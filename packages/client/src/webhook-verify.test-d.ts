import type {
  ProvisioningEvent,
  ProvisioningEventType,
  ScimGroup,
  ScimGroupMember,
  ScimUser,
} from "@scimkit/types";
import { describe, expectTypeOf, it } from "vitest";
import { isProvisioningEventType, type provisioningEventTypes } from "./provisioning-event-types.js";
import { verifyWebhook } from "./webhook-verify.js";

declare const rawBody: Uint8Array;

describe("verifyWebhook types", () => {
  it("returns a ProvisioningEvent that narrows by type", () => {
    const event = verifyWebhook(["whsec_new", "whsec_old"], { "webhook-id": "1" }, rawBody);
    expectTypeOf(event).toEqualTypeOf<ProvisioningEvent>();
    if (event.type === "group.member_added") {
      expectTypeOf(event.data.member).toEqualTypeOf<ScimGroupMember>();
      expectTypeOf(event.data.group).toEqualTypeOf<ScimGroup>();
    }
    if (event.type === "user.deleted") {
      expectTypeOf(event.data.user).toEqualTypeOf<ScimUser>();
      expectTypeOf(event.data.deleteMode).toEqualTypeOf<"soft" | "hard" | undefined>();
      // @ts-expect-error — a user event carries no member
      void event.data.member;
    }
    if (event.type === "webhook.test") expectTypeOf(event.data.endpointId).toEqualTypeOf<string>();
  });

  it("accepts fetch Headers and Node's header record", () => {
    verifyWebhook("whsec_x", new Headers(), "{}");
    verifyWebhook("whsec_x", { "webhook-signature": ["v1,a", "v1,b"], host: undefined }, "{}");
    // @ts-expect-error — the body is the raw text or bytes, not parsed JSON
    verifyWebhook("whsec_x", new Headers(), { type: "user.created" });
  });

  it("lists exactly the spec's event types", () => {
    expectTypeOf<(typeof provisioningEventTypes)[number]>().toEqualTypeOf<ProvisioningEventType>();
    const value: unknown = "user.created";
    if (isProvisioningEventType(value)) expectTypeOf(value).toEqualTypeOf<ProvisioningEventType>();
  });
});
