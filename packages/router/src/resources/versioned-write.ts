import { ScimError } from "@scimkit/core";
import type { Principal } from "../auth/principal.js";
import { requireIfMatch } from "../http/etag.js";
import type { AuditEvent } from "../ports/records.js";
import type { Clock, Ids, UnitOfWork } from "../ports/store-ports.js";

/** What a versioned write changes: the attribute names (for the audit log) and how to store it. */
export interface WritePlan<Result> {
  /** Attribute names that changed; none means nothing is written and nothing audited (unless `always`). */
  readonly changed: readonly string[];
  /** Write and audit even when no attribute changed (a delete). */
  readonly always?: boolean;
  /** Stores the change if the stored version is still `expectedVersion`; false on a lost race. */
  readonly write: (expectedVersion: string) => Promise<boolean>;
  /** What the caller gets back, read in the same transaction (the current state when nothing changed). */
  readonly result: () => Promise<Result> | Result;
}

/** One write of an existing resource. */
export interface VersionedWrite<Current, Result> {
  readonly resourceType: AuditEvent["resourceType"];
  readonly id: string;
  readonly operation: string;
  readonly ifMatch: string | undefined;
  /** Reads the resource for writing (locked where the store locks); undefined when there is none. */
  readonly load: () => Promise<Current | undefined>;
  /** The ETag `If-Match` is compared with (RFC 7644 §3.14). */
  readonly tagOf: (current: Current) => string;
  /** The stored version the write is conditional on. */
  readonly versionOf: (current: Current) => string;
  /** Decides the change from what is stored (may write rows of its own, e.g. memberships). */
  readonly plan: (current: Current) => Promise<WritePlan<Result>>;
}

/**
 * The one frame of every write to an existing resource, inside the caller's unit of work: load it
 * for writing → 404 when absent → `If-Match` (412) → plan → write only if the version is unchanged
 * (412 when another write came first) → audit the changed attribute names. A failure at any step
 * throws, and the unit of work rolls everything back.
 */
export async function versionedWrite<Current, Result>(
  unit: UnitOfWork,
  deps: Clock & Ids,
  principal: Pick<Principal, "tenantId" | "actor">,
  spec: VersionedWrite<Current, Result>,
): Promise<Result> {
  const current = await spec.load();
  if (current === undefined) throw ScimError.notFound(spec.resourceType, spec.id);
  requireIfMatch(spec.ifMatch, spec.tagOf(current), spec.resourceType);
  const plan = await spec.plan(current);
  if (plan.changed.length === 0 && plan.always !== true) return plan.result();
  if (!(await plan.write(spec.versionOf(current)))) {
    throw ScimError.preconditionFailed(
      `The ${spec.resourceType.toLowerCase()} was changed by another request; read it again and retry.`,
    );
  }
  await appendAudit(unit, deps, principal, spec.operation, spec.resourceType, spec.id, plan.changed);
  return plan.result();
}

/** Appends one audit event in the caller's unit of work: who (token), what, which attribute names. */
export async function appendAudit(
  unit: UnitOfWork,
  deps: Clock & Ids,
  principal: Pick<Principal, "tenantId" | "actor">,
  operation: string,
  resourceType: AuditEvent["resourceType"],
  resourceId: string,
  changed: readonly string[],
): Promise<void> {
  await unit.audit.append({
    id: deps.newId(),
    tenantId: principal.tenantId,
    at: deps.now().toISOString(),
    tokenId: principal.actor,
    operation,
    resourceType,
    resourceId,
    changed: [...changed],
  });
}
