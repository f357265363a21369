import type { components } from "@scimkit/types";
import type { UserStatus } from "../lifecycle/user-status.js";
import { changedAttributes } from "../patch/changed-attributes.js";
import { groupResourceSchema, userResourceSchema } from "../schema/resource-schemas.js";

type Schemas = components["schemas"];

/**
 * A user as a change sees it: the SCIM representation as `GET /Users/{id}` returns it (without
 * `groups`, which membership events carry), and the app's lifecycle columns.
 */
export interface UserSnapshot {
  readonly resource: Schemas["User"];
  readonly status: UserStatus;
  readonly source: Schemas["UserEventData"]["source"];
  readonly joinedAt: string | null;
}

/** A group as a change sees it: as `GET /Groups/{id}` returns it, without `members`. */
export interface GroupSnapshot {
  readonly resource: Schemas["Group"];
}

/**
 * One change to one resource, whatever route made it (SCIM, JIT, the app API, the console):
 * what it was and what it is. An absent `before` is a creation, an absent `after` a hard delete.
 */
export type ResourceChange =
  | {
      readonly resourceType: "User";
      readonly before?: UserSnapshot;
      readonly after?: UserSnapshot;
    }
  | {
      readonly resourceType: "Group";
      readonly before?: GroupSnapshot;
      readonly after?: GroupSnapshot;
      /** Memberships the change added and removed (a user's deletion removes its own). */
      readonly membersAdded?: readonly Schemas["GroupMember"][];
      readonly membersRemoved?: readonly Schemas["GroupMember"][];
    }
  | {
      readonly resourceType: "Tenant";
      readonly tenantId: string;
      readonly before: Schemas["TenantSettings"];
      readonly after: Schemas["TenantSettings"];
    };

/** An event as a change yields it; the outbox adds its id, timestamp, sequence and actor. */
export type ChangeEvent =
  | { readonly type: Schemas["UserEvent"]["type"]; readonly data: Schemas["UserEventData"] }
  | { readonly type: Schemas["GroupEvent"]["type"]; readonly data: Schemas["GroupEventData"] }
  | { readonly type: Schemas["MemberEvent"]["type"]; readonly data: Schemas["MemberEventData"] }
  | {
      readonly type: Schemas["TenantSettingsEvent"]["type"];
      readonly data: Schemas["TenantSettingsEventData"];
    };

/** What one change amounts to: the attribute names its audit row lists, and its events in order. */
export interface ChangeRecord {
  readonly resourceType: "User" | "Group" | "Tenant";
  readonly resourceId: string;
  /** The names of the attributes that changed (never values): the audit row's `changed`. */
  readonly changed: readonly string[];
  readonly events: readonly ChangeEvent[];
}

/** The attributes a creation set: every attribute of the new resource but the server's own. */
function createdAttributes(resource: object): string[] {
  return Object.keys(resource)
    .filter((name) => name !== "schemas" && name !== "id" && name !== "meta")
    .sort();
}

/** Attribute names that are the lifecycle's, told by their own events rather than by `user.updated`. */
const lifecycleAttributes = new Set(["active"]);

/**
 * The attributes a client changed, between two representations: `meta` moves on every write (the
 * server's version and timestamp), so it is never "changed" (RFC 7643 §3.1: readOnly).
 */
function clientChanges(before: object, after: object, schema: typeof userResourceSchema): string[] {
  return changedAttributes(
    before as Readonly<Record<string, unknown>>,
    after as Readonly<Record<string, unknown>>,
    schema,
  ).filter((name) => name !== "meta" && !name.startsWith("meta."));
}

function userData(
  user: UserSnapshot,
  extra: Partial<Schemas["UserEventData"]> = {},
): Schemas["UserEventData"] {
  const { groups: _groups, ...resource } = user.resource;
  return { user: resource as Schemas["User"], status: user.status, source: user.source, ...extra };
}

