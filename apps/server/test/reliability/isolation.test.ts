import { formatContractViolation } from "@scimkit/conformance";
import { ScimUrn } from "@scimkit/types";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/test-server.js";
import { type Attack, attacksOn, NAMES, type Tenant } from "./isolation-attacks.js";
import {
  addTenant,
  addToken,
  type Caller,
  caller,
  createdId,
  databaseDigest,
} from "./reliability-helpers.js";

/**
 * Tenant isolation (docs/security.md#cross-tenant-access) as a property: over random tenants whose
 * userNames, emails, externalIds and group names overlap, a token of one tenant gets 404 for every
 * id of another (GET, PUT, PATCH, DELETE on users and groups), no list, filter (crafted ones
 * included), sort, `.search` or team list shows another tenant's data, another tenant's user cannot
 * be made a member (400), and the attacks change nothing anywhere.
 */
const RUNS = process.env.SCIMKIT_TEST_DB === "postgres" ? 4 : 12;

const tenantData = fc.record({
  users: fc.uniqueArray(
    fc.record({
      name: fc.constantFrom(...NAMES),
      upper: fc.boolean(),
      externalId: fc.constantFrom("e1", "e2"),
      title: fc.constantFrom("Dev", "Ops"),
    }),
    { selector: (user) => user.name, minLength: 1, maxLength: NAMES.length },
  ),
  groups: fc.uniqueArray(
    fc.record({
      name: fc.constantFrom("Admins", "Devs"),
      members: fc.array(fc.nat(NAMES.length - 1), { maxLength: 3 }),
    }),
    { selector: (group) => group.name, maxLength: 2 },
  ),
});
type TenantData = typeof tenantData extends fc.Arbitrary<infer T> ? T : never;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  expect(server.violations.map(formatContractViolation)).toEqual([]);
  await server.close();
});

/** Creates a tenant with its users (a shared second email each) and groups, over its own token. */
async function populate(data: TenantData): Promise<Tenant> {
  const created = await addTenant(server.store);
  const scim = caller(server, created.token);
  const adminToken = await addToken(server.store, created.tenantId, "admin");
  const admin = caller(server, adminToken.token, server.origin);
  const users: { id: string; userName: string }[] = [];
  for (const user of data.users) {
    const userName = user.upper ? user.name.toUpperCase() : user.name;
    const emails = [
      { value: userName, type: "work", primary: true },
      { value: "shared@x.io", type: "home" },
    ];
    const body = {
      schemas: [ScimUrn.User],
      userName,
      externalId: user.externalId,
      title: user.title,
      emails,
    };
    users.push({ id: createdId(await scim("POST", "/Users", { json: body })), userName });
  }
  const groups: Tenant["groups"][number][] = [];
  for (const group of data.groups) {
    const ids = new Set(group.members.map((i) => String(users[i % users.length]?.id)));
    const members = [...ids].map((value) => ({ value }));
    const body = { schemas: [ScimUrn.Group], displayName: group.name, externalId: "e1", members };
    const id = createdId(await scim("POST", "/Groups", { json: body }));
    groups.push({ id, name: group.name, members: [...ids] });
  }
  return {
    scim,
    admin,
    tenantId: created.tenantId,
    tokenIds: [created.tokenId, adminToken.id],
    users,
    groups,
  };
}

/** The ids of a page's resources (`Resources` of SCIM lists, `items` of the app API). */
function pageIds(body: unknown): string[] {
  const page = body as { Resources?: { id: string }[]; items?: { id: string }[] };
  return (page.Resources ?? page.items ?? []).map((resource) => resource.id).sort();
}

/** Sends one attack and checks its status, that a 2xx names no other tenant's id, and the page. */
async function expectContained(others: readonly Tenant[], attack: Attack, send: Caller) {
  const reply = await send(attack.method, attack.path, attack.send);
  const label = `${attack.method} ${attack.path} ${JSON.stringify(attack.send?.json ?? "")}`;
  if (attack.want !== undefined) expect(reply.status, `${label} → ${reply.text}`).toBe(attack.want);
  else expect([200, 400], `${label} → ${reply.text}`).toContain(reply.status);
  if (reply.status >= 300) return;
  const foreign = others.flatMap((t) => [
    ...t.users.map((u) => u.id),
    ...t.groups.map((g) => g.id),
    ...t.tokenIds,
    t.tenantId,
  ]);
  expect(
    foreign.filter((id) => reply.text.includes(id)),
    `${label} showed another tenant's ids`,
  ).toEqual([]);
  if (attack.exactly !== undefined) expect(pageIds(reply.body), label).toEqual([...attack.exactly].sort());
}

describe("tenant isolation", () => {
  it("shows and changes nothing of another tenant, whatever a token asks for", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tenantData, { minLength: 2, maxLength: 3 }), async (world) => {
        const tenants: Tenant[] = [];
        for (const data of world) tenants.push(await populate(data));
        const before = await databaseDigest(server);
        for (const attacker of tenants) {
          const others = tenants.filter((t) => t !== attacker);
          for (const attack of attacksOn(attacker, others)) {
            await expectContained(others, attack, attack.admin === true ? attacker.admin : attacker.scim);
          }
        }
        expect(await databaseDigest(server), "an attack changed stored data").toBe(before);
      }),
      { numRuns: RUNS, seed: 9_2026 },
    );
  }, 120_000);
});
