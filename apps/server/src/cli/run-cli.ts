import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { createToken, deleteModes, isOneOf, type TenantSettings, tokenScopes } from "@scimkit/router";
import { type DatabaseLocation, migrateToLatest, parseDatabaseUrl } from "@scimkit/store-kysely";
import { SCIM_BASE_PATH } from "../app.js";
import { listTokens, revokeToken } from "../auth/tokens.service.js";
import { loadConfig } from "../config.js";
import { CONSOLE_PATH } from "../http/console-assets.js";
import { openStore } from "../open-store.js";
import { createTenantWithToken } from "../tenants/tenants.service.js";
import { type CliContext, CliUsageError, type Command, json, required } from "./cli-command.js";
import { webhookCommands } from "./webhook-commands.js";

export { type CliContext, CliUsageError };

const onOff = (name: string, value: string | boolean | undefined): boolean | undefined => {
  if (value === undefined) return undefined;
  if (value === "on") return true;
  if (value === "off") return false;
  throw new CliUsageError(`--${name} takes on or off, not ${JSON.stringify(value)}`);
};

/** The commands of `pnpm scimkit`. */
export const commands: Record<string, Command> = {
  "tenant create": {
    summary:
      "Create a tenant (provisioning on, groups on, JIT off, soft delete), its first SCIM token and an admin token for the console",
    usage: "tenant create --name NAME [--json]",
    options: { name: { type: "string" }, json: { type: "boolean" } },
    run: async (ctx, values) => {
      const created = await createTenantWithToken(ctx.store, ctx, required(values, "name"), "scim", true);
      const scimUrl = ctx.publicUrl + SCIM_BASE_PATH;
      const consoleUrl = `${ctx.publicUrl}${CONSOLE_PATH}/`;
      if (values.json === true) {
        const { tenant, token, adminToken } = created;
        ctx.out(json({ id: tenant.id, name: tenant.name, scimUrl, token, consoleUrl, adminToken }));
        return;
      }
      ctx.out(`Created tenant ${created.tenant.name} (${created.tenant.id})`);
      ctx.out(`  SCIM endpoint: ${scimUrl}`);
      ctx.out(`  Bearer token:  ${created.token}`);
      ctx.out(`  Admin console: ${consoleUrl}`);
      ctx.out(`  Admin token:   ${created.adminToken}`);
      ctx.out("The tokens are shown only now; they are stored hashed.");
    },
  },
  "tenant list": {
    summary: "List tenants and their settings",
    usage: "tenant list [--json]",
    options: { json: { type: "boolean" } },
    run: async (ctx, values) => {
      const tenants = await ctx.store.read.tenants.list();
      if (values.json === true) return ctx.out(json(tenants));
      const onOrOff = (flag: boolean) => (flag ? "on" : "off");
      for (const { id, name, settings: s } of tenants) {
        ctx.out(
          `${id}  ${name}  provisioning=${onOrOff(s.provisioning)} jit=${onOrOff(s.jit)} groups=${onOrOff(s.groups)} delete=${s.deleteMode}`,
        );
      }
    },
  },
  "tenant set": {
    summary: "Change a tenant's settings",
    usage:
      "tenant set --tenant ID [--provisioning on|off] [--jit on|off] [--groups on|off] [--delete soft|hard]",
    options: {
      tenant: { type: "string" },
      provisioning: { type: "string" },
      jit: { type: "string" },
      groups: { type: "string" },
      delete: { type: "string" },
    },
    run: async (ctx, values) => {
      const settings: { -readonly [K in keyof TenantSettings]?: TenantSettings[K] } = {};
      const provisioning = onOff("provisioning", values.provisioning);
      const jit = onOff("jit", values.jit);
      const groups = onOff("groups", values.groups);
      if (provisioning !== undefined) settings.provisioning = provisioning;
      if (jit !== undefined) settings.jit = jit;
      if (groups !== undefined) settings.groups = groups;
      if (values.delete !== undefined) {
        if (!isOneOf(deleteModes, values.delete))
          throw new CliUsageError(`--delete takes ${deleteModes.join(" or ")}`);
        settings.deleteMode = values.delete;
      }
      const tenant = await ctx.store.read.tenants.updateSettings(required(values, "tenant"), settings);
      if (tenant === undefined) throw new CliUsageError(`No tenant ${JSON.stringify(values.tenant)}`);
      ctx.out(json(tenant));
    },
  },
  "token create": {
    summary: "Issue a new token for a tenant (the old ones keep working until revoked)",
    usage: "token create --tenant ID [--scope scim|admin] [--name TEXT] [--json]",
    options: {
      tenant: { type: "string" },
      scope: { type: "string", default: "scim" },
      name: { type: "string" },
      json: { type: "boolean" },
    },
    run: async (ctx, values) => {
      const scope = values.scope;
      if (!isOneOf(tokenScopes, scope)) throw new CliUsageError(`--scope takes ${tokenScopes.join(" or ")}`);
      const tenantId = required(values, "tenant");
      if ((await ctx.store.read.tenants.get(tenantId)) === undefined)
        throw new CliUsageError(`No tenant ${JSON.stringify(tenantId)}`);
      const name = typeof values.name === "string" ? values.name.trim() : undefined;
      if (name !== undefined && (name === "" || name.length > 100))
        throw new CliUsageError("--name takes 1 to 100 characters, e.g. --name 'Okta production'");
      const created = await createToken(ctx.store.read, ctx, tenantId, scope, name);
      if (values.json === true)
        return ctx.out(json({ id: created.id, tenantId, scope, name: name ?? null, token: created.token }));
      ctx.out(`Created ${scope} token ${created.id}: ${created.token}`);
      ctx.out("The token is shown only now; it is stored hashed.");
    },
  },
  "token list": {
    summary: "List a tenant's tokens (never their secrets)",
    usage: "token list --tenant ID [--json]",
    options: { tenant: { type: "string" }, json: { type: "boolean" } },
    run: async (ctx, values) => {
      const tokens = await listTokens(ctx.store.read, required(values, "tenant"));
      if (values.json === true) return ctx.out(json(tokens));
      for (const t of tokens) {
        ctx.out(
          `${t.id}  ${t.scope}  ${JSON.stringify(t.name ?? "")}  created=${t.createdAt} lastUsed=${t.lastUsedAt ?? "never"} ${t.revokedAt ? `revoked=${t.revokedAt}` : "active"}`,
        );
      }
    },
  },
  "token revoke": {
    summary: "Revoke a token at once",
    usage: "token revoke --token-id ID",
    options: { "token-id": { type: "string" } },
    run: async (ctx, values) => {
      const id = required(values, "token-id");
      if (!(await revokeToken(ctx.store.read, ctx, id)))
        throw new CliUsageError(`No active token ${JSON.stringify(id)}`);
      ctx.out(`Revoked token ${id}`);
    },
  },
  migrate: {
    summary: "Apply pending database migrations",
    usage: "migrate",
    options: {},
    run: async (ctx) => {
      const result = await migrateToLatest(ctx.sql.db);
      const applied = (result.results ?? [])
        .filter((r) => r.status === "Success")
        .map((r) => r.migrationName);
      ctx.out(applied.length === 0 ? "Database is up to date." : `Applied: ${applied.join(", ")}`);
    },
  },
  ...webhookCommands,
};

