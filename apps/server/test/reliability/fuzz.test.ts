import { formatContractViolation } from "@scimkit/conformance";
import { ScimUrn } from "@scimkit/types";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeToken } from "../../src/auth/tokens.service.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";
import {
  appApiRequests,
  discoveryRequests,
  type FuzzRequest,
  groupRequests,
  otherRequests,
  PLACEHOLDERS,
  userRequests,
} from "./fuzz-requests.js";
import {
  addTenant,
  addToken,
  caller,
  createdId,
  databaseDigest,
  expectScimError,
  serviceDeps,
  writeCounter,
} from "./reliability-helpers.js";

/**
 * RFC 7644 under abuse: at least 10,000 generated requests over every path and method of the
 * spec (on SQLite; a tenth of them on PostgreSQL). No request gets a 5xx; every 4xx carries a
 * SCIM error body; the server keeps serving; and a rejected request changes nothing: the digest
 * of every table (audit log included) is the same before and after it. FUZZ_SEED replays a run;
 * FUZZ_SCALE multiplies the number of requests (for a longer soak).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1) * (process.env.SCIMKIT_TEST_DB === "postgres" ? 0.1 : 1);

const families: [string, fc.Arbitrary<FuzzRequest>, number][] = [
  ["Users", userRequests, 3200],
  ["Groups", groupRequests, 2600],
  ["app API (/api)", appApiRequests, 1800],
  ["discovery", discoveryRequests, 1200],
  ["health, unknown path and wrong method", otherRequests, 1200],
];

type Fixtures = Record<(typeof PLACEHOLDERS)[number], string>;

let server: TestServer;
let fixtures: Fixtures;
let baseline = "";
let writes: (() => Promise<number>) | undefined;
let writesAtBaseline = 0;

/** Takes the digest the next requests are compared with. */
async function takeBaseline(): Promise<void> {
  baseline = await databaseDigest(server);
  writesAtBaseline = (await writes?.()) ?? 0;
}

/** Whether the database is as it was at the baseline: unwritten since, or with the same digest. */
async function unchanged(): Promise<boolean> {
  if (writes !== undefined && (await writes()) === writesAtBaseline) return true;
  return (await databaseDigest(server)) === baseline;
}

/** A user of the fuzzed tenant in a group of it (again, once a request deleted either). */
async function keepFixtures(): Promise<void> {
  const scim = caller(server, fixtures["{scim}"]);
  const alive = (table: "users" | "groups", id: string) => server.store.read[table].get(server.tenantId, id);
  if ((await alive("users", fixtures["{user}"])) === undefined) {
    const userName = `fixture-${crypto.randomUUID()}@x.io`;
    const emails = [{ value: userName, type: "work", primary: true }];
    const user = await scim("POST", "/Users", { json: { schemas: [ScimUrn.User], userName, emails } });
    fixtures = { ...fixtures, "{user}": createdId(user), "{userName}": userName };
  }
  if ((await alive("groups", fixtures["{group}"])) === undefined) {
    const members = [{ value: fixtures["{user}"] }];
    const group = await scim("POST", "/Groups", {
      json: { schemas: [ScimUrn.Group], displayName: `fixture-${crypto.randomUUID()}`, members },
    });
    fixtures = { ...fixtures, "{group}": createdId(group) };
  }
}

/**
 * Keeps the tables small, so that a digest per request stays cheap: the audit log of accepted
 * requests, and users and groups beyond a few dozen (other than the fixtures), are dropped.
 */
async function prune(): Promise<void> {
  if (server.sql === undefined) return prunePorts();
  await server.db.deleteFrom("audit_events").execute();
  for (const table of ["users", "groups"] as const) {
    const keep = [
      fixtures["{user}"],
      fixtures["{group}"],
      fixtures["{foreignUser}"],
      fixtures["{foreignGroup}"],
    ];
    const { count } = await server.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow();
    if (Number(count) > 40) await server.db.deleteFrom(table).where("id", "not in", keep).execute();
  }
}

