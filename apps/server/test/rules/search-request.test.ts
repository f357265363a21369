/**
 * One SearchRequest reader (RFC 7644 §3.4.3) for `POST /Users/.search` and `POST /Groups/.search`:
 * both handlers call readSearchRequest (src/http/search-request.ts). Each case sends the same body to
 * both endpoints of a server holding one user and one group; the answers must agree, and conform to
 * spec/openapi.yaml (the harness's checked fetch records any response that does not).
 */
import { formatContractViolation } from "@scimkit/conformance";
import { ScimUrn } from "@scimkit/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGroup, createUser } from "../groups/group-helpers.js";
import { type IdpHarness, startIdpHarness } from "../idp/idp-harness.js";

let idp: IdpHarness;
beforeEach(async () => {
  idp = await startIdpHarness("scimkit-search-request");
  await createGroup(idp.scim, "Engineering", [(await createUser(idp.scim, "ann@acme.io")).id]);
});
afterEach(async () => {
  expect(idp.server.violations.map(formatContractViolation)).toEqual([]);
  await idp.close();
});

type Want =
  | { readonly status: 200; readonly startIndex: number; readonly itemsPerPage: number }
  | { readonly status: 400; readonly scimType: string };

const SR = ScimUrn.SearchRequest;
const found = (itemsPerPage: number, startIndex = 1): Want => ({ status: 200, startIndex, itemsPerPage });
const invalidValue: Want = { status: 400, scimType: "invalidValue" };
const invalidSyntax: Want = { status: 400, scimType: "invalidSyntax" };

const cases: [string, { given: Record<string, unknown>; want: Want }][] = [
  ["answers a bare SearchRequest with every resource", { given: { schemas: [SR] }, want: found(1) }],
  ["matches the schema URN case-insensitively", { given: { schemas: [SR.toUpperCase()] }, want: found(1) }],
  ["ignores members the RFC does not define", { given: { schemas: [SR], colour: "red" }, want: found(1) }],
  ["reads a null member as absent", { given: { schemas: [SR], filter: null, count: null }, want: found(1) }],
  ["requires schemas", { given: { filter: "id pr" }, want: invalidSyntax }],
  ["requires the SearchRequest URN in schemas", { given: { schemas: [ScimUrn.User] }, want: invalidSyntax }],
  ["requires schemas to be an array", { given: { schemas: SR }, want: invalidSyntax }],
  ["refuses a filter that is not a string", { given: { schemas: [SR], filter: 5 }, want: invalidValue }],
  [
    "answers a bad filter with invalidFilter",
    { given: { schemas: [SR], filter: "id eq" }, want: { status: 400, scimType: "invalidFilter" } },
  ],
  [
    "refuses attributes given as a string",
    { given: { schemas: [SR], attributes: "id" }, want: invalidValue },
  ],
  ["refuses a non-string attribute", { given: { schemas: [SR], attributes: ["id", 5] }, want: invalidValue }],
  ["refuses an empty attribute path", { given: { schemas: [SR], attributes: [""] }, want: invalidValue }],
  [
    "refuses a malformed attribute path",
    { given: { schemas: [SR], excludedAttributes: ["a b"] }, want: invalidValue },
  ],
  [
    "projects with attribute lists",
    { given: { schemas: [SR], attributes: ["id"], excludedAttributes: ["meta"] }, want: found(1) },
  ],
  ["refuses a sortOrder that is no order", { given: { schemas: [SR], sortOrder: "up" }, want: invalidValue }],
  [
    "refuses a sortOrder that is not a string",
    { given: { schemas: [SR], sortOrder: 1 }, want: invalidValue },
  ],
  [
    "reads sortOrder in any case",
    { given: { schemas: [SR], sortBy: "id", sortOrder: "DESCENDING" }, want: found(1) },
  ],
  ["refuses a sortBy that is not a string", { given: { schemas: [SR], sortBy: 5 }, want: invalidValue }],
  [
    "refuses a startIndex given as a string",
    { given: { schemas: [SR], startIndex: "2" }, want: invalidValue },
  ],
  ["refuses a fractional count", { given: { schemas: [SR], count: 1.5 }, want: invalidValue }],
  ["echoes startIndex", { given: { schemas: [SR], startIndex: 5 }, want: found(0, 5) }],
  ["clamps a startIndex below 1", { given: { schemas: [SR], startIndex: -3 }, want: found(1) }],
  ["clamps a negative count to 0", { given: { schemas: [SR], count: -1 }, want: found(0) }],
];

/** The status, scimType or page shape of one `.search` answer. */
async function search(resource: "Users" | "Groups", body: Record<string, unknown>): Promise<Want> {
  const { status, body: answer } = await idp.raw("POST", `/${resource}/.search`, body);
  const page = answer as { scimType?: string; startIndex?: number; itemsPerPage?: number };
  return status === 200
    ? { status, startIndex: Number(page.startIndex), itemsPerPage: Number(page.itemsPerPage) }
    : ({ status, scimType: String(page.scimType) } as Want);
}

describe("POST /Users/.search and POST /Groups/.search read a SearchRequest alike (RFC 7644 §3.4.3)", () => {
  it.each(cases)("%s", async (_name, { given, want }) => {
    expect({ users: await search("Users", given), groups: await search("Groups", given) }).toEqual({
      users: want,
      groups: want,
    });
  });
});
