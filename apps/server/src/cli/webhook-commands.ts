import { ScimError } from "@scimkit/core";
import { createSecretBox, resolveSecretKey } from "@scimkit/router";
import type { components } from "@scimkit/types";
import {
  parseDescription,
  parseEndpointUrl,
  parseEventTypeList,
  parseOverlapSeconds,
} from "../app-api/webhooks.input.js";
import { lazySecretBox, type WebhooksService, webhooksService } from "../app-api/webhooks.service.js";
import { type CliContext, CliUsageError, type Command, json, required } from "./cli-command.js";

type WebhookEndpoint = components["schemas"]["WebhookEndpoint"];
type Values = Record<string, string | boolean | undefined>;

/** The most endpoints `webhook list` reads deliveries for; the CLI lists no deliveries. */
const MAX_RESULTS = 1000;

/**
 * Runs `work` on the tenant's endpoints through the service `/api/webhooks` uses, so the CLI
 * validates as the API does: what the API answers with a 4xx (a bad URL, an unknown event
 * type or endpoint) is a usage error here, exit code 2.
 */
async function onTenant<T>(
  ctx: CliContext,
  values: Values,
  work: (service: WebhooksService, tenantId: string) => Promise<T>,
): Promise<T> {
  const tenantId = required(values, "tenant");
  if ((await ctx.store.read.tenants.get(tenantId)) === undefined)
    throw new CliUsageError(`No tenant ${JSON.stringify(tenantId)}`);
  const service = webhooksService({
    store: ctx.store,
    now: ctx.now,
    newId: ctx.newId,
    maxResults: MAX_RESULTS,
    secretBox: lazySecretBox(async () =>
      createSecretBox(await resolveSecretKey(ctx.store, ctx.webhookSecretKey)),
    ),
  });
  try {
    return await work(service, tenantId);
  } catch (error) {
    if (error instanceof ScimError && error.status < 500) throw new CliUsageError(error.detail);
    throw error;
  }
}

function describe(endpoint: WebhookEndpoint): string {
  const state = endpoint.enabled ? "enabled" : `disabled (${endpoint.disabledReason ?? "manual"})`;
  const events = endpoint.events === null ? "all" : endpoint.events.join(",");
  return `${endpoint.id}  ${endpoint.url}  ${state}  events=${events}${endpoint.description === null ? "" : `  ${JSON.stringify(endpoint.description)}`}`;
}

/** A whole number of seconds as `--overlap` takes it. */
function overlapOf(values: Values): number {
  const raw = values.overlap;
  if (raw === undefined) return parseOverlapSeconds(undefined);
  if (typeof raw !== "string" || !/^\d+$/.test(raw.trim()))
    throw new CliUsageError("--overlap takes a whole number of seconds, e.g. --overlap 3600");
  return parseOverlapSeconds(Number(raw.trim()));
}

const endpointOptions = {
  tenant: { type: "string" },
  id: { type: "string" },
  json: { type: "boolean" },
} as const;

/** `enable` and `disable`: the same command but for the flag. */
function toggle(enabled: boolean): Command {
  const verb = enabled ? "enable" : "disable";
  return {
    summary: enabled
      ? "Resume deliveries to a webhook endpoint (also one disabled for failing), from where they stopped"
      : "Stop deliveries to a webhook endpoint until it is enabled again",
    usage: `webhook ${verb} --tenant ID --id ID [--json]`,
    options: endpointOptions,
    run: async (ctx, values) => {
      const endpoint = await onTenant(ctx, values, (service, tenantId) =>
        service.update(tenantId, required(values, "id"), { enabled }),
      );
      ctx.out(
        values.json === true ? json(endpoint) : `${enabled ? "Enabled" : "Disabled"} ${describe(endpoint)}`,
      );
    },
  };
}

/** The `webhook …` commands of `pnpm scimkit`: a tenant's webhook endpoints, as `/api/webhooks` has them. */
export const webhookCommands: Record<string, Command> = {
  "webhook add": {
    summary:
      "Add a webhook endpoint that receives the tenant's provisioning events from now on; prints its signing secret once",
    usage: "webhook add --tenant ID --url URL [--events TYPE,TYPE] [--description TEXT] [--json]",
    options: {
      tenant: { type: "string" },
      url: { type: "string" },
      events: { type: "string" },
      description: { type: "string" },
      json: { type: "boolean" },
    },
    run: async (ctx, values) => {
      const created = await onTenant(ctx, values, (service, tenantId) =>
        service.create(tenantId, {
          url: parseEndpointUrl(required(values, "url")),
          eventTypes:
            typeof values.events === "string" ? parseEventTypeList(values.events, "--events") : null,
          description: typeof values.description === "string" ? parseDescription(values.description) : null,
        }),
      );
      if (values.json === true) return ctx.out(json({ id: created.id, secret: created.secret }));
      ctx.out(`Added ${describe(created)}`);
      ctx.out(`  Signing secret: ${created.secret}`);
      ctx.out("The secret is shown only now; the server keeps it encrypted.");
    },
  },
  "webhook list": {
    summary: "List a tenant's webhook endpoints (never their secrets)",
    usage: "webhook list --tenant ID [--json]",
    options: { tenant: { type: "string" }, json: { type: "boolean" } },
    run: async (ctx, values) => {
      const endpoints = await onTenant(ctx, values, (service, tenantId) => service.list(tenantId));
      if (values.json === true) return ctx.out(json(endpoints));
      for (const endpoint of endpoints) ctx.out(describe(endpoint));
    },
  },
  "webhook disable": toggle(false),
  "webhook enable": toggle(true),
  "webhook rotate": {
    summary:
      "Give a webhook endpoint a new signing secret, printed once; the old one keeps signing for the overlap (default 86400 s)",
    usage: "webhook rotate --tenant ID --id ID [--overlap SECONDS] [--json]",
    options: { ...endpointOptions, overlap: { type: "string" } },
    run: async (ctx, values) => {
      const rotated = await onTenant(ctx, values, (service, tenantId) =>
        service.rotate(tenantId, required(values, "id"), overlapOf(values)),
      );
      const { id, secret, previousSecretExpiresAt } = rotated;
      if (values.json === true) return ctx.out(json({ id, secret, previousSecretExpiresAt }));
      ctx.out(`New signing secret for ${id}: ${secret}`);
      ctx.out(
        previousSecretExpiresAt === null
          ? "Only the new secret signs now."
          : `Rotated-out secrets keep signing until ${previousSecretExpiresAt}.`,
      );
    },
  },
  "webhook remove": {
    summary: "Remove a webhook endpoint and its deliveries",
    usage: "webhook remove --tenant ID --id ID [--json]",
    options: endpointOptions,
    run: async (ctx, values) => {
      const id = required(values, "id");
      await onTenant(ctx, values, (service, tenantId) => service.remove(tenantId, id));
      ctx.out(values.json === true ? json({ id, removed: true }) : `Removed webhook endpoint ${id}`);
    },
  },
};
