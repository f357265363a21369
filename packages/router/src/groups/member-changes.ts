import { ScimError } from "@scimkit/core";
import type { UnitOfWork } from "../ports/store-ports.js";
import type { MemberChange } from "./group-patch.js";

/** 400 invalidValue unless every id is a live user of the tenant (only users can be members here). */
async function requireUsers(unit: UnitOfWork, tenantId: string, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await unit.users.existing(tenantId, unique);
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw ScimError.invalidValue(
      `Not users of this tenant: ${missing
        .slice(0, 5)
        .map((id) => JSON.stringify(id))
        .join(", ")}.`,
    );
  }
}

/** The memberships a write added and removed, net: a member removed then added again is neither. */
export interface MemberDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/**
 * Applies member changes to a group's membership rows in the caller's unit of work; returns the
 * net memberships added and removed (the membership events' diff). A replace touches only the
 * difference, so re-sending a 50,000-member list that changed by one writes one row.
 */
export async function applyMemberChanges(
  unit: UnitOfWork,
  tenantId: string,
  groupId: string,
  changes: readonly MemberChange[],
  now: Date,
): Promise<MemberDiff> {
  const added = new Set<string>();
  const removed = new Set<string>();
  const noteAdded = (ids: readonly string[]) => {
    for (const id of ids) if (!removed.delete(id)) added.add(id);
  };
  const noteRemoved = (ids: readonly string[]) => {
    for (const id of ids) if (!added.delete(id)) removed.add(id);
  };
  const at = now.toISOString();
  for (const change of changes) {
    if (change.kind !== "remove") await requireUsers(unit, tenantId, change.ids);
    if (change.kind === "add") {
      noteAdded(await unit.groups.addMembers(tenantId, groupId, change.ids, at));
    } else if (change.kind === "remove") {
      noteRemoved(await unit.groups.removeMembers(tenantId, groupId, change.ids));
    } else {
      const current = new Set(await unit.groups.memberIds(tenantId, groupId));
      const wanted = new Set(change.ids);
      const gone = [...current].filter((id) => !wanted.has(id));
      const fresh = [...wanted].filter((id) => !current.has(id));
      if (gone.length > 0) noteRemoved(await unit.groups.removeMembers(tenantId, groupId, gone));
      if (fresh.length > 0) noteAdded(await unit.groups.addMembers(tenantId, groupId, fresh, at));
    }
  }
  return { added: [...added], removed: [...removed] };
}
