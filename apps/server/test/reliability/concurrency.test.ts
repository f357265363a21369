import { formatContractViolation } from "@scimkit/conformance";
import { parseScimFilter } from "@scimkit/core";
import { ScimUrn } from "@scimkit/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/test-server.js";
import { addToken, type Caller, caller, createdId, type Reply } from "./reliability-helpers.js";

/**
 * Concurrent writes (docs/security.md#replay-races-and-lost-writes): one of 100 racing creates of a
 * userName wins; 100 racing PATCHes of one user each keep their change; with one shared If-Match,
 * one wins and the others get 412 and change nothing; an SSO login racing a deactivation reports
 * what was stored. On SQLite and, through vitest.memory.config.ts and vitest.postgres.config.ts,
 * on the in-memory store and PostgreSQL.
 */
let server: TestServer;
let scim: Caller;

beforeEach(async () => {
  server = await startTestServer();
  scim = caller(server, server.token);
});
afterEach(async () => {
  expect(server.violations.map(formatContractViolation)).toEqual([]);
  await server.close();
});

const ENTERPRISE = ScimUrn.EnterpriseUser;
const RACERS = 100;

/** Singular attributes any PATCH may replace (userName, the primary email and userType may not change). */
const SINGULAR = [
  "displayName",
  "nickName",
  "title",
  "preferredLanguage",
  "locale",
  "timezone",
  "name.formatted",
  "name.familyName",
  "name.givenName",
  "name.middleName",
  "name.honorificPrefix",
  "name.honorificSuffix",
  ...["employeeNumber", "costCenter", "organization", "division", "department"].map(
    (a) => `${ENTERPRISE}:${a}`,
  ),
];
/** Multi-valued attributes: the other racers each add one value of their own to one of these. */
const MULTI = ["phoneNumbers", "ims", "entitlements", "roles"];

/** Racer i's change: its own singular attribute set to `v<i>`, or its own value added to a multi-valued one. */
function change(i: number) {
  const value = `v${i}`;
  const singular = SINGULAR[i];
  if (singular !== undefined) return { op: "replace", path: singular, value };
  return { op: "add", path: MULTI[i % MULTI.length], value: [{ value, type: "work" }] };
}

/** The value at an attribute path: `title`, `name.givenName` or `<enterprise URN>:department`. */
function valueAt(resource: Record<string, unknown>, path: string): unknown {
  if (path.startsWith(`${ENTERPRISE}:`)) {
    const extension = resource[ENTERPRISE] as Record<string, unknown> | undefined;
    return extension?.[path.slice(ENTERPRISE.length + 1)];
  }
  const [head = "", sub] = path.split(".");
  const value = resource[head];
  return sub === undefined ? value : (value as Record<string, unknown> | undefined)?.[sub];
}

/** Whether racer i's change is in the resource. */
function hasChange(resource: Record<string, unknown>, i: number): boolean {
  const singular = SINGULAR[i];
  if (singular !== undefined) return valueAt(resource, singular) === `v${i}`;
  const values = valueAt(resource, MULTI[i % MULTI.length] ?? "");
  return Array.isArray(values) && values.some((item: { value?: unknown }) => item.value === `v${i}`);
}

async function newUser(userName: string): Promise<{ id: string; etag: string }> {
  const reply = await scim("POST", "/Users", { json: { schemas: [ScimUrn.User], userName } });
  return { id: createdId(reply), etag: String(reply.headers.get("etag")) };
}

const race = (send: (i: number) => Promise<Reply>) =>
  Promise.all(Array.from({ length: RACERS }, (_, i) => send(i)));

async function read(id: string): Promise<Record<string, unknown>> {
  const reply = await scim("GET", `/Users/${id}`);
  expect(reply.status).toBe(200);
  return reply.body as Record<string, unknown>;
}

async function auditCount(id: string): Promise<number> {
  const events = await server.store.read.audit.page(server.tenantId, {
    resourceIds: [id],
    startIndex: 1,
    count: 1000,
  });
  return events.total;
}

