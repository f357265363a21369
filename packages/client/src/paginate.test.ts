import { type ScimGroup, ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { clientFor, fakeScimServer, makeUsers, scimError, thrownBy } from "../test/fake-scim-server.js";
import { filter } from "./filter.js";
import { listAll, paginate } from "./paginate.js";

const startIndexes = (server: { requests: readonly { query: URLSearchParams }[] }) =>
  server.requests.map((r) => Number(r.query.get("startIndex")));

describe("paginate", () => {
  it.each<
    [
      string,
      { given: { users: number; count: number; maxResults?: number }; want: { startIndexes: number[] } },
    ]
  >([
    ["walks pages of count", { given: { users: 7, count: 3 }, want: { startIndexes: [1, 4, 7] } }],
    [
      "stops at totalResults without an extra request",
      { given: { users: 6, count: 3 }, want: { startIndexes: [1, 4] } },
    ],
    ["asks once when all fit", { given: { users: 2, count: 10 }, want: { startIndexes: [1] } }],
    ["asks once when there are none", { given: { users: 0, count: 10 }, want: { startIndexes: [1] } }],
    [
      "steps by the resources returned when the server caps count",
      { given: { users: 5, count: 4, maxResults: 2 }, want: { startIndexes: [1, 3, 5] } },
    ],
  ])("%s", async (_name, { given, want }) => {
    const users = makeUsers(given.users);
    const server = await fakeScimServer({
      users,
      ...(given.maxResults === undefined ? {} : { maxResults: given.maxResults }),
    });
    const client = clientFor(server);

    const got = await listAll(client, "/Users", { count: given.count });

    expect(got.map((u) => u.id)).toEqual(users.map((u) => u.id));
    expect(startIndexes(server)).toEqual(want.startIndexes);
    expect(server.requests.every((r) => r.query.get("count") === String(given.count))).toBe(true);
  });

  it.each([
    [
      "stops on an empty page when totalResults is too high",
      { given: { totalResults: 1000 }, want: [1, 3, 5, 6] },
    ],
    [
      "stops on a page of repeats when the server ignores startIndex",
      { given: { ignoreStartIndex: true, totalResults: 1000 }, want: [1, 3] },
    ],
  ])("%s", async (_name, { given, want }) => {
    const server = await fakeScimServer({ users: makeUsers(5), ...given });
    const client = clientFor(server);

    const got = await listAll(client, "/Users", { count: 2 });

    expect(new Set(got.map((u) => u.id)).size).toBe(got.length);
    expect(startIndexes(server)).toEqual(want);
  });

  it("stops early when totalResults is too low, trusting the server", async () => {
    const server = await fakeScimServer({ users: makeUsers(5), totalResults: 2 });

    const got = await listAll(clientFor(server), "/Users", { count: 2 });

    expect(got).toHaveLength(2);
    expect(server.requests).toHaveLength(1);
  });

  it("starts at startIndex", async () => {
    const server = await fakeScimServer({ users: makeUsers(5) });

    const got = await listAll(clientFor(server), "/Users", { startIndex: 4, count: 10 });

    expect(got.map((u) => u.id)).toEqual(["u4", "u5"]);
  });

  it("sends the query parameters", async () => {
    const server = await fakeScimServer();

    await listAll(clientFor(server), "/Users", {
      filter: filter.eq("userName", "bjensen"),
      sortBy: "name.familyName",
      sortOrder: "descending",
      attributes: ["userName", "emails"],
      excludedAttributes: ["groups"],
    });

    expect(Object.fromEntries(server.requests[0]?.query ?? [])).toEqual({
      filter: 'userName eq "bjensen"',
      startIndex: "1",
      sortBy: "name.familyName",
      sortOrder: "descending",
      attributes: "userName,emails",
      excludedAttributes: "groups",
    });
  });

  it("lists Groups", async () => {
    const groups: ScimGroup[] = [{ schemas: [ScimUrn.Group], id: "g1", displayName: "Admins" }];
    const server = await fakeScimServer({ groups });

    const got = await listAll(clientFor(server), "/Groups");

    expect(got.map((g) => g.displayName)).toEqual(["Admins"]);
    expect(server.requests[0]?.path).toBe("/Groups");
  });

  it("requests no further page when the consumer stops", async () => {
    const server = await fakeScimServer({ users: makeUsers(10) });

    for await (const user of paginate(clientFor(server), "/Users", { count: 2 })) {
      if (user.id === "u3") break;
    }

    expect(startIndexes(server)).toEqual([1, 3]);
  });

  it.each([
    [
      "400 invalidFilter",
      {
        given: scimError(400, "Bad filter", "invalidFilter"),
        want: { status: 400, scimType: "invalidFilter" },
      },
    ],
    [
      "401 without a SCIM body",
      { given: { status: 401 }, want: { status: 401, scimType: undefined, body: undefined } },
    ],
    [
      "500 without a scimType",
      { given: scimError(500, "Boom"), want: { status: 500, scimType: undefined, detail: "Boom" } },
    ],
  ])("throws ScimClientError on %s", async (_name, { given, want }) => {
    const server = await fakeScimServer({ users: makeUsers(3) });
    server.enqueue(given);

    expect(await thrownBy(() => listAll(clientFor(server), "/Users"))).toMatchObject({
      name: "ScimClientError",
      ...want,
    });
  });

  it("throws ScimClientError on an error answer to a later page", async () => {
    const server = await fakeScimServer({ users: makeUsers(3) });
    const client = clientFor(server, { retry: false });
    const pages = paginate(client, "/Users", { count: 2 });

    await pages.next();
    await pages.next();
    server.enqueue({ ...scimError(429, "Slow down"), headers: { "Retry-After": "0" } });

    await expect(pages.next()).rejects.toMatchObject({ status: 429 });
  });

  it("rejects with the abort reason and sends nothing when the signal is aborted", async () => {
    const server = await fakeScimServer({ users: makeUsers(3) });

    const call = listAll(clientFor(server), "/Users", { signal: AbortSignal.abort() });

    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    expect(server.requests).toHaveLength(0);
  });
});