function userEvents(before: UserSnapshot | undefined, after: UserSnapshot | undefined) {
  const events: ChangeEvent[] = [];
  if (after === undefined) {
    // A hard delete: the user as it was.
    if (before !== undefined)
      events.push({ type: "user.deleted", data: userData(before, { deleteMode: "hard" }) });
    return { changed: [] as string[], events };
  }
  if (before === undefined) {
    events.push({ type: "user.created", data: userData(after) });
    // A JIT sign-in creates the user joined: it is created, then it joins.
    if (after.joinedAt !== null) events.push({ type: "user.joined", data: userData(after) });
    const { groups: _groups, ...resource } = after.resource;
    return { changed: createdAttributes(resource), events };
  }
  const changed = clientChanges(before.resource, after.resource, userResourceSchema);
  if (after.status === "deleted" && before.status !== "deleted") {
    events.push({ type: "user.deleted", data: userData(after, { deleteMode: "soft" }) });
    return { changed, events };
  }
  if (before.joinedAt === null && after.joinedAt !== null)
    events.push({ type: "user.joined", data: userData(after) });
  const wasActive = before.resource.active !== false;
  const isActive = after.resource.active !== false;
  if (wasActive && !isActive) events.push({ type: "user.deactivated", data: userData(after) });
  if (!wasActive && isActive) events.push({ type: "user.reactivated", data: userData(after) });
  const updated = changed.filter((name) => !lifecycleAttributes.has(name));
  if (updated.length > 0) events.push({ type: "user.updated", data: userData(after, { changed: updated }) });
  return { changed, events };
}

function groupData(group: GroupSnapshot, changed?: readonly string[]): Schemas["GroupEventData"] {
  const { members: _members, ...resource } = group.resource;
  return { group: resource as Schemas["Group"], ...(changed === undefined ? {} : { changed: [...changed] }) };
}

function groupEvents(change: Extract<ResourceChange, { resourceType: "Group" }>) {
  const { before, after } = change;
  const events: ChangeEvent[] = [];
  const current = after ?? before;
  if (current === undefined) return { changed: [] as string[], events };
  const updated =
    before !== undefined && after !== undefined
      ? clientChanges(before.resource, after.resource, groupResourceSchema).filter(
          (name) => name !== "members",
        )
      : [];
  if (before === undefined) events.push({ type: "group.created", data: groupData(current) });
  if (updated.length > 0) events.push({ type: "group.updated", data: groupData(current, updated) });
  // What the audit row lists: a creation's attributes, else the attributes the update changed.
  const changed =
    before === undefined
      ? createdAttributes(groupData(current).group).filter((name) => name !== "members")
      : updated;
  const group = groupData(current).group;
  for (const member of change.membersAdded ?? [])
    events.push({ type: "group.member_added", data: { group, member } });
  for (const member of change.membersRemoved ?? [])
    events.push({ type: "group.member_removed", data: { group, member } });
  if (after === undefined) events.push({ type: "group.deleted", data: groupData(current) });
  // A deletion lists no attributes (its memberships go with it); other writes list `members` when it changed.
  if (after === undefined) return { changed: [] as string[], events };
  const members =
    (change.membersAdded?.length ?? 0) + (change.membersRemoved?.length ?? 0) > 0 ? ["members"] : [];
  return { changed: [...changed, ...members].sort(), events };
}

function tenantEvents(change: Extract<ResourceChange, { resourceType: "Tenant" }>) {
  const keys = [...new Set([...Object.keys(change.before), ...Object.keys(change.after)])].sort();
  const settings = (value: Schemas["TenantSettings"]) => value as Readonly<Record<string, unknown>>;
  const changed = keys.filter((key) => settings(change.before)[key] !== settings(change.after)[key]);
  const events: ChangeEvent[] =
    changed.length === 0
      ? []
      : [{ type: "tenant.settings_updated", data: { settings: change.after, changed } }];
  return { changed, events };
}

/**
 * The one place a change becomes its audit row's attribute names and its provisioning events
 * (the spec's `ProvisioningEventType`), whatever route made it:
 * - a user created is `user.created` (and `user.joined` when it starts joined, as a JIT sign-in
 *   does); its first sign-in `user.joined`; `active` true → false `user.deactivated` (by PATCH or
 *   PUT), false → true `user.reactivated`; any other attribute changed `user.updated` listing
 *   them (so a rename that deactivates yields both); a soft or hard delete `user.deleted`;
 * - a group's creation, other attributes and deletion are `group.created`, `group.updated` and
 *   `group.deleted`; each membership added or removed is one `group.member_added` or
 *   `group.member_removed`;
 * - a tenant's settings are `tenant.settings_updated` listing the settings that changed.
 * A change that changes nothing yields no event. Events come in the order a receiver should
 * apply them; the outbox numbers them per resource.
 */
export function describeChange(change: ResourceChange): ChangeRecord {
  switch (change.resourceType) {
    case "User": {
      const id = String((change.after ?? change.before)?.resource.id ?? "");
      return { resourceType: "User", resourceId: id, ...userEvents(change.before, change.after) };
    }
    case "Group": {
      const id = String((change.after ?? change.before)?.resource.id ?? "");
      return { resourceType: "Group", resourceId: id, ...groupEvents(change) };
    }
    case "Tenant":
      return { resourceType: "Tenant", resourceId: change.tenantId, ...tenantEvents(change) };
  }
}
