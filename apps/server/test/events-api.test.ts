import { events, ScimClientError } from "@scimkit/client";
import type { EventResource, NewEvent, StoredEvent } from "@scimkit/router";
import { ScimUrn } from "@scimkit/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type ConsoleHarness,
  closeConsoleHarness,
  expectError,
  startConsoleHarness,
} from "./helpers/console-harness.js";
import { addTenant, addToken, caller } from "./reliability/reliability-helpers.js";

/** `GET /api/events`, the pull API, and @scimkit/client's `events()` over it. */
let harness: ConsoleHarness;
let api: ConsoleHarness["api"];
let adminToken: string;

beforeEach(async () => {
  harness = await startConsoleHarness();
  ({ api } = harness);
  // A second admin token for the client (the harness keeps its own to itself).
  adminToken = (await addToken(harness.server.store, harness.server.tenantId, "admin")).token;
});
afterEach(() => closeConsoleHarness(harness));

/**
 * A `user.created` event of user `id`, whose display name holds what JSON writes escaped or as
 * several bytes (a non-ASCII letter, an emoji, U+2028, a NUL), so a body rewritten on the way shows.
 */
function userCreated(eventId: string, id: string): NewEvent {
  return {
    id: eventId,
    type: "user.created",
    timestamp: "2026-12-01T09:30:00.000Z",
    actor: { kind: "token", id: "k1", name: "Okta" },
    data: {
      user: {
        schemas: [ScimUrn.User],
        id,
        userName: `${id}@example.com`,
        displayName: "Zoë 🎉 \u2028 \u0000",
      },
      status: "pending",
      source: "scim",
    },
  };
}

function groupCreated(eventId: string, id: string): NewEvent {
  return {
    id: eventId,
    type: "group.created",
    timestamp: "2026-12-01T09:31:00.000Z",
    actor: { kind: "token", id: "k1", name: null },
    data: { group: { schemas: [ScimUrn.Group], id, displayName: "Engineering" } },
  };
}

/** Appends the events as one write each; the stored events in feed order. */
async function append(
  tenantId: string,
  events: readonly [EventResource, NewEvent][],
): Promise<StoredEvent[]> {
  const stored: StoredEvent[] = [];
  for (const [resource, event] of events)
    stored.push(...(await harness.server.store.read.events.append(tenantId, resource, [event])));
  return stored;
}

/** Five events of the harness's tenant: users u1..u3 created, groups g1 and g2 created, interleaved. */
async function seed(): Promise<StoredEvent[]> {
  return append(harness.server.tenantId, [
    [{ type: "User", id: "u1" }, userCreated("e1", "u1")],
    [{ type: "Group", id: "g1" }, groupCreated("e2", "g1")],
    [{ type: "User", id: "u2" }, userCreated("e3", "u2")],
    [{ type: "User", id: "u3" }, userCreated("e4", "u3")],
    [{ type: "Group", id: "g2" }, groupCreated("e5", "g2")],
  ]);
}

interface Page {
  readonly items: { id: string; type: string }[];
  readonly cursor: string;
}

/** Every page from `after` on, `limit` at a time, following cursors until an empty page. */
async function pages(query: string, after?: string): Promise<Page[]> {
  const got: Page[] = [];
  let cursor = after;
  for (;;) {
    const reply = await api("GET", `/api/events?${query}${cursor === undefined ? "" : `&after=${cursor}`}`);
    expect(reply.status, reply.text).toBe(200);
    const page = reply.body as Page;
    got.push(page);
    if (page.items.length === 0) return got;
    cursor = page.cursor;
  }
}

