import { setTimeout as sleep } from "node:timers/promises";
import { dataOrThrow, patchOp } from "@scimkit/client";
import { ScimUrn } from "@scimkit/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type ConsoleHarness,
  closeConsoleHarness,
  expectError,
  startConsoleHarness,
} from "./helpers/console-harness.js";

/** The admin console's `/api`: the team list (status, search, paging) and the audit log's filters. */
let harness: ConsoleHarness;
let scim: ConsoleHarness["scim"];
let api: ConsoleHarness["api"];
let provision: ConsoleHarness["provision"];

beforeEach(async () => {
  harness = await startConsoleHarness();
  ({ scim, api, provision } = harness);
});
afterEach(() => closeConsoleHarness(harness));

async function team(query: Record<string, string> = {}) {
  const reply = await api("GET", `/api/team?${new URLSearchParams(query)}`);
  expect(reply.status, reply.text).toBe(200);
  const body = reply.body as { totalResults: number; items: { email: string }[] };
  return { total: body.totalResults, emails: body.items.map((member) => member.email) };
}

/** One user in each status, created a few ms apart (the team lists newest first). */
async function oneOfEach() {
  const joined = await provision("joined@example.com");
  await api("POST", "/api/login", { email: "joined@example.com" });
  await sleep(3);
  await provision("pending@example.com");
  await sleep(3);
  const off = await provision("off@example.com");
  await scim.PATCH("/Users/{id}", {
    params: { path: { id: off.id } },
    body: patchOp().replace("active", false).build(),
  });
  await sleep(3);
  const deleted = await provision("deleted@example.com");
  await scim.DELETE("/Users/{id}", { params: { path: { id: deleted.id } } });
  return { joined };
}

describe("team", () => {
  it.each([
    ["by default only active users who joined", {}, ["joined@example.com"]],
    [
      "with status=pending provisioned users not yet logged in",
      { status: "pending" },
      ["pending@example.com"],
    ],
    [
      "with status=deactivated inactive and soft-deleted users",
      { status: "deactivated" },
      ["deleted@example.com", "off@example.com"],
    ],
    [
      "with status=all everyone, newest first",
      { status: "all" },
      ["deleted@example.com", "off@example.com", "pending@example.com", "joined@example.com"],
    ],
  ])("lists %s", async (_name, query, want) => {
    await oneOfEach();
    expect(await team(query)).toEqual({ total: want.length, emails: want });
  });

  it("pages into disjoint pages whose union is every member, each with the right total", async () => {
    for (const n of [1, 2, 3, 4, 5]) await api("POST", "/api/users", { email: `m${n}@example.com` });
    const pages = [];
    for (const startIndex of ["1", "3", "5"]) pages.push(await team({ startIndex, count: "2" }));
    expect(pages.map((page) => page.total)).toEqual([5, 5, 5]);
    expect(pages.map((page) => page.emails.length)).toEqual([2, 2, 1]);
    expect(new Set(pages.flatMap((page) => page.emails)).size).toBe(5);
    expect(await team({ search: "M", count: "2" })).toMatchObject({ total: 5, emails: pages[0]?.emails });
  });

  it.each([
    ["the start of an email with +, in any case", "ALICE+s", ["alice+scim@example.com"]],
    ["the start of a display name, in any case", "ROB", ["bob@example.com"]],
    ["the start of a display name as shown, beyond ASCII", "Élodie D", ["elodie@example.com"]],
    ["the start of a display name in another case, beyond ASCII", "élodie d", ["elodie@example.com"]],
    ["an exact externalId", "00u1", ["alice+scim@example.com"]],
    ["no part of an externalId", "00u", []],
    ["no text that is not a start", "lice", []],
  ])("searches %s", async (_name, search, want) => {
    await provision("alice+scim@example.com", { externalId: "00u1", displayName: "Alice Liddell" });
    await provision("bob@example.com", { displayName: "Robert Smith" });
    await provision("elodie@example.com", { displayName: "Élodie Durand" });
    expect((await team({ status: "all", search })).emails).toEqual(want);
  });

  it("searches an exact id, and combines search with status", async () => {
    const { joined } = await oneOfEach();
    expect((await team({ status: "all", search: joined.id })).emails).toEqual(["joined@example.com"]);
    expect(await team({ search: "d" })).toEqual({ total: 0, emails: [] });
    expect(await team({ status: "deactivated", search: "d" })).toEqual({
      total: 1,
      emails: ["deleted@example.com"],
    });
    expect((await team({ status: "all", search: "d" })).emails).toEqual(["deleted@example.com"]);
  });

  it("shows at most 1,000 matches of a broad search and says that more match", async () => {
    const at = new Date(0).toISOString();
    await harness.server.store.transaction(async (unit) => {
      for (let n = 0; n < 1_005; n++) {
        const userName = `crowd-${String(n).padStart(4, "0")}@x.io`;
        await unit.users.insert(harness.server.tenantId, {
          resource: {
            schemas: [ScimUrn.User],
            id: `crowd-${n}`,
            userName,
            meta: { created: at, lastModified: at },
          },
          status: "active",
          source: "local",
          joinedAt: at,
        });
      }
    });
    const page = async (query: string) => {
      const reply = await api("GET", `/api/team?${query}`);
      return reply.body as { totalResults: number; truncated?: boolean; items: unknown[] };
    };
    const broad = await page("search=crowd&count=50");
    expect(broad).toMatchObject({ totalResults: 1_000, truncated: true });
    expect(broad.items).toHaveLength(50);
    expect((await page("search=crowd&startIndex=991&count=50")).items).toHaveLength(10);
    const narrow = await page("search=CROWD-100");
    expect(narrow.totalResults).toBe(5);
    expect(narrow.truncated).toBeUndefined();
  });

  it("refuses an unknown status with 400 invalidValue", async () => {
    expectError(await api("GET", "/api/team?status=gone"), 400, "invalidValue");
  });
});

