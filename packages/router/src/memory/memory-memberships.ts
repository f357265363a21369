import { foldCase } from "@scimkit/core";
import type { GroupRef, MemberRef } from "../ports/records.js";
import { compareText } from "./memory-records.js";
import { type Membership, type MemoryView, within } from "./memory-state.js";

/*
 * Memberships of the in-memory store, kept in two tables (by group and by user) that every write
 * here changes together. A membership names a user and a group of the same tenant.
 */

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** The user's groups (the User `groups` attribute, RFC 7643 §4.1.2): by folded displayName, then id. */
export function groupRefsOf(view: MemoryView, tenantId: string, userId: string): GroupRef[] {
  const refs: { ref: GroupRef; key: string }[] = [];
  for (const membership of view.memberships.values(within(tenantId, userId))) {
    const group = view.groups.get(tenantId, membership.groupId);
    if (group === undefined) continue;
    const display = text(group.resource.displayName) ?? "";
    refs.push({ ref: { id: membership.groupId, display }, key: foldCase(display) });
  }
  refs.sort((a, b) => compareText(a.key, b.key) || compareText(a.ref.id, b.ref.id));
  return refs.map((r) => r.ref);
}

/** The group's members: oldest membership first, then member id; `display` is displayName, else userName. */
export function memberRefsOf(view: MemoryView, tenantId: string, groupId: string): MemberRef[] {
  return membershipsOf(view, tenantId, groupId).map((membership) => {
    const user = view.users.get(tenantId, membership.userId)?.resource;
    return {
      memberId: membership.userId,
      display: text(user?.displayName) ?? text(user?.userName) ?? "",
    };
  });
}

/** The group's membership rows, oldest first, then by member id. */
export function membershipsOf(view: MemoryView, tenantId: string, groupId: string): Membership[] {
  return [...view.members.values(within(tenantId, groupId))].sort(
    (a, b) => compareText(a.addedAt, b.addedAt) || compareText(a.userId, b.userId),
  );
}

/** Adds one membership unless it exists; whether it was new. */
export function addMembership(view: MemoryView, tenantId: string, membership: Membership): boolean {
  const byGroup = within(tenantId, membership.groupId);
  if (view.members.get(byGroup, membership.userId) !== undefined) return false;
  view.members.set(byGroup, membership.userId, membership);
  view.memberships.set(within(tenantId, membership.userId), membership.groupId, membership);
  return true;
}

/** Removes one membership; whether there was one. */
export function dropMembership(view: MemoryView, tenantId: string, groupId: string, userId: string): boolean {
  const existed = view.members.delete(within(tenantId, groupId), userId);
  view.memberships.delete(within(tenantId, userId), groupId);
  return existed;
}

/** Removes every membership of a user; the ids of the groups it left. */
export function dropUserMemberships(view: MemoryView, tenantId: string, userId: string): string[] {
  const groupIds = [...view.memberships.values(within(tenantId, userId))].map((m) => m.groupId);
  for (const groupId of groupIds) dropMembership(view, tenantId, groupId, userId);
  return groupIds;
}

/** Removes every membership of a group; the ids of the users that were members. */
export function dropGroupMemberships(view: MemoryView, tenantId: string, groupId: string): string[] {
  const userIds = [...view.members.values(within(tenantId, groupId))].map((m) => m.userId);
  for (const userId of userIds) dropMembership(view, tenantId, groupId, userId);
  return userIds;
}
