import { type ScimGroup, ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { clientFor, fakeScimServer, makeUsers, scimError, thrownBy } from "../test/fake-scim-server.js";
import { findGroupByDisplayName, findUserByExternalId, findUserByUserName } from "./lookups.js";

const groups: ScimGroup[] = [{ schemas: [ScimUrn.Group], id: "g1", displayName: `R&D "core"` }];

describe("lookups", () => {
  it.each([
    [
      "findUserByUserName finds a user",
      {
        given: (c: Client) => findUserByUserName(c, "user2@example.com"),
        want: { id: "u2", filter: 'userName eq "user2@example.com"' },
      },
    ],
    [
      "findUserByExternalId finds a user",
      {
        given: (c: Client) => findUserByExternalId(c, "ext-3"),
        want: { id: "u3", filter: 'externalId eq "ext-3"' },
      },
    ],
    [
      "findGroupByDisplayName finds a group",
      {
        given: (c: Client) => findGroupByDisplayName(c, `R&D "core"`),
        want: { id: "g1", filter: String.raw`displayName eq "R&D \"core\""` },
      },
    ],
    [
      "findUserByUserName returns undefined when none matches",
      {
        given: (c: Client) => findUserByUserName(c, "nobody"),
        want: { id: undefined, filter: 'userName eq "nobody"' },
      },
    ],
    [
      "findGroupByDisplayName returns undefined when none matches",
      {
        given: (c: Client) => findGroupByDisplayName(c, "x"),
        want: { id: undefined, filter: 'displayName eq "x"' },
      },
    ],
  ])("%s with one request for count=1", async (_name, { given, want }) => {
    const server = await fakeScimServer({ users: makeUsers(3), groups });

    const found = await given(clientFor(server));

    expect(found?.id).toBe(want.id);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.query.get("filter")).toBe(want.filter);
    expect(server.requests[0]?.query.get("count")).toBe("1");
  });

  it("returns the first when several match, asking for no second page", async () => {
    const twins = makeUsers(2).map((u) => ({ ...u, externalId: "same" }));
    const server = await fakeScimServer({ users: twins });

    const found = await findUserByExternalId(clientFor(server), "same");

    expect(found?.id).toBe("u1");
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [
      "401",
      {
        given: scimError(401, "Bad token"),
        want: { name: "ScimClientError", status: 401, scimType: undefined, detail: "Bad token" },
      },
    ],
    [
      "400 invalidFilter",
      { given: scimError(400, "No", "invalidFilter"), want: { status: 400, scimType: "invalidFilter" } },
    ],
  ])("throws ScimClientError on %s", async (_name, { given, want }) => {
    const server = await fakeScimServer({ users: makeUsers(1) });
    server.enqueue(given);

    expect(await thrownBy(() => findUserByUserName(clientFor(server), "user1@example.com"))).toMatchObject(
      want,
    );
  });
});

type Client = ReturnType<typeof clientFor>;