describe("the pull API", () => {
  it("pages through the tenant's events in feed order by cursor, and an empty page keeps the cursor", async () => {
    const stored = await seed();
    const got = await pages("limit=2");
    expect(got.map((page) => page.items.map((event) => event.id))).toEqual([
      ["e1", "e2"],
      ["e3", "e4"],
      ["e5"],
      [],
    ]);
    expect(got.map((page) => page.cursor)).toEqual([
      stored[1]?.position,
      stored[3]?.position,
      stored[4]?.position,
      stored[4]?.position,
    ]);
    await append(harness.server.tenantId, [[{ type: "User", id: "u4" }, userCreated("e6", "u4")]]);
    const later = await pages("limit=2", got.at(-1)?.cursor);
    expect(later.map((page) => page.items.map((event) => event.id))).toEqual([["e6"], []]);
  });

  it("sends each event byte for byte as stored", async () => {
    const stored = await seed();
    const reply = await api("GET", "/api/events?limit=10");
    expect(reply.headers.get("content-type")).toMatch(/^application\/json/);
    expect(reply.text).toBe(
      `{"items":[${stored.map((event) => event.body).join(",")}],"cursor":${JSON.stringify(stored[4]?.position)}}`,
    );
    expect(reply.text).toContain("\\u0000");
    expect(reply.text).toContain("\u2028");
  });

  it("filters by type, comma-separated", async () => {
    await seed();
    const groups = await pages("types=group.created&limit=1");
    expect(groups.flatMap((page) => page.items.map((event) => event.id))).toEqual(["e2", "e5"]);
    const both = await pages("types=group.created,%20user.created");
    expect(both.flatMap((page) => page.items.map((event) => event.id))).toEqual([
      "e1",
      "e2",
      "e3",
      "e4",
      "e5",
    ]);
    expect((await pages("types=user.deleted")).flatMap((page) => page.items)).toEqual([]);
  });

  it("shows only the tenant's own events", async () => {
    const other = await addTenant(harness.server.store);
    await append(other.tenantId, [[{ type: "User", id: "u9" }, userCreated("theirs", "u9")]]);
    await seed();
    const ids = (await pages("limit=100")).flatMap((page) => page.items.map((event) => event.id));
    expect(ids).toEqual(["e1", "e2", "e3", "e4", "e5"]);
  });

  it.each([
    ["a cursor the server did not hand out", "after=not-a-cursor"],
    ["an unknown type", "types=user.exploded"],
    ["an empty type in the list", "types=user.created,,user.deleted"],
    ["an empty types", "types="],
    ["a limit of 0", "limit=0"],
    ["a limit over 1000", "limit=1001"],
    ["a limit that is not a number", "limit=ten"],
    ["a repeated parameter", "limit=1&limit=2"],
  ])("refuses %s with 400 and a SCIM error body", async (_name, query) => {
    expectError(await api("GET", `/api/events?${query}`), 400, "invalidValue");
  });

  it("needs an admin token: a SCIM token gets 403", async () => {
    const scim = caller(harness.server, harness.server.token, harness.server.origin);
    expectError(await scim("GET", "/api/events"), 403);
  });
});

describe("events() of @scimkit/client against the server", () => {
  const options = () => ({ baseUrl: harness.server.origin, token: adminToken, fetch: harness.server.fetch });

  it("iterates every event as typed data, a page at a time, and returns the cursor to resume from", async () => {
    const stored = await seed();
    const cursors: string[] = [];
    const iterator = events(options(), { limit: 2, onCursor: (cursor) => cursors.push(cursor) });
    const got: string[] = [];
    let next = await iterator.next();
    while (next.done !== true) {
      got.push(`${next.value.type} ${next.value.sequence}`);
      next = await iterator.next();
    }
    expect(got).toEqual([
      "user.created 1",
      "group.created 1",
      "user.created 1",
      "user.created 1",
      "group.created 1",
    ]);
    expect(next.value).toBe(stored[4]?.position);
    expect(cursors.at(-1)).toBe(stored[4]?.position);
  });

  it("resumes after a cursor and filters by type", async () => {
    const stored = await seed();
    const ids: string[] = [];
    for await (const event of events(options(), {
      after: stored[1]?.position ?? "",
      types: ["user.created"],
    }))
      ids.push(event.id);
    expect(ids).toEqual(["e3", "e4"]);
  });

  it("throws a ScimClientError for a refused cursor", async () => {
    const iterate = async () => {
      for await (const _event of events(options(), { after: "not-a-cursor" })) {
        // nothing: the first page is refused
      }
    };
    await expect(iterate()).rejects.toBeInstanceOf(ScimClientError);
    await expect(iterate()).rejects.toMatchObject({ status: 400, scimType: "invalidValue" });
  });
});
