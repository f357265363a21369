import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import type { OperationMatch } from "./operation-matcher.js";
import { loadSpecContract } from "./spec-contract.js";

const contract = loadSpecContract();
const origin = "http://127.0.0.1:1234";

const cases: [string, { given: [string, string]; want: OperationMatch | undefined }][] = [
  [
    "maps GET /Users to listUsers",
    { given: ["GET", "/scim/v2/Users"], want: { operationId: "listUsers", pathParams: {} } },
  ],
  [
    "maps POST /Users to createUser",
    { given: ["POST", "/scim/v2/Users"], want: { operationId: "createUser", pathParams: {} } },
  ],
  [
    "maps GET /Users/{id} to getUser with its id",
    { given: ["GET", "/scim/v2/Users/abc"], want: { operationId: "getUser", pathParams: { id: "abc" } } },
  ],
  [
    "matches the method case-insensitively",
    { given: ["patch", "/scim/v2/Users/abc"], want: { operationId: "patchUser", pathParams: { id: "abc" } } },
  ],
  [
    "prefers the literal /Users/.search over /Users/{id}",
    { given: ["POST", "/scim/v2/Users/.search"], want: { operationId: "searchUsers", pathParams: {} } },
  ],
  [
    "finds no GET on /Users/.search rather than a user named .search",
    { given: ["GET", "/scim/v2/Users/.search"], want: undefined },
  ],
  [
    "maps GET /Groups to listGroups",
    { given: ["GET", "/scim/v2/Groups"], want: { operationId: "listGroups", pathParams: {} } },
  ],
  [
    "maps DELETE /Groups/{id} to deleteGroup",
    {
      given: ["DELETE", "/scim/v2/Groups/g1"],
      want: { operationId: "deleteGroup", pathParams: { id: "g1" } },
    },
  ],
  [
    "keeps the colons of a schema URN in /Schemas/{id}",
    {
      given: ["GET", `/scim/v2/Schemas/${ScimUrn.User}`],
      want: { operationId: "getSchema", pathParams: { id: ScimUrn.User } },
    },
  ],
  [
    "decodes a percent-encoded schema URN",
    {
      given: ["GET", `/scim/v2/Schemas/${encodeURIComponent(ScimUrn.EnterpriseUser)}`],
      want: { operationId: "getSchema", pathParams: { id: ScimUrn.EnterpriseUser } },
    },
  ],
  [
    "maps /healthz at the origin",
    { given: ["GET", "/healthz"], want: { operationId: "getHealth", pathParams: {} } },
  ],
  [
    "maps /readyz at the origin",
    { given: ["GET", "/readyz"], want: { operationId: "getReadiness", pathParams: {} } },
  ],
  ["finds no /healthz under the SCIM base URL", { given: ["GET", "/scim/v2/healthz"], want: undefined }],
  ["finds no SCIM path outside the SCIM base URL", { given: ["GET", "/Users"], want: undefined }],
  ["finds no unknown path", { given: ["GET", "/scim/v2/Widgets"], want: undefined }],
  ["finds no method the path does not declare", { given: ["DELETE", "/scim/v2/Users"], want: undefined }],
  [
    "finds no path with a trailing slash the spec does not write",
    { given: ["GET", "/scim/v2/Users/"], want: undefined },
  ],
];

describe("matchOperation", () => {
  it.each(cases)("%s", (_name, { given: [method, path], want }) => {
    expect(contract.matchOperation(method, `${origin}${path}`)).toEqual(want);
  });

  it("matches on any host and port, and on a URL object", () => {
    const url = new URL("https://scim.example.com:8443/scim/v2/Users/abc?attributes=userName");
    expect(contract.matchOperation("GET", url)).toEqual({
      operationId: "getUser",
      pathParams: { id: "abc" },
    });
  });

  it("replaces the SCIM base path with basePath, leaving the origin's paths alone", () => {
    expect(contract.matchOperation("GET", `${origin}/tenant/acme/scim/Users`, "/tenant/acme/scim/")).toEqual({
      operationId: "listUsers",
      pathParams: {},
    });
    expect(contract.matchOperation("GET", `${origin}/scim/v2/Users`, "/tenant/acme/scim")).toBeUndefined();
    expect(contract.matchOperation("GET", `${origin}/healthz`, "/tenant/acme/scim")?.operationId).toBe(
      "getHealth",
    );
  });
});
