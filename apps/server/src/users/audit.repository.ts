import type { Kysely, Transaction } from "kysely";
import type { Principal } from "../auth/principal.js";
import type { Database } from "../db/database.js";
import { preparedQuery } from "../db/prepared-query.js";

const insertEvent = preparedQuery(
  ["id", "tenantId", "at", "tokenId", "operation", "resourceType", "resourceId", "changed"],
  (db, p) =>
    db.insertInto("audit_events").values({
      id: p.id,
      tenant_id: p.tenantId,
      at: p.at,
      token_id: p.tokenId,
      operation: p.operation,
      resource_type: p.resourceType,
      resource_id: p.resourceId,
      changed: p.changed,
    }),
);

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
  await insertEvent.execute(db, {
    id: deps.newId(),
    tenantId: principal.tenantId,
    at: deps.now().toISOString(),
    tokenId: principal.tokenId,
    operation,
    resourceType,
    resourceId,
    changed: JSON.stringify(changed),
  });
}