describe("audit log", () => {
  async function history() {
    const alice = await provision("alice+scim@example.com");
    const bob = await provision("bob@example.com");
    for (const [n, user] of [alice, bob, alice].entries())
      await scim.PATCH("/Users/{id}", {
        params: { path: { id: user.id } },
        body: patchOp().replace("displayName", `Name ${n}`).build(),
      });
    return { alice, bob };
  }

  async function audit(query: Record<string, string>) {
    const reply = await api("GET", `/api/audit?${new URLSearchParams(query)}`);
    expect(reply.status, reply.text).toBe(200);
    const body = reply.body as { totalResults: number; items: { operation: string; resourceId: string }[] };
    return { total: body.totalResults, events: body.items.map((e) => [e.operation, e.resourceId]) };
  }

  it("filters by user id or email, by operation, and by both", async () => {
    const { alice, bob } = await history();
    const aliceEvents = [
      ["patch", alice.id],
      ["patch", alice.id],
      ["create", alice.id],
    ];
    expect(await audit({ user: alice.id })).toEqual({ total: 3, events: aliceEvents });
    expect(await audit({ user: "Alice+SCIM@example.com" })).toEqual({ total: 3, events: aliceEvents });
    expect(await audit({ operation: "patch" })).toEqual({
      total: 3,
      events: [
        ["patch", alice.id],
        ["patch", bob.id],
        ["patch", alice.id],
      ],
    });
    expect(await audit({ user: "bob@example.com", operation: "patch" })).toEqual({
      total: 1,
      events: [["patch", bob.id]],
    });
    expect(await audit({ user: "nobody@example.com" })).toEqual({ total: 0, events: [] });
  });

  it("names each user and group an event is about, and nothing once it is removed", async () => {
    const { alice } = await history();
    const group = await scim
      .POST("/Groups", { body: { schemas: [ScimUrn.Group], displayName: "Engineering" } })
      .then(dataOrThrow);
    const names = async () => {
      const reply = await api("GET", "/api/audit?count=100");
      const items = (reply.body as { items: { resourceId: string; resourceName?: string }[] }).items;
      return new Map(items.map((event) => [event.resourceId, event.resourceName]));
    };
    expect((await names()).get(alice.id)).toBe("alice+scim@example.com");
    expect((await names()).get(group.id)).toBe("Engineering");
    await scim.DELETE("/Groups/{id}", { params: { path: { id: group.id } } });
    expect((await names()).get(group.id)).toBeUndefined();
  });

  it("finds by email the history of a deleted user, and of whoever got the email after", async () => {
    const gone = await provision("gone@example.com");
    await scim.DELETE("/Users/{id}", { params: { path: { id: gone.id } } });
    const again = await provision("gone@example.com");
    expect(await audit({ user: "Gone@Example.com" })).toEqual({
      total: 3,
      events: [
        ["create", again.id],
        ["delete", gone.id],
        ["create", gone.id],
      ],
    });
  });

  it("pages a filtered log with the filtered total", async () => {
    const { alice } = await history();
    const first = await audit({ user: alice.id, count: "2" });
    const second = await audit({ user: alice.id, startIndex: "3", count: "2" });
    expect([first.total, second.total]).toEqual([3, 3]);
    expect([...first.events, ...second.events]).toEqual((await audit({ user: alice.id })).events);
  });

  it("refuses an unknown operation with 400 invalidValue", async () => {
    expectError(await api("GET", "/api/audit?operation=frobnicate"), 400, "invalidValue");
  });
});
