import { createHash } from "node:crypto";
import type { UserStatus } from "@scimkit/core";
import { ScimUrn } from "@scimkit/types";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import type { ExistingApp } from "../src/index.js";
import { failure, NOW, ORG, openApp, provision, readUser, setActive, softDelete } from "./app-fixtures.js";

const apps: ExistingApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function fresh(): Promise<ExistingApp> {
  const app = await openApp();
  apps.push(app);
  return app;
}

/** What happens to a user, in order: provisioned inactive, a sign-in, SCIM active off or on, a soft delete. */
type Step = "inactive" | "signIn" | "off" | "on" | "delete";

const forbidden = { status: 403, scimType: undefined };
const team = async (app: ExistingApp) => (await app.teamList(ORG)).map((member) => member.email);

/** The app's own lifecycle columns of a user, as stored. */
async function columnsOf(app: ExistingApp, id: string) {
  const result = await sql<Record<string, unknown>>`select is_active, signed_in_at, deleted_at, scim_status
    from users where org_id = ${ORG} and id = ${id}`.execute(app.database.db);
  return result.rows[0];
}

describe("the app's lifecycle on its own columns", () => {
  it("keeps a provisioned user pending and out of the team until its first sign-in joins it", async () => {
    const app = await fresh();
    await provision(app, { id: "u1", email: "ada@acme.test" });
    expect((await readUser(app, "u1"))?.status).toBe("pending");
    expect(await team(app)).toEqual([]);
    expect(await app.signIn(ORG, "ADA@acme.test")).toMatchObject({ id: "u1", role: "member" });
    const joined = await readUser(app, "u1");
    expect({ status: joined?.status, joinedAt: joined?.joinedAt }).toEqual({
      status: "active",
      joinedAt: NOW.toISOString(),
    });
    expect(await team(app)).toEqual(["ada@acme.test"]);
  });

  it.each([
    ["a deactivated user", { change: (app: ExistingApp) => setActive(app, "u1", false) }],
    ["a deleted user", { change: (app: ExistingApp) => softDelete(app, "u1") }],
  ])("takes %s out of the team and refuses its sign-in", async (_name, { change }) => {
    const app = await fresh();
    await provision(app, { id: "u1", email: "ada@acme.test" });
    await app.signIn(ORG, "ada@acme.test");
    expect(await change(app)).toBe(true);
    expect(await team(app)).toEqual([]);
    expect(await failure(app.signIn(ORG, "ada@acme.test"))).toEqual(forbidden);
  });

  it("refuses the sign-in of an email with no account", async () => {
    const app = await fresh();
    expect(await failure(app.signIn(ORG, "nobody@acme.test"))).toEqual(forbidden);
  });

  it("signs in a plus-addressed email in any case, and finds it by userName", async () => {
    const app = await fresh();
    await provision(app, { id: "u1", email: "ada+scim@acme.test" });
    await app.signIn(ORG, "Ada+SCIM@Acme.test");
    expect(await team(app)).toEqual(["ada+scim@acme.test"]);
    expect((await app.store.read.users.findByUserName(ORG, "ADA+scim@acme.test"))?.resource.id).toBe("u1");
  });

  // Each state scimkit's services produce, the columns the app keeps for it, and that it reads back.
  it.each<
    [
      string,
      { steps: readonly Step[]; want: UserStatus; columns: readonly [number, "joined" | null, boolean] },
    ]
  >([
    ["provisioned: pending", { steps: [], want: "pending", columns: [1, null, false] }],
    [
      "provisioned inactive: deactivated",
      { steps: ["inactive"], want: "deactivated", columns: [0, null, false] },
    ],
    ["joined: active", { steps: ["signIn"], want: "active", columns: [1, "joined", false] }],
    ["joined, deactivated", { steps: ["signIn", "off"], want: "deactivated", columns: [0, "joined", false] }],
    [
      "joined, reactivated: active",
      { steps: ["signIn", "off", "on"], want: "active", columns: [1, "joined", false] },
    ],
    [
      "never joined, reactivated: pending",
      { steps: ["inactive", "on"], want: "pending", columns: [1, null, false] },
    ],
    ["joined, soft-deleted", { steps: ["signIn", "delete"], want: "deleted", columns: [1, "joined", true] }],
  ])("stores %s in the app's own columns alone", async (_name, { steps, want, columns }) => {
    const app = await fresh();
    await provision(app, { id: "u1", email: "ada@acme.test", active: !steps.includes("inactive") });
    for (const step of steps) {
      if (step === "signIn") await app.signIn(ORG, "ada@acme.test");
      if (step === "off" || step === "on") await setActive(app, "u1", step === "on");
      if (step === "delete") await softDelete(app, "u1");
    }
    expect((await readUser(app, "u1"))?.status).toBe(want);
    const [isActive, signedIn, deleted] = columns;
    expect(await columnsOf(app, "u1")).toEqual({
      is_active: isActive,
      signed_in_at: signedIn === null ? null : NOW.toISOString(),
      deleted_at: deleted ? NOW.toISOString() : null,
      scim_status: null,
    });
  });
});

