import { formatContractViolation } from "@scimkit/conformance";
import { ScimUrn } from "@scimkit/types";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers/test-server.js";

/**
 * No client input produces a 500: random bodies, filters, paths and parameters against the Users
 * endpoints get a 2xx or a SCIM 4xx error body. (A bounded smoke; the full fuzz lives with the
 * reliability work.)
 */
let server: TestServer;
let userId = "";
beforeAll(async () => {
  server = await startTestServer();
  const response = await send("POST", "/Users", { schemas: [ScimUrn.User], userName: "fuzz@example.com" });
  userId = ((await response.json()) as { id: string }).id;
});
afterAll(async () => {
  // Every response these tests saw conforms to spec/openapi.yaml.
  expect(server.violations.map(formatContractViolation)).toEqual([]);
  await server.close();
});

function send(method: string, path: string, body?: unknown, raw?: string): Promise<Response> {
  return server.fetch(server.scimUrl + path, {
    method,
    headers: { authorization: `Bearer ${server.token}`, "content-type": "application/scim+json" },
    ...(raw !== undefined ? { body: raw } : body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const json = fc.jsonValue({ maxDepth: 4 });
const scimish = fc.record(
  {
    schemas: fc.oneof(fc.constant([ScimUrn.User]), fc.array(fc.string()), json),
    userName: fc.oneof(fc.constantFrom("a@x.io", "A@X.IO", "b+c@x.io"), fc.string(), json),
    emails: fc.oneof(
      fc.array(
        fc.record({ value: fc.string(), primary: fc.oneof(fc.boolean(), json) }, { requiredKeys: [] }),
      ),
      json,
    ),
    active: fc.oneof(fc.boolean(), fc.constantFrom("True", "False", "yes"), json),
    name: fc.oneof(fc.record({ givenName: fc.string() }), json),
    [ScimUrn.EnterpriseUser]: fc.oneof(fc.record({ employeeNumber: fc.string() }), json),
  },
  { requiredKeys: [] },
);
const patchBody = fc.record(
  {
    schemas: fc.oneof(fc.constant([ScimUrn.PatchOp]), json),
    Operations: fc.oneof(
      fc.array(
        fc.record(
          {
            op: fc.oneof(fc.constantFrom("add", "Replace", "remove", "copy"), fc.string()),
            path: fc.oneof(
              fc.constantFrom(
                "userName",
                "name.givenName",
                'emails[type eq "work"].value',
                "active",
                "emails[",
                "x.y.z",
                "members[value eq 1]",
              ),
              fc.string(),
            ),
            value: json,
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
      json,
    ),
  },
  { requiredKeys: [] },
);
const filterText = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'userName eq "a"',
    "emails[type eq",
    "title gt 5",
    'meta.created gt "x"',
    'active eq "yes"',
    "((((",
    "not",
    'name.givenName co ""',
    "x eq 1",
  ),
);
const query = fc.record(
  {
    filter: filterText,
    startIndex: fc.oneof(fc.integer().map(String), fc.string()),
    count: fc.oneof(fc.integer().map(String), fc.string()),
    sortBy: fc.oneof(fc.constantFrom("userName", "emails", "name.givenName", "meta.created"), fc.string()),
    sortOrder: fc.string(),
    attributes: fc.oneof(fc.constantFrom("userName,emails.value", "urn:x:y", ",,"), fc.string()),
    excludedAttributes: fc.string(),
  },
  { requiredKeys: [] },
);

const request = fc.oneof(
  scimish.map((body) => ["POST", "/Users", body] as const),
  scimish.map((body) => ["PUT", `/Users/${userId}`, body] as const),
  patchBody.map((body) => ["PATCH", `/Users/${userId}`, body] as const),
  query.map((q) => ["GET", `/Users?${new URLSearchParams(q as Record<string, string>)}`, undefined] as const),
  query.map(
    (q) =>
      ["GET", `/Users/${userId}?${new URLSearchParams(q as Record<string, string>)}`, undefined] as const,
  ),
  fc
    .record(
      {
        schemas: fc.oneof(fc.constant([ScimUrn.SearchRequest]), json),
        filter: fc.oneof(filterText, json),
        count: json,
        startIndex: json,
        attributes: json,
      },
      { requiredKeys: [] },
    )
    .map((body) => ["POST", "/Users/.search", body] as const),
  fc.string().map((raw) => ["POST", "/Users", raw] as const),
);

describe("no client input produces a 500", () => {
  it("answers random requests with 2xx/3xx or a SCIM 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(request, async ([method, path, body]) => {
        const response =
          typeof body === "string"
            ? await send(method, path, undefined, body)
            : await send(method, path, body);
        const text = await response.text();
        expect(response.status, `${method} ${path} ${JSON.stringify(body)} → ${text}`).toBeLessThan(500);
        if (response.status >= 400) expect(JSON.parse(text).schemas).toEqual([ScimUrn.Error]);
      }),
      { numRuns: 600, seed: 20261123 },
    );
  });
});
