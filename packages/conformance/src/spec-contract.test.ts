import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SCIM_MEDIA_TYPE, ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { type CannedReply, withCannedServer } from "../test/canned-server.js";
import {
  notFoundError,
  rfcExample,
  scimReply,
  serviceProviderConfig,
  user,
  userList,
} from "../test/scim-bodies.js";
import { createCheckedFetch } from "./checked-fetch.js";
import type { ContractViolation } from "./contract-violation.js";
import { loadSpecContract } from "./spec-contract.js";

const contract = loadSpecContract();

/** Sends `method path` to a canned server through the checked fetch; returns what it recorded. */
async function violationsOf(method: string, path: string, reply: CannedReply): Promise<ContractViolation[]> {
  return withCannedServer(reply, async (origin) => {
    const checked = createCheckedFetch(contract);
    const response = await checked.fetch(`${origin}${path}`, { method });
    await response.arrayBuffer();
    return checked.violations;
  });
}

const { schemas: _dropped, ...configWithoutSchemas } = serviceProviderConfig;

const cases: [string, { given: [string, string, CannedReply]; want: Partial<ContractViolation>[] }][] = [
  [
    "passes a conforming ServiceProviderConfig",
    { given: ["GET", "/scim/v2/ServiceProviderConfig", scimReply(200, serviceProviderConfig)], want: [] },
  ],
  [
    "passes a conforming ListResponse",
    { given: ["GET", "/scim/v2/Users", scimReply(200, userList)], want: [] },
  ],
  [
    "passes a conforming Error through components/responses",
    { given: ["GET", "/scim/v2/Users/2819c223", scimReply(404, notFoundError)], want: [] },
  ],
  [
    "passes a Content-Type with a charset parameter",
    {
      given: [
        "GET",
        "/scim/v2/Users",
        { status: 200, contentType: `${SCIM_MEDIA_TYPE}; charset=utf-8`, body: userList },
      ],
      want: [],
    },
  ],
  [
    "passes a 204 without a body",
    { given: ["DELETE", "/scim/v2/Users/2819c223", { status: 204 }], want: [] },
  ],
  ["passes a 304 without a body", { given: ["GET", "/scim/v2/Users/2819c223", { status: 304 }], want: [] }],
  [
    "passes the RFC 7643 §8.4 group as a getGroup response",
    {
      given: ["GET", "/scim/v2/Groups/e9e30dba", scimReply(200, rfcExample("rfc7643-8.4-group-full.json"))],
      want: [],
    },
  ],
  [
    "reports 200 on createUser, which declares 201",
    {
      given: ["POST", "/scim/v2/Users", scimReply(200, user)],
      want: [{ kind: "undeclared-status", operationId: "createUser", status: 200 }],
    },
  ],
  [
    "reports a Content-Type other than the declared media type",
    {
      given: [
        "GET",
        "/scim/v2/ServiceProviderConfig",
        { status: 200, contentType: "text/html", body: serviceProviderConfig },
      ],
      want: [{ kind: "content-type", messages: ["Content-Type text/html is not application/scim+json"] }],
    },
  ],
  [
    "reports a body without its required schemas",
    {
      given: ["GET", "/scim/v2/ServiceProviderConfig", scimReply(200, configWithoutSchemas)],
      want: [{ kind: "schema", messages: ["/ must have required property 'schemas'"] }],
    },
  ],
  [
    "reports totalResults sent as a string",
    {
      given: ["GET", "/scim/v2/Users", scimReply(200, { ...userList, totalResults: "1" })],
      want: [{ kind: "schema", messages: ["/totalResults must be integer"] }],
    },
  ],
  [
    "reports an Error whose status is a number",
    {
      given: ["GET", "/scim/v2/Users/2819c223", scimReply(404, { ...notFoundError, status: 404 })],
      want: [{ kind: "schema", messages: ["/status must be string"] }],
    },
  ],
  [
    "reports a password in a response, since it is writeOnly",
    {
      given: ["GET", "/scim/v2/Users/2819c223", scimReply(200, { ...user, password: "t1meMa$heen" })],
      want: [{ kind: "schema", messages: ["/password must not be returned in a response (writeOnly)"] }],
    },
  ],
  [
    "reports a missing body where content is declared",
    {
      given: ["GET", "/scim/v2/ServiceProviderConfig", { status: 200, contentType: SCIM_MEDIA_TYPE }],
      want: [{ kind: "missing-body" }],
    },
  ],
  [
    "reports a body that is not JSON",
    { given: ["GET", "/scim/v2/Users", scimReply(200, "{not json")], want: [{ kind: "invalid-json" }] },
  ],
];

describe("checkResponse through a checked fetch", () => {
  it.each(cases)("%s", async (_name, { given: [method, path, reply], want }) => {
    const violations = await violationsOf(method, path, reply);
    expect(violations).toMatchObject(want);
  });
});

describe("checkResponse", () => {
  it("reports a body on a 204, which fetch itself would drop", () => {
    const violations = contract.checkResponse("deleteUser", { status: 204, body: "{}" });
    expect(violations).toMatchObject([{ kind: "unexpected-body", operationId: "deleteUser", status: 204 }]);
  });

  it("reports at most five schema errors per body and counts the rest", () => {
    const body = JSON.stringify({ ...userList, Resources: [{}, {}, {}, {}] });
    const [violation] = contract.checkResponse("listUsers", {
      status: 200,
      contentType: SCIM_MEDIA_TYPE,
      body,
    });
    expect(violation?.messages).toHaveLength(6);
    expect(violation?.messages.at(-1)).toBe("… and 3 more");
  });

  it("throws on an operationId the spec does not have", () => {
    expect(() => contract.checkResponse("listWidgets", { status: 200 })).toThrow(TypeError);
  });
});

describe("loadSpecContract", () => {
  it("reads the spec from an explicit specPath", () => {
    const specPath = fileURLToPath(new URL("../../../spec/openapi.yaml", import.meta.url));
    const loaded = loadSpecContract({ specPath });
    expect(loaded.matchOperation("GET", "http://localhost/scim/v2/Groups")?.operationId).toBe("listGroups");
  });

  it("reads a copy of the spec from another directory", async () => {
    const directory = await mkdtemp(join(tmpdir(), "scimkit-conformance-"));
    const specPath = join(directory, "copy.yaml");
    const yaml = [
      "openapi: 3.1.0",
      "paths:",
      "  /ping:",
      "    get:",
      "      operationId: ping",
      "      responses:",
      '        "200": { description: ok }',
    ];
    await writeFile(specPath, yaml.join("\n"));
    const loaded = loadSpecContract({ specPath });
    expect(loaded.matchOperation("GET", "http://localhost/ping")).toEqual({
      operationId: "ping",
      pathParams: {},
    });
    expect(loaded.checkResponse("ping", { status: 200, body: "pong" })).toMatchObject([
      { kind: "unexpected-body" },
    ]);
  });

  it("rejects a document that is not OpenAPI", () => {
    expect(() => loadSpecContract({ document: { schemas: [ScimUrn.User] } })).toThrow(
      /not an OpenAPI document/,
    );
  });
});
