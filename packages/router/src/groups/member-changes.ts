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

/**
 * Applies member changes to a group's membership rows in the caller's unit of work; returns how
 * many memberships were added or removed. A replace touches only the difference, so re-sending a
 * 50,000-member list that changed by one writes one row.
 */
export async function applyMemberChanges(
  unit: UnitOfWork,
  tenantId: string,
  groupId: string,
  changes: readonly MemberChange[],
  now: Date,
): Promise<number> {
  let touched = 0;
  const at = now.toISOString();
  for (const change of changes) {
    if (change.kind !== "remove") await requireUsers(unit, tenantId, change.ids);
    if (change.kind === "add") {
      touched += await unit.groups.addMembers(tenantId, groupId, change.ids, at);
    } else if (change.kind === "remove") {
      touched += await unit.groups.removeMembers(tenantId, groupId, change.ids);
    } else {
      const current = new Set(await unit.groups.memberIds(tenantId, groupId));
      const wanted = new Set(change.ids);
      const gone = [...current].filter((id) => !wanted.has(id));
      const added = [...wanted].filter((id) => !current.has(id));
      if (gone.length > 0) touched += await unit.groups.removeMembers(tenantId, groupId, gone);
      if (added.length > 0) touched += await unit.groups.addMembers(tenantId, groupId, added, at);
    }
  }
  return touched;
}
