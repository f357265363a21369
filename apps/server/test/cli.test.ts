import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bearerAuthenticator, createSecretBox, resolveSecretKey } from "@scimkit/router";
import { createSqlStore, openDatabase } from "@scimkit/store-kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/run-cli.js";

/** A request head carrying `Authorization: Bearer <token>`, as the authenticator sees requests. */
const bearer = (token: string) => ({
  method: "GET",
  path: "/scim/v2/Users",
  header: (name: string) => (name.toLowerCase() === "authorization" ? `Bearer ${token}` : undefined),
});

let dir: string;
let env: Record<string, string>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "scimkit-cli-"));
  env = { DATABASE_URL: "sqlite:./scimkit.db", PUBLIC_URL: "https://scim.example.com" };
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli({
    argv,
    env,
    cwd: dir,
    stdout: (t) => void stdout.push(t),
    stderr: (t) => void stderr.push(t),
  });
  return { code, stdout, stderr };
}

async function createTenant(name: string): Promise<{
  id: string;
  name: string;
  scimUrl: string;
  token: string;
  consoleUrl: string;
  adminToken: string;
}> {
  const { code, stdout } = await cli("tenant", "create", "--name", name, "--json");
  expect(code).toBe(0);
  expect(stdout).toHaveLength(1);
  return JSON.parse(stdout[0] ?? "");
}

async function authenticate(token: string, scope: "scim" | "admin" = "scim") {
  const store = createSqlStore(openDatabase({ kind: "sqlite", file: join(dir, "scimkit.db") }));
  try {
    return await bearerAuthenticator(store)(bearer(token), scope);
  } finally {
    await store.close();
  }
}

