import { createScimClient, dataOrThrow, patchOp, type ScimClient } from "@scimkit/client";
import { formatContractViolation } from "@scimkit/conformance";
import { ScimUrn } from "@scimkit/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
let scim: ScimClient;
beforeEach(async () => {
  server = await startTestServer();
  scim = createScimClient({
    baseUrl: server.scimUrl,
    fetch: server.fetch,
    token: server.token,
    retry: false,
  });
});
afterEach(async () => {
  expect(server.violations.map(formatContractViolation)).toEqual([]);
  await server.close();
});

describe("a user's ETag follows its groups", () => {
  it("changes when the user joins a group, so a cached copy with stale groups is not answered 304", async () => {
    const user = dataOrThrow(
      await scim.POST("/Users", { body: { schemas: [ScimUrn.User], userName: "eve@x.io" } }),
    );
    const before = String(user.meta?.version);
    const group = dataOrThrow(
      await scim.POST("/Groups", { body: { schemas: [ScimUrn.Group], displayName: "Ops" } }),
    );
    await scim.PATCH("/Groups/{id}", {
      params: { path: { id: group.id } },
      body: patchOp()
        .add("members", [{ value: user.id }])
        .build(),
    });

    const conditional = await scim.GET("/Users/{id}", {
      params: { path: { id: user.id }, header: { "If-None-Match": before } },
    });
    expect(conditional.response.status).toBe(200);
    expect(conditional.data?.groups?.map((g) => g.value)).toEqual([group.id]);
    const after = String(conditional.data?.meta?.version);
    expect(after).not.toBe(before);
    expect(conditional.response.headers.get("etag")).toBe(after);

    const stale = await scim.PATCH("/Users/{id}", {
      params: { path: { id: user.id }, header: { "If-Match": before } },
      body: patchOp().replace("displayName", "Eve").build(),
    });
    expect(stale.response.status).toBe(412);
    const fresh = await scim.PATCH("/Users/{id}", {
      params: { path: { id: user.id }, header: { "If-Match": after } },
      body: patchOp().replace("displayName", "Eve").build(),
    });
    expect(fresh.response.status).toBe(200);
    expect(
      (
        await scim.GET("/Users/{id}", {
          params: { path: { id: user.id }, header: { "If-None-Match": String(fresh.data?.meta?.version) } },
        })
      ).response.status,
    ).toBe(304);
  });
});
