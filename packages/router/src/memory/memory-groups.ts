import { compileFilter, foldCase, groupResourceSchema, ScimError } from "@scimkit/core";
import type { GroupRead, StoredGroup } from "../ports/records.js";
import type { GroupsPort } from "../ports/store-ports.js";
import { pageOf } from "./memory-list.js";
import {
  addMembership,
  dropGroupMemberships,
  dropMembership,
  dropUserMemberships,
  memberRefsOf,
  membershipsOf,
} from "./memory-memberships.js";
import { copyOf, idOf, versionOf } from "./memory-records.js";
import type { MemoryView } from "./memory-state.js";

function displayNameOf(group: StoredGroup): string {
  const displayName = group.resource.displayName;
  if (typeof displayName !== "string") throw new Error("A stored group needs a displayName.");
  return displayName;
}

/** A copy of what to store: `members` are rows of their own, never stored with the group. */
function toStored(group: StoredGroup): StoredGroup {
  const { members: _members, ...resource } = group.resource;
  return { resource: copyOf(resource) };
}

function taken(displayName: string): ScimError {
  return ScimError.uniqueness(`A group named ${JSON.stringify(displayName)} already exists in this tenant.`);
}

/**
 * The groups port over one view (RFC 7643 §4.2): displayNames unique per tenant,
 * case-insensitively; memberships name users of the same tenant.
 */
export function memoryGroups(view: MemoryView): GroupsPort {
  const read = (tenantId: string, group: StoredGroup, withMembers: boolean): GroupRead => {
    const resource = copyOf(group.resource);
    if (!withMembers) return { resource };
    return { resource, members: memberRefsOf(view, tenantId, idOf(group.resource)) };
  };
  const groupOrThrow = (tenantId: string, groupId: string) => {
    const group = view.groups.get(tenantId, groupId);
    if (group === undefined) throw new Error(`No group ${groupId} in tenant ${tenantId}.`);
    return group;
  };
  return {
    async get(tenantId, id, options) {
      const group = view.groups.get(tenantId, id);
      return group === undefined ? undefined : read(tenantId, group, options?.withMembers === true);
    },

    async insert(tenantId, group) {
      const stored = toStored(group);
      const id = idOf(stored.resource);
      const displayName = displayNameOf(stored);
      if (view.groups.get(tenantId, id) !== undefined)
        throw ScimError.uniqueness(`A group with id ${JSON.stringify(id)} exists already.`);
      if (view.groupNames.get(tenantId, foldCase(displayName)) !== undefined) throw taken(displayName);
      view.groupNames.set(tenantId, foldCase(displayName), id);
      view.groups.set(tenantId, id, stored);
    },

    async update(tenantId, next, expectedVersion) {
      const stored = toStored(next);
      const id = idOf(stored.resource);
      const current = view.groups.get(tenantId, id);
      if (current === undefined || versionOf(current.resource) !== expectedVersion) return false;
      const before = foldCase(displayNameOf(current));
      const after = foldCase(displayNameOf(stored));
      if (after !== before) {
        if (view.groupNames.get(tenantId, after) !== undefined) throw taken(displayNameOf(stored));
        view.groupNames.delete(tenantId, before);
        view.groupNames.set(tenantId, after, id);
      }
      view.groups.set(tenantId, id, stored);
      return true;
    },

    async remove(tenantId, id) {
      const group = view.groups.get(tenantId, id);
      if (group === undefined) return false;
      dropGroupMemberships(view, tenantId, id);
      view.groupNames.delete(tenantId, foldCase(displayNameOf(group)));
      view.groups.delete(tenantId, id);
      return true;
    },

    async list(tenantId, query) {
      const predicate =
        query.filter === undefined ? undefined : compileFilter(query.filter, groupResourceSchema);
      const matches = [...view.groups.values(tenantId)].filter(
        (group) => predicate === undefined || predicate(withMembers(view, tenantId, group)),
      );
      const order = { schema: groupResourceSchema, sort: query.sort, newestFirst: false };
      const page = pageOf(matches, (group) => group.resource, order, query.page);
      return { ...page, items: page.items.map((group) => read(tenantId, group, query.withMembers === true)) };
    },

    async memberIds(tenantId, groupId) {
      return membershipsOf(view, tenantId, groupId).map((m) => m.userId);
    },

    async addMembers(tenantId, groupId, userIds, at) {
      groupOrThrow(tenantId, groupId);
      // A membership names a user of the tenant (the SQL stores hold it with a foreign key).
      const unknown = userIds.find((userId) => view.users.get(tenantId, userId) === undefined);
      if (unknown !== undefined) throw new Error(`No user ${unknown} in tenant ${tenantId}.`);
      const added: string[] = [];
      for (const userId of new Set(userIds))
        if (addMembership(view, tenantId, { groupId, userId, addedAt: at })) added.push(userId);
      return added;
    },

    async removeMembers(tenantId, groupId, userIds) {
      if (userIds === undefined) return dropGroupMemberships(view, tenantId, groupId);
      return [...new Set(userIds)].filter((userId) => dropMembership(view, tenantId, groupId, userId));
    },

    async removeUserEverywhere(tenantId, userId) {
      return dropUserMemberships(view, tenantId, userId);
    },

    async namesOf(tenantId, ids) {
      const names = new Map<string, string>();
      for (const id of ids) {
        const group = view.groups.get(tenantId, id);
        if (group !== undefined) names.set(id, displayNameOf(group));
      }
      return names;
    },
  };
}

/** The group's resource with `members` derived from memberships, as a filter reads it. */
function withMembers(view: MemoryView, tenantId: string, group: StoredGroup) {
  const members = memberRefsOf(view, tenantId, idOf(group.resource)).map((m) => ({
    value: m.memberId,
    display: m.display,
  }));
  return members.length === 0 ? group.resource : { ...group.resource, members };
}