describe("pnpm scimkit", () => {
  it("tenant create --json prints exactly one JSON object whose SCIM and console tokens work", async () => {
    const created = await createTenant("Acme");
    expect(Object.keys(created).sort()).toEqual([
      "adminToken",
      "consoleUrl",
      "id",
      "name",
      "scimUrl",
      "token",
    ]);
    expect(created).toMatchObject({
      name: "Acme",
      scimUrl: "https://scim.example.com/scim/v2",
      consoleUrl: "https://scim.example.com/admin/",
    });
    expect(created.token).toMatch(/^scimkit_[A-Za-z0-9_-]{43}$/);
    expect((await authenticate(created.token)).tenantId).toBe(created.id);
    expect((await authenticate(created.adminToken, "admin")).tenantId).toBe(created.id);
    await expect(authenticate(created.adminToken, "scim")).rejects.toMatchObject({ status: 403 });
  });

  it("accepts the leading -- that pnpm passes on", async () => {
    const { code, stdout } = await cli("--", "tenant", "create", "--name", "Dash", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout[0] ?? "").name).toBe("Dash");
  });

  it("defaults the SCIM URL to http://HOST:PORT without PUBLIC_URL", async () => {
    env = { DATABASE_URL: "sqlite:./scimkit.db", HOST: "0.0.0.0", PORT: "9000" };
    expect((await createTenant("Local")).scimUrl).toBe("http://0.0.0.0:9000/scim/v2");
  });

  it("rotates tokens: a new token works beside the old until the old is revoked", async () => {
    const tenant = await createTenant("Acme");
    const second = JSON.parse(
      (await cli("token", "create", "--tenant", tenant.id, "--json")).stdout[0] ?? "",
    );
    expect((await authenticate(second.token)).tenantId).toBe(tenant.id);
    expect((await authenticate(tenant.token)).tenantId).toBe(tenant.id);
    const listed = JSON.parse((await cli("token", "list", "--tenant", tenant.id, "--json")).stdout[0] ?? "");
    const scimTokens = listed.filter((t: { scope: string }) => t.scope === "scim");
    expect(scimTokens).toHaveLength(2);
    expect(JSON.stringify(listed)).not.toContain(tenant.token);
    const oldId = scimTokens.find((t: { id: string }) => t.id !== second.id).id;
    expect((await cli("token", "revoke", "--token-id", oldId)).code).toBe(0);
    await expect(authenticate(tenant.token)).rejects.toMatchObject({ status: 401 });
    expect((await authenticate(second.token)).tenantId).toBe(tenant.id);
  });

  it("names a token, and lists it by name", async () => {
    const tenant = await createTenant("Acme");
    const made = await cli("token", "create", "--tenant", tenant.id, "--name", " Okta production ", "--json");
    expect(JSON.parse(made.stdout[0] ?? "")).toMatchObject({ name: "Okta production" });
    const listed = JSON.parse((await cli("token", "list", "--tenant", tenant.id, "--json")).stdout[0] ?? "");
    expect(listed.map((t: { name: string | null }) => t.name)).toContain("Okta production");
    expect((await cli("token", "create", "--tenant", tenant.id, "--name", " ")).code).toBe(2);
  });

  it("tenant set changes settings, and provisioning off makes tokens get 403", async () => {
    const tenant = await createTenant("Acme");
    const { code, stdout } = await cli(
      "tenant",
      "set",
      "--tenant",
      tenant.id,
      "--provisioning",
      "off",
      "--jit",
      "on",
      "--delete",
      "hard",
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout[0] ?? "")).toMatchObject({
      id: tenant.id,
      settings: { provisioning: false, jit: true, groups: true, deleteMode: "hard" },
    });
    await expect(authenticate(tenant.token)).rejects.toMatchObject({ status: 403 });
  });

  it("tenant list shows every tenant", async () => {
    await createTenant("One");
    await createTenant("Two");
    const { stdout } = await cli("tenant", "list", "--json");
    expect(JSON.parse(stdout[0] ?? "").map((t: { name: string }) => t.name)).toEqual(["One", "Two"]);
  });

  it("refuses DATABASE_URL=memory: with one line saying why", async () => {
    env = { ...env, DATABASE_URL: "memory:" };
    const { code, stdout, stderr } = await cli("tenant", "list");
    expect(code).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr[0]?.split("\n")[0]).toMatch(
      /^scimkit: DATABASE_URL=memory: keeps data inside the running server only/,
    );
  });

  it("migrate reports an up-to-date database the second time", async () => {
    expect((await cli("migrate")).stdout[0]).toMatch(/^Applied: /);
    expect((await cli("migrate")).stdout).toEqual(["Database is up to date."]);
  });

  it.each([
    ["an unknown command", ["tenant", "explode"]],
    ["a missing required option", ["tenant", "create"]],
    ["an unknown option", ["tenant", "create", "--name", "x", "--colour", "red"]],
    ["a bad on/off value", ["tenant", "set", "--tenant", "t", "--jit", "maybe"]],
    ["a bad scope", ["token", "create", "--tenant", "t", "--scope", "root"]],
    ["an unknown tenant", ["token", "create", "--tenant", "nope"]],
    ["an unknown token", ["token", "revoke", "--token-id", "nope"]],
  ])("exits 2 with a message on stderr for %s", async (_name, argv) => {
    const { code, stdout, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr.join("\n")).toMatch(/^scimkit: .+\nRun pnpm scimkit --help for usage\.$/);
  });

  it("prints help for every command", async () => {
    const help = await cli("--help");
    expect(help.code).toBe(0);
    expect(help.stdout[0]).toContain("tenant create --name NAME [--json]");
    const commandHelp = await cli("token", "revoke", "--help");
    expect(commandHelp.stdout[0]).toContain("Usage: pnpm scimkit token revoke --token-id ID");
  });

  it("exits 2 with the help on stderr when no command is given", async () => {
    const { code, stderr } = await cli();
    expect(code).toBe(2);
    expect(stderr[0]).toContain("Commands:");
  });
});

/** The endpoint as stored, with its secrets opened as the delivery worker opens them. */
async function storedEndpoint(tenantId: string, id: string) {
  const store = createSqlStore(openDatabase({ kind: "sqlite", file: join(dir, "scimkit.db") }));
  try {
    const box = createSecretBox(await resolveSecretKey(store, env.WEBHOOK_SECRET_KEY));
    const endpoint = await store.read.webhooks.getEndpoint(tenantId, id);
    return endpoint && { ...endpoint, secrets: endpoint.secrets.map((s) => box.open(s.sealed)) };
  } finally {
    await store.close();
  }
}

