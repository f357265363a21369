import { describeChange, type ResourceChange, ScimError } from "@scimkit/core";
import type { Principal } from "../auth/principal.js";
import { appendRecord } from "../events/record-change.js";
import { requireIfMatch } from "../http/etag.js";
import type { AuditEvent } from "../ports/records.js";
import type { Clock, Ids, UnitOfWork } from "../ports/store-ports.js";

/** What a versioned write changes (for its audit row and events) and how to store it. */
export interface WritePlan<Result> {
  /**
   * The resource before and after (`describeChange`): a change whose audit row lists no attribute
   * and that yields no event is not written (unless `always`).
   */
  readonly change: ResourceChange;
  /** Write and record even when nothing changed (a delete). */
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
 * (412 when another write came first) → record the change: its audit row and its events
 * (record-change.ts). A failure at any step throws, and the unit of work rolls everything back.
 */
export async function versionedWrite<Current, Result>(
  unit: UnitOfWork,
  deps: Clock & Ids,
  principal: Principal,
  spec: VersionedWrite<Current, Result>,
): Promise<Result> {
  const current = await spec.load();
  if (current === undefined) throw ScimError.notFound(spec.resourceType, spec.id);
  requireIfMatch(spec.ifMatch, spec.tagOf(current), spec.resourceType);
  const plan = await spec.plan(current);
  const record = describeChange(plan.change);
  if (plan.always !== true && record.changed.length === 0 && record.events.length === 0) return plan.result();
  if (!(await plan.write(spec.versionOf(current)))) {
    throw ScimError.preconditionFailed(
      `The ${spec.resourceType.toLowerCase()} was changed by another request; read it again and retry.`,
    );
  }
  await appendRecord({ unit, deps, principal }, spec.operation, record);
  return plan.result();
}