describe("the app's SCIM data", () => {
  it("gives back every attribute an IdP sends, in columns or in scim_attributes", async () => {
    const app = await fresh();
    const enterprise = { employeeNumber: "42", department: "R&D", manager: { value: "u9" } };
    const user = await provision(app, {
      id: "u1",
      email: "ada@acme.test",
      externalId: "okta-1",
      givenName: "Ada",
      familyName: "Lovelace",
      displayName: "Ada L.",
      extra: {
        schemas: [ScimUrn.User, ScimUrn.EnterpriseUser],
        phoneNumbers: [{ value: "+44 20 7946 0000", type: "work" }],
        [ScimUrn.EnterpriseUser]: enterprise,
      },
    });
    expect((await app.store.read.users.get(ORG, "u1"))?.resource).toEqual(user.resource);
    const row = await sql<Record<string, unknown>>`select email, first_name, last_name, role, external_id,
      scim_attributes from users where id = 'u1'`.execute(app.database.db);
    expect(row.rows[0]).toMatchObject({
      email: "ada@acme.test",
      first_name: "Ada",
      last_name: "Lovelace",
      role: "member",
      external_id: "okta-1",
    });
    expect(JSON.parse(String(row.rows[0]?.scim_attributes))).toHaveProperty(
      [ScimUrn.EnterpriseUser],
      enterprise,
    );
  });

  it("names a group member by its displayName, else its email", async () => {
    const app = await fresh();
    await provision(app, { id: "u1", email: "ada@acme.test", displayName: "Ada" });
    await provision(app, { id: "u2", email: "bob@acme.test" });
    const at = NOW.toISOString();
    const group = { schemas: [ScimUrn.Group], id: "g1", displayName: "Ops" };
    await app.store.read.groups.insert(ORG, {
      resource: { ...group, meta: { created: at, lastModified: at, version: 'W/"1"' } },
    });
    await app.store.read.groups.addMembers(ORG, "g1", ["u1", "u2"], at);
    const read = await app.store.read.groups.get(ORG, "g1", { withMembers: true });
    expect(read?.members).toEqual([
      { memberId: "u1", display: "Ada" },
      { memberId: "u2", display: "bob@acme.test" },
    ]);
    expect((await app.store.read.users.get(ORG, "u2"))?.groups).toEqual([{ id: "g1", display: "Ops" }]);
  });

  it("creates SCIM tokens stored only as the SHA-256 of the secret, for an organization provisioning is on for", async () => {
    const app = await fresh();
    const { id, secret } = await app.createScimToken(ORG, "Okta production");
    const hash = createHash("sha256").update(secret).digest("hex");
    const grant = await app.store.read.tokens.findByHash(hash);
    expect(grant?.token).toMatchObject({ id, tenantId: ORG, scope: "scim", name: "Okta production" });
    expect(grant?.settings.provisioning).toBe(true);
    const stored = await sql<{ token_hash: string }>`select token_hash from tokens`.execute(app.database.db);
    expect(stored.rows).toEqual([{ token_hash: hash }]);
  });
});
