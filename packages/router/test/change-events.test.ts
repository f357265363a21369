import type { ProvisioningEvent } from "@scimkit/types";
import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import {
  createMemoryStore,
  createScimHandler,
  createToken,
  defaultTenantSettings,
  type Store,
  type TenantSettings,
} from "../src/index.js";

const ORIGIN = "http://scim.test";
const BASE = "/scim/v2";

/** A tenant with its named SCIM token, and a fetch handler over a fresh in-memory store. */
async function provisioned(settings: Partial<TenantSettings> = {}) {
  const store: Store = createMemoryStore();
  const token = await store.transaction(async (unit) => {
    await unit.tenants.create({
      id: "t1",
      name: "Acme",
      createdAt: "2026-12-01T00:00:00.000Z",
      settings: { ...defaultTenantSettings, ...settings },
    });
    return createToken(unit, { now: () => new Date(), newId: () => "k1" }, "t1", "scim", "Okta");
  });
  const handler = createScimHandler({ store, publicUrl: ORIGIN });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await handler(
      new Request(ORIGIN + BASE + path, {
        method,
        headers: {
          authorization: `Bearer ${token.token}`,
          ...(body === undefined ? {} : { "content-type": "application/scim+json" }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    const text = await response.text();
    return { status: response.status, body: text === "" ? undefined : JSON.parse(text) };
  };
  /** The tenant's feed as a receiver gets it: each stored body parsed. */
  const feed = async (): Promise<ProvisioningEvent[]> => {
    const page = await store.read.events.page("t1", { limit: 1000 });
    return page.items.map((event) => JSON.parse(event.body) as ProvisioningEvent);
  };
  return { store, call, feed };
}

const user = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [ScimUrn.User],
  userName,
  name: { givenName: "Ann", familyName: "Lee" },
  emails: [{ value: userName, primary: true }],
  ...extra,
});

const patch = (...Operations: unknown[]) => ({ schemas: [ScimUrn.PatchOp], Operations });

describe("provisioning events written with each SCIM change", () => {
  it("a user's life: created, renamed and deactivated at once, reactivated, deleted", async () => {
    const { call, feed } = await provisioned();
    const created = await call("POST", "/Users", user("ann@example.com"));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const renamed = await call(
      "PATCH",
      `/Users/${id}`,
      patch({ op: "replace", value: { active: false, displayName: "Ann L." } }),
    );
    expect(renamed.status).toBe(200);
    expect((await call("PUT", `/Users/${id}`, user("ann@example.com", { active: true }))).status).toBe(200);
    expect((await call("DELETE", `/Users/${id}`)).status).toBe(204);

    const events = await feed();
    expect(events.map((event) => [event.type, event.sequence])).toEqual([
      ["user.created", 1],
      ["user.deactivated", 2],
      ["user.updated", 3],
      ["user.reactivated", 4],
      ["user.updated", 5],
      ["user.deleted", 6],
    ]);
    const [first, , updated] = events;
    expect(first).toMatchObject({
      tenantId: "t1",
      actor: { kind: "token", id: "k1", name: "Okta" },
      data: { status: "pending", source: "scim", user: { id, userName: "ann@example.com" } },
    });
    // The user as GET returned it then, without groups.
    expect(first?.data).toMatchObject({ user: { meta: { location: `${ORIGIN}${BASE}/Users/${id}` } } });
    expect(updated?.data).toMatchObject({ changed: ["displayName"] });
    expect(events[5]?.data).toMatchObject({ deleteMode: "soft", status: "deleted" });
  });

  it("writes nothing for a write that changes nothing or fails", async () => {
    const { call, feed } = await provisioned();
    const id = (await call("POST", "/Users", user("ann@example.com"))).body.id as string;
    await call("PATCH", `/Users/${id}`, patch({ op: "replace", path: "userName", value: "ann@example.com" }));
    expect((await call("POST", "/Users", user("ANN@example.com"))).status).toBe(409);
    const stale = await call(
      "PATCH",
      `/Users/${id}`,
      patch({ op: "replace", path: "displayName", value: "X" }),
      {
        "if-match": 'W/"nope"',
      },
    );
    expect(stale.status).toBe(412);
    expect((await feed()).map((event) => event.type)).toEqual(["user.created"]);
  });

  it("a group's memberships are one event each, from the net diff; a user's deletion removes its own", async () => {
    const { call, feed } = await provisioned();
    const ann = (await call("POST", "/Users", user("ann@example.com"))).body.id as string;
    const bob = (await call("POST", "/Users", user("bob@example.com"))).body.id as string;
    const group = await call("POST", "/Groups", {
      schemas: [ScimUrn.Group],
      displayName: "Engineering",
      members: [{ value: ann }],
    });
    const gid = group.body.id as string;
    await call(
      "PATCH",
      `/Groups/${gid}`,
      patch(
        { op: "add", path: "members", value: [{ value: bob }, { value: ann }] },
        { op: "replace", path: "displayName", value: "Eng" },
      ),
    );
    // Okta's replace of the whole list with the same members changes nothing.
    await call(
      "PATCH",
      `/Groups/${gid}`,
      patch({ op: "replace", path: "members", value: [{ value: ann }, { value: bob }] }),
    );
    await call("DELETE", `/Users/${bob}`);
    await call("DELETE", `/Groups/${gid}`);

    const groupEvents = (await feed()).filter((event) => event.type.startsWith("group."));
    expect(groupEvents.map((event) => [event.type, event.sequence])).toEqual([
      ["group.created", 1],
      ["group.member_added", 2],
      ["group.updated", 3],
      ["group.member_added", 4],
      ["group.member_removed", 5],
      ["group.deleted", 6],
    ]);
    expect(groupEvents[1]?.data).toMatchObject({
      group: { id: gid, displayName: "Engineering" },
      member: { value: ann, display: "ann@example.com", type: "User" },
    });
    expect(groupEvents[1]?.data).not.toHaveProperty("group.members");
    expect(groupEvents[4]?.data).toMatchObject({ member: { value: bob, display: "bob@example.com" } });
  });

  it("a hard delete keeps the user as it was", async () => {
    const { call, feed } = await provisioned({ deleteMode: "hard" });
    const id = (await call("POST", "/Users", user("ann@example.com"))).body.id as string;
    await call("DELETE", `/Users/${id}`);
    const events = await feed();
    expect(events.at(-1)).toMatchObject({
      type: "user.deleted",
      data: { deleteMode: "hard", user: { id, userName: "ann@example.com" } },
    });
  });
});
