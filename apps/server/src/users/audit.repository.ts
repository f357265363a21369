import type { Kysely, Transaction } from "kysely";
import type { Principal } from "../auth/principal.js";
import type { Database } from "../db/database.js";

/** Writes one audit event in the caller's transaction: who (token), what (operation), which attribute names. */
export async function recordAudit(
  db: Kysely<Database> | Transaction<Database>,
  deps: { now: () => Date; newId: () => string },
  principal: Pick<Principal, "tenantId" | "tokenId">,
  operation: string,
  resourceId: string,
  changed: readonly string[],
  resourceType = "User",
): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      id: deps.newId(),
      tenant_id: principal.tenantId,
      at: deps.now().toISOString(),
      token_id: principal.tokenId,
      operation,
      resource_type: resourceType,
      resource_id: resourceId,
      changed: JSON.stringify(changed),
    })
    .execute();
}