describe("concurrent writes", () => {
  it("answers 100 racing creates of one userName with one 201 and 99 × 409 uniqueness, storing one user", async () => {
    const body = { schemas: [ScimUrn.User], userName: "race@x.io" };
    const replies = await race((i) =>
      scim("POST", "/Users", { json: { ...body, userName: i % 2 === 0 ? "race@x.io" : "RACE@x.io" } }),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    const conflicts = replies.filter((r) => r.status === 409);
    expect(conflicts).toHaveLength(RACERS - 1);
    for (const reply of conflicts)
      expect(reply.body).toMatchObject({ status: "409", scimType: "uniqueness" });
    const { items } = await server.store.read.users.list(server.tenantId, {
      statuses: ["pending", "active", "deactivated", "deleted"],
      page: { kind: "offset", startIndex: 1, count: 1000 },
    });
    expect(items).toHaveLength(1);
    expect(await auditCount(String(items[0]?.resource.id))).toBe(1);
  });

  it("keeps every acknowledged change of 100 racing PATCHes to one user", async () => {
    const { id } = await newUser("patched@x.io");
    const replies = await race((i) =>
      scim("PATCH", `/Users/${id}`, { json: { schemas: [ScimUrn.PatchOp], Operations: [change(i)] } }),
    );
    const acknowledged = replies.flatMap((reply, i) => (reply.status === 200 ? [i] : []));
    expect(acknowledged).toHaveLength(RACERS);
    const final = await read(id);
    expect(acknowledged.filter((i) => !hasChange(final, i))).toEqual([]);
    // Each change was its own version, with its own audit event.
    expect((final.meta as { version: string }).version).toBe(`W/"${RACERS + 1}"`);
    expect(await auditCount(id)).toBe(RACERS + 1);
  });

  it("lets one of 100 racing PATCHes with the same If-Match win; the others get 412 and change nothing", async () => {
    const { id, etag } = await newUser("guarded@x.io");
    const replies = await race((i) =>
      scim("PATCH", `/Users/${id}`, {
        json: { schemas: [ScimUrn.PatchOp], Operations: [change(i)] },
        headers: { "if-match": etag },
      }),
    );
    const winners = replies.flatMap((reply, i) => (reply.status === 200 ? [i] : []));
    expect(winners).toHaveLength(1);
    for (const reply of replies.filter((r) => r.status !== 200))
      expect(reply.body).toMatchObject({ status: "412" });
    const final = await read(id);
    const present = Array.from({ length: RACERS }, (_, i) => i).filter((i) => hasChange(final, i));
    expect(present).toEqual(winners);
    expect((final.meta as { version: string }).version).toBe('W/"2"');
    expect(await auditCount(id)).toBe(2);
  });

  it("reports what was stored when an SSO login races a deactivation: a join only if it was kept", async () => {
    const admin = caller(
      server,
      (await addToken(server.store, server.tenantId, "admin")).token,
      server.origin,
    );
    for (let round = 0; round < 20; round++) {
      const userName = `login-race-${round}@x.io`;
      const { id } = await newUser(userName);
      const [login, deactivation] = await Promise.all([
        admin("POST", "/api/login", { json: { email: userName } }),
        scim("PATCH", `/Users/${id}`, {
          json: { schemas: [ScimUrn.PatchOp], Operations: [{ op: "replace", value: { active: false } }] },
        }),
      ]);
      expect(deactivation.status, deactivation.text).toBe(200);
      const [stored] = (
        await server.store.read.users.list(server.tenantId, {
          filter: parseScimFilter(`id eq "${id}"`),
          statuses: ["pending", "active", "deactivated"],
          page: { kind: "offset", startIndex: 1, count: 1 },
        })
      ).items;
      expect(stored?.status).toBe("deactivated");
      if (login.status === 200) {
        // The login came first: its join was stored, and the deactivation kept it.
        expect(login.body).toMatchObject({ status: "active" });
        expect(stored?.joinedAt).not.toBeNull();
      } else {
        // The deactivation came first (403), or changed the user under the login (409): no join.
        expect([403, 409], login.text).toContain(login.status);
        expect(stored?.joinedAt).toBeNull();
      }
    }
  });
});