async function addWebhook(tenantId: string, ...more: string[]): Promise<{ id: string; secret: string }> {
  const { code, stdout, stderr } = await cli(
    "webhook",
    "add",
    "--tenant",
    tenantId,
    "--url",
    "https://hooks.example.com/scim",
    ...more,
    "--json",
  );
  expect(code, stderr.join("\n")).toBe(0);
  expect(stdout).toHaveLength(1);
  return JSON.parse(stdout[0] ?? "");
}

describe("pnpm scimkit webhook", () => {
  it("add --json prints exactly one line {id, secret}, and the secret is the endpoint's", async () => {
    const tenant = await createTenant("Acme");
    const { stdout } = await cli(
      "webhook",
      "add",
      "--tenant",
      tenant.id,
      "--url",
      "https://hooks.example.com/scim",
      "--events",
      "user.created,user.deleted",
      "--json",
    );
    expect(stdout).toHaveLength(1);
    expect(stdout[0]).toMatch(/^\{"id":"[^"]+","secret":"whsec_[A-Za-z0-9+/]{43}="\}$/);
    const added = JSON.parse(stdout[0] ?? "");
    expect(await storedEndpoint(tenant.id, added.id)).toMatchObject({
      tenantId: tenant.id,
      url: "https://hooks.example.com/scim",
      eventTypes: ["user.created", "user.deleted"],
      enabled: true,
      secrets: [added.secret],
    });
  });

  it("seals secrets under WEBHOOK_SECRET_KEY when it is set", async () => {
    env = { ...env, WEBHOOK_SECRET_KEY: Buffer.alloc(32, 7).toString("base64") };
    const tenant = await createTenant("Acme");
    const added = await addWebhook(tenant.id);
    expect((await storedEndpoint(tenant.id, added.id))?.secrets).toEqual([added.secret]);
  });

  it("lists endpoints without secrets, disables, enables and removes one", async () => {
    const tenant = await createTenant("Acme");
    const added = await addWebhook(tenant.id, "--description", "CRM");
    const list = async () =>
      JSON.parse((await cli("webhook", "list", "--tenant", tenant.id, "--json")).stdout[0] ?? "");
    const listed = await list();
    expect(listed).toMatchObject([{ id: added.id, enabled: true, events: null, description: "CRM" }]);
    expect(JSON.stringify(listed)).not.toContain(added.secret);
    expect((await cli("webhook", "list", "--tenant", tenant.id)).stdout).toEqual([
      `${added.id}  https://hooks.example.com/scim  enabled  events=all  "CRM"`,
    ]);

    const disabled = await cli("webhook", "disable", "--tenant", tenant.id, "--id", added.id, "--json");
    expect(JSON.parse(disabled.stdout[0] ?? "")).toMatchObject({ enabled: false, disabledReason: "manual" });
    const enabled = await cli("webhook", "enable", "--tenant", tenant.id, "--id", added.id);
    expect(enabled.stdout[0]).toMatch(/^Enabled .+ enabled {2}events=all/);
    expect((await list())[0]).toMatchObject({ enabled: true, disabledReason: null });

    const removed = await cli("webhook", "remove", "--tenant", tenant.id, "--id", added.id);
    expect(removed).toMatchObject({ code: 0, stdout: [`Removed webhook endpoint ${added.id}`] });
    expect(await list()).toEqual([]);
  });

  it("rotate prints the new secret; the old one keeps signing for the overlap", async () => {
    const tenant = await createTenant("Acme");
    const added = await addWebhook(tenant.id);
    const { code, stdout } = await cli(
      "webhook",
      "rotate",
      "--tenant",
      tenant.id,
      "--id",
      added.id,
      "--json",
    );
    expect(code).toBe(0);
    const rotated = JSON.parse(stdout[0] ?? "");
    expect(rotated).toMatchObject({ id: added.id, secret: expect.stringMatching(/^whsec_/) });
    expect(Date.parse(rotated.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(86_000_000);
    expect((await storedEndpoint(tenant.id, added.id))?.secrets).toEqual([rotated.secret, added.secret]);

    // Overlap 0 ends the secret it replaces at once; the first one keeps its own overlap.
    const again = await cli("webhook", "rotate", "--tenant", tenant.id, "--id", added.id, "--overlap", "0");
    expect(again.stdout[1]).toBe(
      `Rotated-out secrets keep signing until ${rotated.previousSecretExpiresAt}.`,
    );
    const newest = again.stdout[0]?.split(": ")[1];
    expect((await storedEndpoint(tenant.id, added.id))?.secrets).toEqual([newest, added.secret]);

    const fresh = await addWebhook(tenant.id);
    const alone = await cli("webhook", "rotate", "--tenant", tenant.id, "--id", fresh.id, "--overlap", "0");
    expect(alone.stdout[1]).toBe("Only the new secret signs now.");
  });

  it("keeps another tenant's endpoint out of reach", async () => {
    const mine = await createTenant("Mine");
    const theirs = await createTenant("Theirs");
    const added = await addWebhook(theirs.id);
    for (const verb of ["disable", "enable", "rotate", "remove"]) {
      const { code, stderr } = await cli("webhook", verb, "--tenant", mine.id, "--id", added.id);
      expect(code).toBe(2);
      expect(stderr[0]).toMatch(/^scimkit: Webhook endpoint ".+" not found\./);
    }
    expect(JSON.parse((await cli("webhook", "list", "--tenant", mine.id, "--json")).stdout[0] ?? "")).toEqual(
      [],
    );
  });

  it.each([
    ["a URL of another scheme", ["--url", "ftp://hooks.example.com/"]],
    ["a relative URL", ["--url", "/hooks"]],
    ["a URL with credentials", ["--url", "https://a:b@hooks.example.com/"]],
    [
      "an unknown event type",
      ["--url", "https://hooks.example.com/", "--events", "user.created,user.exploded"],
    ],
    ["an empty event type", ["--url", "https://hooks.example.com/", "--events", ""]],
    ["no URL", []],
  ])("webhook add exits 2 with a message on stderr for %s, and adds nothing", async (_name, more) => {
    const tenant = await createTenant("Acme");
    const { code, stdout, stderr } = await cli("webhook", "add", "--tenant", tenant.id, ...more, "--json");
    expect(code).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr.join("\n")).toMatch(/^scimkit: .+\nRun pnpm scimkit --help for usage\.$/);
    expect(
      JSON.parse((await cli("webhook", "list", "--tenant", tenant.id, "--json")).stdout[0] ?? ""),
    ).toEqual([]);
  });

  it.each([
    ["an unknown tenant", ["webhook", "list", "--tenant", "nope"]],
    ["an unknown endpoint", ["webhook", "disable", "--tenant", "TENANT", "--id", "nope"]],
    ["a missing --id", ["webhook", "rotate", "--tenant", "TENANT"]],
    ["a bad overlap", ["webhook", "rotate", "--tenant", "TENANT", "--id", "ID", "--overlap", "1h"]],
    [
      "an overlap over 7 days",
      ["webhook", "rotate", "--tenant", "TENANT", "--id", "ID", "--overlap", "604801"],
    ],
  ])("exits 2 with a message on stderr for %s", async (_name, argv) => {
    const tenant = await createTenant("Acme");
    const added = await addWebhook(tenant.id);
    const args = argv.map((arg) => (arg === "TENANT" ? tenant.id : arg === "ID" ? added.id : arg));
    const { code, stdout, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr.join("\n")).toMatch(/^scimkit: .+\nRun pnpm scimkit --help for usage\.$/);
  });

  it("lists the webhook commands in the help", async () => {
    const help = (await cli("--help")).stdout[0] ?? "";
    expect(help).toContain("webhook add --tenant ID --url URL [--events TYPE,TYPE]");
    for (const verb of ["list", "disable", "enable", "rotate", "remove"])
      expect(help).toContain(`webhook ${verb} --tenant ID`);
  });
});
