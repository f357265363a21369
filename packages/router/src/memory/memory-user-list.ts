import { compileFilter, foldCase, userResourceSchema } from "@scimkit/core";
import type { StoredUser, UserRead } from "../ports/records.js";
import { type Page, USER_SEARCH_LIMIT, type UserListQuery } from "../ports/store-ports.js";
import { pageOf } from "./memory-list.js";
import { groupRefsOf } from "./memory-memberships.js";
import { idOf } from "./memory-records.js";
import type { MemoryView } from "./memory-state.js";
import { userRead } from "./memory-user-read.js";

/**
 * A page of a tenant's users (RFC 7644 §3.4.2): statuses, the console's search, the filter
 * (@scimkit/core's evaluator, over the user with its `groups` as `[{ value, display }]` so
 * `groups.value eq "…"` sees memberships), then sort and page.
 */
export function listUsers(view: MemoryView, tenantId: string, query: UserListQuery): Page<UserRead> {
  const statuses = query.statuses === undefined ? undefined : new Set(query.statuses);
  // By default every user that is not (soft-)deleted (store-ports.ts `UserListQuery.statuses`).
  const wanted = (user: StoredUser) =>
    statuses === undefined ? user.status !== "deleted" : statuses.has(user.status);
  const matches = filterUsers(view, tenantId, query, wanted);
  const order = { schema: userResourceSchema, sort: query.sort, newestFirst: query.newestFirst === true };
  const resourceOf = (user: StoredUser) => user.resource;
  let total = matches.length;
  let kept = matches;
  if (query.search !== undefined && matches.length > USER_SEARCH_LIMIT) {
    // The search stops past its limit and says one more (store-ports.ts `UserListQuery.search`).
    const all = pageOf(matches, resourceOf, order, {
      kind: "offset",
      startIndex: 1,
      count: USER_SEARCH_LIMIT + 1,
    });
    kept = [...all.items];
    total = USER_SEARCH_LIMIT + 1;
  }
  const page = pageOf(kept, resourceOf, order, query.page, total);
  return { ...page, items: page.items.map((user) => userRead(view, tenantId, user)) };
}

function filterUsers(
  view: MemoryView,
  tenantId: string,
  query: UserListQuery,
  wanted: (user: StoredUser) => boolean,
): StoredUser[] {
  const search = query.search === undefined ? undefined : searchMatcher(query.search);
  const predicate = query.filter === undefined ? undefined : compileFilter(query.filter, userResourceSchema);
  const matches: StoredUser[] = [];
  for (const user of view.users.values(tenantId)) {
    if (!wanted(user)) continue;
    if (search !== undefined && !search(user)) continue;
    if (predicate !== undefined && !predicate(withGroups(view, tenantId, user))) continue;
    matches.push(user);
  }
  return matches;
}

/** The user's resource with `groups` derived from its memberships, as a filter reads it. */
function withGroups(view: MemoryView, tenantId: string, user: StoredUser) {
  const groups = groupRefsOf(view, tenantId, idOf(user.resource)).map((g) => ({
    value: g.id,
    display: g.display,
  }));
  return groups.length === 0 ? user.resource : { ...user.resource, groups };
}

/**
 * The console's search: userName or displayName starting with the text (case-insensitive), or
 * externalId or id equal to it; the text is trimmed, as a person types it.
 */
function searchMatcher(search: string): (user: StoredUser) => boolean {
  const text = search.trim();
  const prefix = foldCase(text);
  const startsWith = (value: unknown) => typeof value === "string" && foldCase(value).startsWith(prefix);
  return ({ resource }) =>
    startsWith(resource.userName) ||
    startsWith(resource.displayName) ||
    resource.externalId === text ||
    resource.id === text;
}
