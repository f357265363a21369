import { type ScimErrorBody, type ScimGroup, ScimUrn, type ScimUser } from "@scimkit/types";
import { describe, expectTypeOf, it } from "vitest";
import { createScimClient } from "./client.js";
import { filter } from "./filter.js";
import { findGroupByDisplayName, findUserByUserName } from "./lookups.js";
import { listAll, paginate } from "./paginate.js";
import { patchOp } from "./patch-op.js";
import { dataOrThrow, ScimClientError } from "./scim-client-error.js";

const client = createScimClient({ baseUrl: "http://localhost/scim/v2", token: "t" });

describe("typed raw calls", () => {
  it("types data and error by path and method", async () => {
    const { data, error } = await client.GET("/Users/{id}", { params: { path: { id: "1" } } });
    // openapi-fetch maps bodies through Readable<>, which drops `readonly`, so the types are not
    // identical to the aliases; all-optional SCIM shapes also extend one another, hence the properties.
    expectTypeOf(data).not.toBeAny();
    expectTypeOf(data).toExtend<ScimUser | undefined>();
    expectTypeOf(data).exclude<undefined>().toHaveProperty("userName");
    expectTypeOf(data).exclude<undefined>().not.toHaveProperty("members");
    expectTypeOf(error).toEqualTypeOf<ScimErrorBody | undefined>();
    const group = dataOrThrow(await client.GET("/Groups/{id}", { params: { path: { id: "1" } } }));
    expectTypeOf(group).not.toBeAny();
    expectTypeOf(group).toExtend<ScimGroup>();
    expectTypeOf(group).toHaveProperty("members");
    expectTypeOf(group).not.toHaveProperty("userName");
  });

  it("rejects unknown paths, missing params and wrong bodies", () => {
    // @ts-expect-error — not a path of the contract
    void client.GET("/Nope", {});
    // @ts-expect-error — the path parameter `id` is required
    void client.GET("/Users/{id}");
    // @ts-expect-error — POST /Users needs `userName`
    void client.POST("/Users", { body: { schemas: [ScimUrn.User] } });
    // @ts-expect-error — `active` is a boolean
    void client.POST("/Users", { body: { schemas: [ScimUrn.User], userName: "u", active: "yes" } });
    // @ts-expect-error — no PUT on the list endpoint
    void client.PUT("/Users", { body: { schemas: [ScimUrn.User], userName: "u" } });
    // @ts-expect-error — sortOrder is ascending or descending
    void client.GET("/Users", { params: { query: { sortOrder: "up" } } });
    void client.PATCH("/Users/{id}", {
      params: { path: { id: "1" } },
      body: patchOp().remove("title").build(),
    });
  });

  it("rejects a client without a token", () => {
    // @ts-expect-error — token is required
    createScimClient({ baseUrl: "http://localhost/scim/v2" });
  });
});

describe("helpers", () => {
  it("types resources by list path", () => {
    expectTypeOf(paginate(client, "/Users")).toEqualTypeOf<AsyncGenerator<ScimUser, void, undefined>>();
    expectTypeOf(listAll(client, "/Groups")).toEqualTypeOf<Promise<ScimGroup[]>>();
    expectTypeOf(findUserByUserName(client, "u")).toEqualTypeOf<Promise<ScimUser | undefined>>();
    expectTypeOf(findGroupByDisplayName(client, "g")).toEqualTypeOf<Promise<ScimGroup | undefined>>();
    // @ts-expect-error — not a list endpoint paginate walks
    void listAll(client, "/Schemas");
  });

  it("types filter values by operator", () => {
    filter.eq("active", true);
    filter.ge("meta.created", new Date());
    // @ts-expect-error — gt does not apply to booleans
    filter.gt("active", true);
    // @ts-expect-error — co takes a string
    filter.co("x", 1);
    // @ts-expect-error — and takes filters, not strings
    filter.and("userName pr");
  });

  it("types ScimClientError fields", () => {
    const error = new ScimClientError(409);
    expectTypeOf(error.status).toEqualTypeOf<number>();
    expectTypeOf(error.scimType).toEqualTypeOf<
      | "invalidFilter"
      | "tooMany"
      | "uniqueness"
      | "mutability"
      | "invalidSyntax"
      | "invalidPath"
      | "noTarget"
      | "invalidValue"
      | "invalidVers"
      | "sensitive"
      | undefined
    >();
    expectTypeOf(error.body).toEqualTypeOf<ScimErrorBody | undefined>();
  });
});
