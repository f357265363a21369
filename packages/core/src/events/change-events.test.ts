import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { type ChangeRecord, describeChange, type GroupSnapshot, type UserSnapshot } from "./change-events.js";

const meta = (version: number) => ({
  resourceType: "User",
  created: "2026-12-01T09:00:00.000Z",
  lastModified: "2026-12-01T09:00:00.000Z",
  version: `W/"${version}"`,
});

function user(
  overrides: Omit<Partial<UserSnapshot>, "resource"> & { resource?: Record<string, unknown> } = {},
): UserSnapshot {
  const { resource, ...rest } = overrides;
  return {
    resource: {
      schemas: [ScimUrn.User],
      id: "u1",
      userName: "ann@example.com",
      name: { givenName: "Ann" },
      active: true,
      meta: meta(1),
      ...resource,
    } as UserSnapshot["resource"],
    status: "pending",
    source: "scim",
    joinedAt: null,
    ...rest,
  };
}

const group = (resource: Record<string, unknown> = {}): GroupSnapshot => ({
  resource: {
    schemas: [ScimUrn.Group],
    id: "g1",
    displayName: "Staff",
    ...resource,
  } as GroupSnapshot["resource"],
});

const types = (record: ChangeRecord) => record.events.map((event) => event.type);
const joined = { status: "active", joinedAt: "2026-12-02T09:00:00.000Z" } as const;

describe("describeChange for users", () => {
  it.each([
    ["a SCIM create", { after: user() }, ["user.created"], ["active", "name", "userName"]],
    [
      "a JIT sign-in (created joined)",
      { after: user({ source: "jit", ...joined }) },
      ["user.created", "user.joined"],
      ["active", "name", "userName"],
    ],
    ["a first sign-in", { before: user(), after: user(joined) }, ["user.joined"], []],
    [
      "a deactivation by PATCH or PUT",
      {
        before: user(joined),
        after: user({ ...joined, status: "deactivated", resource: { active: false, meta: meta(2) } }),
      },
      ["user.deactivated"],
      ["active"],
    ],
    [
      "a reactivation",
      {
        before: user({ status: "deactivated", resource: { active: false } }),
        after: user({ resource: { active: true, meta: meta(2) } }),
      },
      ["user.reactivated"],
      ["active"],
    ],
    [
      "a rename that deactivates",
      {
        before: user(joined),
        after: user({
          ...joined,
          status: "deactivated",
          resource: { active: false, name: { givenName: "Anna" }, meta: meta(2) },
        }),
      },
      ["user.deactivated", "user.updated"],
      ["active", "name.givenName"],
    ],
    [
      "a soft delete",
      { before: user(joined), after: user({ status: "deleted", joinedAt: joined.joinedAt }) },
      ["user.deleted"],
      [],
    ],
    ["a hard delete", { before: user(joined) }, ["user.deleted"], []],
    ["a write that changes nothing", { before: user(), after: user() }, [], []],
  ] as const)("%s", (_name, change, want, changed) => {
    const record = describeChange({ resourceType: "User", ...change });
    expect(types(record)).toEqual(want);
    expect(record.changed).toEqual(changed);
    expect(record.resourceId).toBe("u1");
  });

  it("lists the changed attributes on user.updated but not the lifecycle's own", () => {
    const record = describeChange({
      resourceType: "User",
      before: user(joined),
      after: user({ ...joined, resource: { active: false, title: "CTO", meta: meta(2) } }),
    });
    const updated = record.events.find((event) => event.type === "user.updated");
    expect(updated?.data).toMatchObject({ changed: ["title"] });
  });

  it("carries the user as GET returns it, without groups, with its status and source", () => {
    const after = user({ ...joined, resource: { groups: [{ value: "g1", display: "Staff" }] } });
    const [event] = describeChange({ resourceType: "User", before: user(), after }).events;
    expect(event?.data).toEqual({
      user: {
        schemas: [ScimUrn.User],
        id: "u1",
        userName: "ann@example.com",
        name: { givenName: "Ann" },
        active: true,
        meta: meta(1),
      },
      status: "active",
      source: "scim",
    });
  });

  it("says how a user was deleted", () => {
    const soft = describeChange({ resourceType: "User", before: user(), after: user({ status: "deleted" }) });
    const hard = describeChange({ resourceType: "User", before: user() });
    expect(soft.events[0]?.data).toMatchObject({ deleteMode: "soft", status: "deleted" });
    expect(hard.events[0]?.data).toMatchObject({ deleteMode: "hard", status: "pending" });
  });
});

describe("describeChange for groups", () => {
  const ann = { value: "u1", display: "ann@example.com" };
  const bob = { value: "u2", display: "bob@example.com" };

  it.each([
    [
      "a create with members",
      { after: group(), membersAdded: [ann, bob] },
      ["group.created", "group.member_added", "group.member_added"],
      ["displayName", "members"],
    ],
    [
      "a rename",
      { before: group(), after: group({ displayName: "Team" }) },
      ["group.updated"],
      ["displayName"],
    ],
    [
      "a member removed",
      { before: group(), after: group(), membersRemoved: [bob] },
      ["group.member_removed"],
      ["members"],
    ],
    [
      "a rename with a member added",
      { before: group(), after: group({ displayName: "Team" }), membersAdded: [ann] },
      ["group.updated", "group.member_added"],
      ["displayName", "members"],
    ],
    [
      "a delete of a group with a member",
      { before: group(), membersRemoved: [ann] },
      ["group.member_removed", "group.deleted"],
      [],
    ],
    ["nothing changed", { before: group(), after: group() }, [], []],
  ] as const)("%s", (_name, change, want, changed) => {
    const record = describeChange({ resourceType: "Group", ...change });
    expect(types(record)).toEqual(want);
    expect(record.changed).toEqual(changed);
  });

  it("gives each membership event the group without members and the member", () => {
    const record = describeChange({
      resourceType: "Group",
      before: group({ members: [ann] }),
      after: group({ members: [ann, bob] }),
      membersAdded: [bob],
    });
    expect(record.events).toEqual([
      {
        type: "group.member_added",
        data: { group: { schemas: [ScimUrn.Group], id: "g1", displayName: "Staff" }, member: bob },
      },
    ]);
  });
});

describe("describeChange for tenant settings", () => {
  it("lists the settings that changed, and yields nothing when none did", () => {
    const before = { provisioning: true, jit: false, groups: true, deleteMode: "soft" } as const;
    const after = { ...before, jit: true };
    expect(describeChange({ resourceType: "Tenant", tenantId: "t1", before, after })).toEqual({
      resourceType: "Tenant",
      resourceId: "t1",
      changed: ["jit"],
      events: [{ type: "tenant.settings_updated", data: { settings: after, changed: ["jit"] } }],
    });
    expect(describeChange({ resourceType: "Tenant", tenantId: "t1", before, after: before }).events).toEqual(
      [],
    );
  });
});