/** The same on a store without SQL (users and groups through the ports; the audit log stays). */
async function prunePorts(): Promise<void> {
  const { read } = server.store;
  const keep = new Set(Object.values(fixtures));
  const page = { kind: "offset", startIndex: 1, count: 1000 } as const;
  const users = await read.users.list(server.tenantId, { page });
  if (users.total > 40)
    for (const user of users.items)
      if (!keep.has(String(user.resource.id)))
        await read.users.remove(server.tenantId, String(user.resource.id));
  const groups = await read.groups.list(server.tenantId, { page });
  if (groups.total > 40)
    for (const group of groups.items)
      if (!keep.has(String(group.resource.id)))
        await read.groups.remove(server.tenantId, String(group.resource.id));
}

beforeAll(async () => {
  server = await startTestServer();
  const other = await addTenant(server.store);
  const revoked = await addToken(server.store, server.tenantId);
  await revokeToken(server.store.read, serviceDeps, revoked.id);
  const foreign = caller(server, other.token);
  const foreignUser = createdId(
    await foreign("POST", "/Users", { json: { schemas: [ScimUrn.User], userName: "fuzz@x.io" } }),
  );
  const foreignGroup = createdId(
    await foreign("POST", "/Groups", {
      json: { schemas: [ScimUrn.Group], displayName: "Fuzzers", members: [{ value: foreignUser }] },
    }),
  );
  fixtures = {
    "{user}": "",
    "{userName}": "",
    "{group}": "",
    "{foreignUser}": foreignUser,
    "{foreignGroup}": foreignGroup,
    "{scim}": server.token,
    "{admin}": (await addToken(server.store, server.tenantId, "admin")).token,
    "{revoked}": revoked.token,
    "{foreignScim}": other.token,
  };
  writes = await writeCounter(server);
  await keepFixtures();
  await prune();
  await takeBaseline();
});

afterAll(async () => {
  // Whatever it was sent, the server answers a plain request normally.
  const users = await caller(server, server.token)("GET", "/Users?count=1");
  expect(users.status).toBe(200);
  // Requests the spec has no operation for are judged by the fuzz itself (below 500, SCIM error body).
  const violations = server.violations.filter((violation) => violation.kind !== "unknown-operation");
  expect(violations.map(formatContractViolation)).toEqual([]);
  await server.close();
});

const placeholder = new RegExp(PLACEHOLDERS.map((name) => name.replace(/[{}]/g, "\\$&")).join("|"), "g");

function fill(text: string): string {
  return text.replace(placeholder, (name) => fixtures[name as keyof Fixtures]);
}

async function send(request: FuzzRequest) {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, fill(v)]));
  const response = await server.fetch(server.origin + fill(request.path), {
    method: request.method,
    headers,
    ...(request.body === undefined ? {} : { body: fill(request.body) }),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

async function check(request: FuzzRequest): Promise<void> {
  const reply = await send(request);
  const context = `${request.method} ${request.path.slice(0, 300)}`;
  expect(reply.status, `${context} → ${reply.text.slice(0, 500)}`).toBeLessThan(500);
  if (reply.status >= 400) {
    expectScimError(reply, context);
    const untouched = await unchanged();
    expect(untouched, `${context} was rejected with ${reply.status} but changed the database`).toBe(true);
    return;
  }
  if (await unchanged()) return;
  await keepFixtures();
  await prune();
  await takeBaseline();
}

describe("HTTP fuzz over every endpoint", () => {
  it.each(families)(
    "answers %s requests below 500, rejects with SCIM errors and changes nothing when it rejects",
    async (_family, requests, runs) => {
      const seed = SEED + families.findIndex(([, arbitrary]) => arbitrary === requests);
      try {
        await fc.assert(fc.asyncProperty(requests, check), { seed, numRuns: Math.ceil(runs * SCALE) });
      } catch (error) {
        throw new Error(`HTTP fuzz failed; replay with FUZZ_SEED=${SEED}.\n${(error as Error).message}`);
      }
      const health = await send({ method: "GET", path: "/healthz", headers: {} });
      expect(health.status).toBe(200);
    },
    240_000,
  );
});
