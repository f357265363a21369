import { ScimUrn, type ScimUserInput } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { clientFor, fakeScimServer, makeUsers, scimError, thrownBy } from "../test/fake-scim-server.js";
import { dataOrThrow, parseScimErrorBody, ScimClientError } from "./scim-client-error.js";

const taken: ScimUserInput = { schemas: [ScimUrn.User], userName: "user1@example.com" };

describe("ScimClientError from dataOrThrow", () => {
  it("returns data on success", async () => {
    const server = await fakeScimServer({ users: makeUsers(1) });
    const client = clientFor(server);

    const user = dataOrThrow(await client.GET("/Users/{id}", { params: { path: { id: "u1" } } }));

    expect(user.userName).toBe("user1@example.com");
  });

  it("throws 404 with the detail and no scimType", async () => {
    const server = await fakeScimServer();
    const result = await clientFor(server).GET("/Users/{id}", { params: { path: { id: "x" } } });

    expect(await thrownBy(() => dataOrThrow(result))).toMatchObject({
      status: 404,
      scimType: undefined,
      detail: "Resource x not found",
    });
  });

  it("throws 409 uniqueness with the SCIM body", async () => {
    const server = await fakeScimServer({ users: makeUsers(1) });
    const result = await clientFor(server).POST("/Users", { body: taken });

    let thrown: unknown;
    try {
      dataOrThrow(result);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ScimClientError);
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).toMatchObject({
      name: "ScimClientError",
      status: 409,
      scimType: "uniqueness",
      detail: "userName is already taken",
      body: {
        schemas: [ScimUrn.Error],
        status: "409",
        scimType: "uniqueness",
        detail: "userName is already taken",
      },
    });
    expect(String(thrown)).toContain("409");
  });

  it("throws 400 invalidValue", async () => {
    const server = await fakeScimServer();
    server.enqueue(scimError(400, "active must be a boolean", "invalidValue"));
    const result = await clientFor(server).POST("/Users", { body: taken });

    expect(await thrownBy(() => dataOrThrow(result))).toMatchObject({
      status: 400,
      scimType: "invalidValue",
    });
  });

  it("throws with no body when the server sends plain text", async () => {
    const server = await fakeScimServer();
    server.enqueue({ status: 502, body: "Bad Gateway", headers: { "Content-Type": "text/plain" } });
    const result = await clientFor(server).GET("/Users");

    expect(await thrownBy(() => dataOrThrow(result))).toEqual({
      name: "ScimClientError",
      status: 502,
      scimType: undefined,
      detail: undefined,
      body: undefined,
    });
  });
});

describe("parseScimErrorBody", () => {
  it.each([
    [
      "reads a full body",
      {
        given: { schemas: [ScimUrn.Error], status: "409", scimType: "uniqueness", detail: "d" },
        want: { schemas: [ScimUrn.Error], status: "409", scimType: "uniqueness", detail: "d" },
      },
    ],
    [
      "accepts a missing schemas when status matches",
      {
        given: { status: "404", detail: "d" },
        want: { schemas: [ScimUrn.Error], status: "404", detail: "d" },
      },
    ],
    [
      "accepts a numeric status",
      { given: { schemas: [ScimUrn.Error], status: 404 }, want: { schemas: [ScimUrn.Error], status: "404" } },
    ],
    [
      "drops an unknown scimType",
      {
        given: { schemas: [ScimUrn.Error], status: "400", scimType: "bogus" },
        want: { schemas: [ScimUrn.Error], status: "400" },
      },
    ],
    [
      "drops a non-string detail",
      {
        given: { schemas: [ScimUrn.Error], status: "400", detail: 7 },
        want: { schemas: [ScimUrn.Error], status: "400" },
      },
    ],
    ["rejects another JSON object", { given: { message: "nope" }, want: undefined }],
    ["rejects a string", { given: "Bad Gateway", want: undefined }],
    ["rejects nothing", { given: undefined, want: undefined }],
  ])("%s", (_name, { given, want }) => {
    const status = typeof given === "object" && "status" in given ? Number(given.status) : 500;
    expect(parseScimErrorBody(given, status)).toEqual(want);
  });
});
