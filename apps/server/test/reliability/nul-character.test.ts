import { formatContractViolation } from "@scimkit/conformance";
import { ScimUrn } from "@scimkit/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/test-server.js";
import {
  addToken,
  type Caller,
  caller,
  createdId,
  databaseDigest,
  expectScimError,
  type Send,
} from "./reliability-helpers.js";

/**
 * U+0000 in ids, bodies and filter literals: PostgreSQL text cannot hold it, so each way it can
 * arrive is refused before the database (the fuzz found them as 500s there), alike on SQLite.
 */
let server: TestServer;
let scim: Caller;
let admin: Caller;
let userId = "";
let groupId = "";

beforeAll(async () => {
  server = await startTestServer();
  scim = caller(server, server.token);
  admin = caller(server, (await addToken(server.store, server.tenantId, "admin")).token, server.origin);
  userId = createdId(await scim("POST", "/Users", { json: { schemas: [ScimUrn.User], userName: "n@x.io" } }));
  const members = [{ value: userId }];
  groupId = createdId(
    await scim("POST", "/Groups", { json: { schemas: [ScimUrn.Group], displayName: "Nul", members } }),
  );
});
afterAll(async () => {
  expect(server.violations.map(formatContractViolation)).toEqual([]);
  await server.close();
});

const NUL = "\u0000";
const search = (filter: string) => ({ json: { schemas: [ScimUrn.SearchRequest], filter } });
const patch = (...operations: unknown[]) => ({
  json: { schemas: [ScimUrn.PatchOp], Operations: operations },
});
const q = (filter: string) => encodeURIComponent(filter);

type Case = [string, { given: [method: string, path: () => string, send?: Send]; want: number }];

const scimCases: Case[] = [
  ["a user id", { given: ["GET", () => "/Users/a%00b"], want: 404 }],
  ["a user id on DELETE", { given: ["DELETE", () => "/Users/%00"], want: 404 }],
  [
    "a group id on PATCH",
    { given: ["PATCH", () => "/Groups/%00", patch({ op: "remove", path: "members" })], want: 404 },
  ],
  [
    "a userName",
    {
      given: ["POST", () => "/Users", { json: { schemas: [ScimUrn.User], userName: `a${NUL}@x.io` } }],
      want: 400,
    },
  ],
  [
    "a PATCH value",
    {
      given: ["PATCH", () => `/Users/${userId}`, patch({ op: "replace", path: "title", value: NUL })],
      want: 400,
    },
  ],
  [
    "a group displayName",
    {
      given: ["PUT", () => `/Groups/${groupId}`, { json: { schemas: [ScimUrn.Group], displayName: NUL } }],
      want: 400,
    },
  ],
  [
    "a member value",
    {
      given: [
        "POST",
        () => "/Groups",
        { json: { schemas: [ScimUrn.Group], displayName: "N", members: [{ value: NUL }] } },
      ],
      want: 400,
    },
  ],
  ["a filter literal", { given: ["GET", () => `/Users?filter=${q('userName eq "\\u0000"')}`], want: 400 }],
  [
    "a members filter literal",
    { given: ["GET", () => `/Groups?filter=${q('members.value eq "a\\u0000"')}`], want: 400 },
  ],
  [
    "a .search filter literal",
    { given: ["POST", () => "/Users/.search", search('emails.value co "\\u0000"')], want: 400 },
  ],
];

describe("U+0000 in a request", () => {
  it.each(scimCases)(
    "answers a SCIM request with it in %s with a 4xx and changes nothing",
    async (_, { given, want }) => {
      const before = await databaseDigest(server);
      const [method, path, send] = given;
      const reply = await scim(method, path(), send);
      expect(reply.status, reply.text).toBe(want);
      expectScimError(reply);
      expect(await databaseDigest(server)).toBe(before);
    },
  );

  it("removes no member for a PATCH member filter holding it, and keeps the others", async () => {
    const reply = await scim(
      "PATCH",
      `/Groups/${groupId}`,
      patch({ op: "remove", path: 'members[value eq "\\u0000"]' }),
    );
    expect(reply.status, reply.text).toBeLessThan(300);
    const group = await scim("GET", `/Groups/${groupId}`);
    expect((group.body as { members?: { value: string }[] }).members?.map((m) => m.value)).toEqual([userId]);
  });

  it("answers the app API with it in an id or a body with a 4xx", async () => {
    const before = await databaseDigest(server);
    const role = await admin("PATCH", "/api/team/%00", { json: { role: "admin" } });
    expect(role.status).toBe(404);
    const local = await admin("POST", "/api/users", { json: { email: "x@x.io", name: NUL } });
    expect(local.status).toBe(400);
    for (const reply of [role, local]) expectScimError(reply);
    expect(await databaseDigest(server)).toBe(before);
  });
});
