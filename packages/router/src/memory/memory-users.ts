import { foldCase, ScimError } from "@scimkit/core";
import type { StoredUser } from "../ports/records.js";
import type { UsersPort } from "../ports/store-ports.js";
import { dropUserMemberships } from "./memory-memberships.js";
import { copyOf, idOf, versionOf } from "./memory-records.js";
import type { MemoryView } from "./memory-state.js";
import { listUsers } from "./memory-user-list.js";
import { isLive, userNameOf, userRead } from "./memory-user-read.js";

/** A copy of what to store: `groups` is derived from memberships, never stored with the user. */
function toStored(user: StoredUser): StoredUser {
  const { groups: _groups, ...resource } = user.resource;
  return copyOf({ resource, status: user.status, source: user.source, joinedAt: user.joinedAt });
}

function taken(userName: string): ScimError {
  return ScimError.uniqueness(`userName ${JSON.stringify(userName)} is already taken in this tenant.`);
}

/** The users port over one view (RFC 7643 §4.1): live userNames unique per tenant, case-insensitively. */
export function memoryUsers(view: MemoryView): UsersPort {
  const live = (tenantId: string, id: string) => {
    const user = view.users.get(tenantId, id);
    return user !== undefined && isLive(user) ? user : undefined;
  };
  return {
    async get(tenantId, id) {
      const user = live(tenantId, id);
      return user === undefined ? undefined : userRead(view, tenantId, user);
    },

    async findByUserName(tenantId, userName) {
      const id = view.userNames.get(tenantId, foldCase(userName));
      const user = id === undefined ? undefined : live(tenantId, id);
      return user === undefined ? undefined : userRead(view, tenantId, user);
    },

    async insert(tenantId, user) {
      const stored = toStored(user);
      const id = idOf(stored.resource);
      const userName = userNameOf(stored);
      if (view.users.get(tenantId, id) !== undefined)
        throw ScimError.uniqueness(`A user with id ${JSON.stringify(id)} exists already.`);
      if (isLive(stored)) {
        if (view.userNames.get(tenantId, foldCase(userName)) !== undefined) throw taken(userName);
        view.userNames.set(tenantId, foldCase(userName), id);
      }
      view.users.set(tenantId, id, stored);
    },

    async update(tenantId, next, expectedVersion) {
      const stored = toStored(next);
      const id = idOf(stored.resource);
      const current = live(tenantId, id);
      if (current === undefined || versionOf(current.resource) !== expectedVersion) return false;
      const before = foldCase(userNameOf(current));
      const after = isLive(stored) ? foldCase(userNameOf(stored)) : undefined;
      if (after !== undefined && after !== before) {
        const owner = view.userNames.get(tenantId, after);
        if (owner !== undefined && owner !== id) throw taken(userNameOf(stored));
      }
      if (after !== before) {
        view.userNames.delete(tenantId, before);
        if (after !== undefined) view.userNames.set(tenantId, after, id);
      }
      view.users.set(tenantId, id, stored);
      return true;
    },

    async remove(tenantId, id) {
      const user = view.users.get(tenantId, id);
      if (user === undefined) return;
      const key = foldCase(userNameOf(user));
      if (isLive(user) && view.userNames.get(tenantId, key) === id) view.userNames.delete(tenantId, key);
      view.users.delete(tenantId, id);
      dropUserMemberships(view, tenantId, id);
    },

    async list(tenantId, query) {
      return listUsers(view, tenantId, query);
    },

    async existing(tenantId, ids) {
      return new Set(ids.filter((id) => live(tenantId, id) !== undefined));
    },

    async idsNamed(tenantId, text) {
      const key = foldCase(text);
      const ids: string[] = [];
      for (const [id, user] of view.users.entries(tenantId))
        if (id === text || foldCase(userNameOf(user)) === key) ids.push(id);
      return ids;
    },

    async namesOf(tenantId, ids) {
      const names = new Map<string, string>();
      for (const id of ids) {
        const user = view.users.get(tenantId, id);
        if (user !== undefined) names.set(id, userNameOf(user));
      }
      return names;
    },
  };
}
