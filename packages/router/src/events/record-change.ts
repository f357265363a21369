import {
  type ChangeRecord,
  describeChange,
  type GroupSnapshot,
  type ResourceChange,
  type UserSnapshot,
} from "@scimkit/core";
import type { components } from "@scimkit/types";
import type { EventActor, Principal } from "../auth/principal.js";
import { groupToScim } from "../groups/group-resource.js";
import type { AuditEvent, EventResourceType, GroupRead, NewEvent, UserRead } from "../ports/records.js";
import type { Clock, Ids, UnitOfWork } from "../ports/store-ports.js";
import { userToScim } from "../users/user-resource.js";

type GroupMember = components["schemas"]["GroupMember"];

/** Who made a change, as its events name it: the principal's kind (a SCIM token unless said), id and name. */
export function eventActor(principal: Pick<Principal, "actor" | "actorKind" | "actorName">): EventActor {
  return { kind: principal.actorKind ?? "token", id: principal.actor, name: principal.actorName ?? null };
}

/** The SCIM base a change renders `meta.location` with: the request's. */
const baseOf = (principal: Pick<Principal, "scimBaseUrl">) => principal.scimBaseUrl ?? "";

/** A user as a change sees it: as `GET /Users/{id}` returns it (describeChange drops `groups`). */
export function userSnapshot(user: UserRead, principal: Pick<Principal, "scimBaseUrl">): UserSnapshot {
  return {
    resource: userToScim(user, baseOf(principal)),
    status: user.status,
    source: user.source,
    joinedAt: user.joinedAt,
  };
}

/** A group as a change sees it: as `GET /Groups/{id}?excludedAttributes=members` returns it. */
export function groupSnapshot(group: GroupRead, principal: Pick<Principal, "scimBaseUrl">): GroupSnapshot {
  return { resource: groupToScim({ resource: group.resource }, baseOf(principal)) };
}

/**
 * The members a membership change names, as `GET /Groups/{id}` lists them (`value`, `$ref`,
 * `type`), with the user's userName as `display` (read in the change's unit of work, deleted
 * users included, so a user's own deletion still names it).
 */
export async function memberRefs(
  unit: UnitOfWork,
  principal: Pick<Principal, "tenantId" | "scimBaseUrl">,
  ids: readonly string[],
): Promise<GroupMember[]> {
  if (ids.length === 0) return [];
  const names = await unit.users.namesOf(principal.tenantId, ids);
  return ids.map((id) => {
    const display = names.get(id);
    return {
      value: id,
      $ref: `${baseOf(principal)}/Users/${id}`,
      ...(display === undefined ? {} : { display }),
      type: "User" as const,
    };
  });
}

/** What recording a change needs: the unit of work it belongs to, a clock, ids and who is acting. */
export interface ChangeFrame {
  readonly unit: UnitOfWork;
  readonly deps: Clock & Ids;
  readonly principal: Principal;
}

/**
 * Records one change in the caller's unit of work, so it commits or rolls back with it: its audit
 * row (users and groups; `audit: false` for a side effect another change's row already tells, such
 * as the memberships a user's deletion removes) and its provisioning events, numbered per
 * resource by the outbox. Both come from `describeChange`, whatever route made the change.
 */
export async function recordChange(
  frame: ChangeFrame,
  operation: string,
  change: ResourceChange,
  options: { readonly audit?: boolean } = {},
): Promise<ChangeRecord> {
  const record = describeChange(change);
  await appendRecord(frame, operation, record, options);
  return record;
}

/** `recordChange` of a change already described (a caller that looked at the record first). */
export async function appendRecord(
  frame: ChangeFrame,
  operation: string,
  record: ChangeRecord,
  options: { readonly audit?: boolean } = {},
): Promise<void> {
  const { unit, deps, principal } = frame;
  if (record.resourceType !== "Tenant" && options.audit !== false)
    await appendAudit(
      unit,
      deps,
      principal,
      operation,
      record.resourceType,
      record.resourceId,
      record.changed,
    );
  if (record.events.length > 0) {
    const actor = eventActor(principal);
    const timestamp = deps.now().toISOString();
    const events = record.events.map(
      (event) => ({ id: deps.newId(), timestamp, actor, ...event }) as NewEvent,
    );
    const resource = { type: record.resourceType as EventResourceType, id: record.resourceId };
    await unit.events.append(principal.tenantId, resource, events);
  }
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
