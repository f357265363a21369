import type { ScimHooks } from "@scimkit/router";
import type { ProvisioningEvent } from "@scimkit/types";
import type { Kysely } from "kysely";
import type { AppDatabase } from "./app-tables.js";

/** The events after which a user may not stay signed in: the IdP deactivated or deleted them. */
const endsSessions = new Set<ProvisioningEvent["type"]>(["user.deactivated", "user.deleted"]);

/**
 * The app's hook on scimkit's provisioning events: when an IT admin deactivates or deletes someone
 * in the IdP, that person's sessions end now, not at their next sign-in. scimkit hands each event
 * over at least once (again after a crash), and ending sessions twice is harmless.
 */
export function sessionHooks(db: Kysely<AppDatabase>): ScimHooks {
  return {
    consumer: "existing-app-sessions",
    async onEvent(event) {
      if (!endsSessions.has(event.type) || !("user" in event.data)) return;
      await db
        .deleteFrom("sessions")
        .where("org_id", "=", event.tenantId)
        .where("user_id", "=", String(event.data.user.id))
        .execute();
    },
  };
}
