import { SCIM_MEDIA_TYPE, ScimUrn, type ScimUserInput } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { clientFor, fakeScimServer, makeUsers, TEST_TOKEN } from "../test/fake-scim-server.js";

const input: ScimUserInput = {
  schemas: [ScimUrn.User],
  userName: "bjensen@example.com",
  name: { givenName: "Barbara", familyName: "Jensen" },
};

describe("createScimClient", () => {
  it("sends the bearer token and SCIM Accept on every request, and Content-Type only with a body", async () => {
    const server = await fakeScimServer({ users: makeUsers(1) });
    const client = clientFor(server);

    await client.GET("/Users/{id}", { params: { path: { id: "u1" } } });
    await client.POST("/Users", { body: input });
    await client.DELETE("/Users/{id}", { params: { path: { id: "u1" } } });

    expect(server.requests.map((r) => [r.method, r.headers])).toEqual([
      ["GET", expect.not.objectContaining({ "content-type": expect.anything() })],
      ["POST", expect.objectContaining({ "content-type": SCIM_MEDIA_TYPE })],
      ["DELETE", expect.not.objectContaining({ "content-type": expect.anything() })],
    ]);
    for (const { headers } of server.requests) {
      expect(headers).toMatchObject({ authorization: `Bearer ${TEST_TOKEN}`, accept: SCIM_MEDIA_TYPE });
    }
  });

  it("sends the body as JSON and returns the created resource as data", async () => {
    const server = await fakeScimServer();
    const client = clientFor(server);

    const { data, error, response } = await client.POST("/Users", { body: input });

    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    expect(data).toMatchObject({ id: "new1", userName: input.userName });
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual(input);
  });

  it("returns the SCIM error message as error, without throwing, on 404", async () => {
    const server = await fakeScimServer();
    const client = clientFor(server);

    const { data, error, response } = await client.GET("/Users/{id}", { params: { path: { id: "nope" } } });

    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error).toEqual({ schemas: [ScimUrn.Error], status: "404", detail: "Resource nope not found" });
  });

  it("percent-encodes path parameters", async () => {
    const server = await fakeScimServer();
    const client = clientFor(server);

    await client.GET("/Users/{id}", { params: { path: { id: "a/b?c" } } });

    expect(server.requests[0]?.path).toBe("/Users/a%2Fb%3Fc");
  });

  it.each([
    ["adds extra headers", { given: { "X-Tenant": "acme" }, want: { "x-tenant": "acme" } }],
    [
      "lets extra headers override Accept",
      { given: { Accept: "application/json" }, want: { accept: "application/json" } },
    ],
  ])("%s", async (_name, { given, want }) => {
    const server = await fakeScimServer();
    const client = clientFor(server, { headers: given });

    await client.GET("/ServiceProviderConfig");

    expect(server.requests[0]?.headers).toMatchObject(want);
  });

  it("lets a request override Content-Type", async () => {
    const server = await fakeScimServer();
    const client = clientFor(server);

    await client.POST("/Users", { body: input, headers: { "Content-Type": "application/json" } });

    expect(server.requests[0]?.headers["content-type"]).toBe("application/json");
  });

  it("accepts a base URL with a trailing slash", async () => {
    const server = await fakeScimServer({ users: makeUsers(1) });
    const client = clientFor(server, { baseUrl: `${server.baseUrl}/` });

    const { data } = await client.GET("/Users/{id}", { params: { path: { id: "u1" } } });

    expect(data?.id).toBe("u1");
    expect(server.requests[0]?.path).toBe("/Users/u1");
  });

  it("uses the fetch it is given", async () => {
    const server = await fakeScimServer();
    const seen: string[] = [];
    const client = clientFor(server, {
      fetch: (request) => {
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
        return globalThis.fetch(request);
      },
    });

    await client.GET("/Groups");

    expect(seen).toEqual(["GET /scim/v2/Groups"]);
  });
});