/**
 * The CLI changes what a server reads from its database; the in-memory store lives inside one
 * server process, so a command cannot reach it.
 */
function sqlOnly(location: DatabaseLocation): DatabaseLocation {
  if (location.kind === "memory")
    throw new CliUsageError(
      "DATABASE_URL=memory: keeps data inside the running server only; the CLI needs sqlite: or postgres:.",
    );
  return location;
}

/** The help text: every command with its usage. */
export function helpText(): string {
  const lines = ["Usage: pnpm scimkit <command> [options]", "", "Commands:"];
  for (const command of Object.values(commands)) lines.push(`  ${command.usage}`, `      ${command.summary}`);
  lines.push(
    "",
    "Settings come from the environment: DATABASE_URL, PUBLIC_URL, HOST, PORT, WEBHOOK_SECRET_KEY (see README).",
  );
  return lines.join("\n");
}

/** Finds the command named by the leading words of argv (a leading `--`, as pnpm passes it, is dropped). */
export function resolveCommand(
  argv: readonly string[],
): { name: string; command: Command; rest: string[] } | undefined {
  const args = argv[0] === "--" ? argv.slice(1) : [...argv];
  for (const words of [2, 1]) {
    const name = args.slice(0, words).join(" ");
    const command = commands[name];
    if (command !== undefined) return { name, command, rest: args.slice(words) };
  }
  return undefined;
}

/** Parses a command's options strictly; `--help` prints its usage. Returns undefined when help was shown. */
export function parseCommandArgs(command: Command, rest: string[], out: (text: string) => void) {
  if (rest.includes("--help") || rest.includes("-h")) {
    out(`Usage: pnpm scimkit ${command.usage}\n\n${command.summary}`);
    return undefined;
  }
  try {
    return parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
}

/** The process around the CLI: arguments, environment, output streams. Tests pass their own. */
export interface CliProcess {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/**
 * Runs one `pnpm scimkit` command and returns its exit code: 0 on success, 2 on a usage error
 * (message and a hint on stderr), 1 on any other failure. Output goes to stdout, one line per call.
 */
export async function runCli(proc: CliProcess): Promise<number> {
  const args = proc.argv[0] === "--" ? proc.argv.slice(1) : [...proc.argv];
  try {
    if (args.length === 0 || ["--help", "-h", "help"].includes(args[0] ?? "")) {
      (args.length === 0 ? proc.stderr : proc.stdout)(helpText());
      return args.length === 0 ? 2 : 0;
    }
    const resolved = resolveCommand(args);
    if (resolved === undefined)
      throw new CliUsageError(`Unknown command ${JSON.stringify(args.slice(0, 2).join(" "))}`);
    const values = parseCommandArgs(resolved.command, resolved.rest, proc.stdout);
    if (values === undefined) return 0;
    const config = loadConfig(proc.env);
    const location = parseDatabaseUrl(
      config.databaseUrl,
      proc.cwd,
      config.poolSize,
      config.sqliteSynchronous,
    );
    const { store, sql } = await openStore(sqlOnly(location), {
      migrate: resolved.name !== "migrate" && config.migrateOnStart,
    });
    try {
      if (sql === undefined) throw new Error("The CLI works on a database.");
      const ctx: CliContext = {
        store,
        sql,
        publicUrl: config.publicUrl,
        out: proc.stdout,
        now: () => new Date(),
        newId: randomUUID,
        webhookSecretKey: config.webhooks.secretKey,
      };
      await resolved.command.run(ctx, values);
      return 0;
    } finally {
      await store.close();
    }
  } catch (error) {
    const usage = error instanceof CliUsageError;
    proc.stderr(`scimkit: ${(error as Error).message}${usage ? "\nRun pnpm scimkit --help for usage." : ""}`);
    return usage ? 2 : 1;
  }
}
