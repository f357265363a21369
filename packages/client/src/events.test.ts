import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { createScimClient } from "./client.js";
import { events } from "./events.js";
import { ScimClientError } from "./scim-client-error.js";

/** A `webhook.test` event with this id (the smallest event of the catalogue). */
const event = (id: string) => ({
  id,
  type: "webhook.test" as const,
  timestamp: "2026-12-01T12:00:00.000Z",
  tenantId: "t1",
  sequence: 1,
  actor: { kind: "app" as const, id: "k1", name: null },
  data: { endpointId: "e1" },
});

/** A stub server over pages keyed by the `after` they answer (`""` for none); records each request URL. */
function stub(pages: Record<string, { items: string[]; cursor: string }>) {
  const urls: URL[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    urls.push(url);
    const page = pages[url.searchParams.get("after") ?? ""];
    if (page === undefined)
      return Response.json(
        { schemas: [ScimUrn.Error], status: "400", scimType: "invalidValue", detail: "bad cursor" },
        { status: 400 },
      );
    return Response.json({ items: page.items.map(event), cursor: page.cursor });
  };
  return { urls, client: createScimClient({ baseUrl: "http://scim.test", token: "t", fetch, retry: false }) };
}

async function collect(iterable: AsyncGenerator<{ id: string }, string | undefined>) {
  const ids: string[] = [];
  for (;;) {
    const next = await iterable.next();
    if (next.done) return { ids, returned: next.value };
    ids.push(next.value.id);
  }
}

describe("events", () => {
  it.each([
    [
      "follows cursors until a page is empty and returns the last cursor",
      {
        given: {
          "": { items: ["a", "b"], cursor: "2" },
          "2": { items: ["c"], cursor: "3" },
          "3": { items: [], cursor: "3" },
        },
        want: { ids: ["a", "b", "c"], afters: [null, "2", "3"], returned: "3" },
      },
    ],
    [
      "asks once when the feed is empty",
      { given: { "": { items: [], cursor: "0" } }, want: { ids: [], afters: [null], returned: "0" } },
    ],
    [
      "stops when a server answers the same cursor with items again",
      {
        given: { "": { items: ["a"], cursor: "1" }, "1": { items: ["a"], cursor: "1" } },
        want: { ids: ["a", "a"], afters: [null, "1"], returned: "1" },
      },
    ],
  ])("%s", async (_name, { given, want }) => {
    const { urls, client } = stub(given);
    const got = await collect(events(client));
    expect({
      ids: got.ids,
      afters: urls.map((url) => url.searchParams.get("after")),
      returned: got.returned,
    }).toEqual(want);
    expect(urls.every((url) => url.pathname === "/api/events")).toBe(true);
  });

  it("sends after, types comma-separated and limit, and reports each page's cursor", async () => {
    const { urls, client } = stub({ "7": { items: ["x"], cursor: "8" }, "8": { items: [], cursor: "8" } });
    const cursors: string[] = [];
    const got = await collect(
      events(client, {
        after: "7",
        types: ["user.created", "user.deleted"],
        limit: 5,
        onCursor: (c) => cursors.push(c),
      }),
    );
    expect(got.ids).toEqual(["x"]);
    expect(cursors).toEqual(["8", "8"]);
    expect(urls[0]?.searchParams.get("types")).toBe("user.created,user.deleted");
    expect(urls[0]?.searchParams.get("limit")).toBe("5");
  });

  it("makes its own client from options", async () => {
    const { urls } = stub({});
    const seen: string[] = [];
    const fetch = async (request: Request) => {
      seen.push(`${request.headers.get("authorization")} ${new URL(request.url).pathname}`);
      return Response.json({ items: [], cursor: "0" });
    };
    await collect(events({ baseUrl: "http://scim.test", token: "admin", fetch }));
    expect(seen).toEqual(["Bearer admin /api/events"]);
    expect(urls).toEqual([]);
  });

  it("throws a ScimClientError with the SCIM error of a refused cursor", async () => {
    const { client } = stub({});
    await expect(collect(events(client, { after: "nope" }))).rejects.toMatchObject({
      constructor: ScimClientError,
      status: 400,
      scimType: "invalidValue",
    });
  });
});
