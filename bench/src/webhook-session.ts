import { rmSync } from "node:fs";
import { join } from "node:path";
import type { BenchArgs } from "./args.js";
import type { RunLoad } from "./load-client.js";
import type { SampledUser } from "./load-protocol.js";
import { growthResult } from "./measure.js";
import { countUsers, growUsers, sampleUsers } from "./population.js";
import { grouped, type Progress } from "./progress.js";
import type { ScimTarget } from "./scim-api.js";
import { type ServerProcess, startServer } from "./server-process.js";
import { type AdminTarget, addEndpoint } from "./webhook-admin.js";
import type { WebhookReceiver } from "./webhook-receiver-client.js";

// One server of the webhook scenarios: started on a fresh SQLite file, grown to the users the
// scenarios PATCH, then given the receiver as its tenant's one endpoint. The endpoint comes last,
// so its cursor starts after the growth's events and it is owed only what the scenarios write.

/** What every webhook scenario shares: the run's settings, its processes and its problems. */
export interface WebhookContext {
  readonly args: BenchArgs;
  readonly progress: Progress;
  readonly load: RunLoad;
  readonly receiver: WebhookReceiver;
  readonly workDir: string;
  readonly problems: string[];
}

/** One started server with its users and endpoint. */
export interface WebhookSession {
  readonly name: string;
  readonly server: ServerProcess;
  readonly target: ScimTarget;
  readonly admin: AdminTarget;
  readonly databaseFile: string;
  /** The receiver's endpoint; undefined on a server without `/api/webhooks`. */
  readonly endpointId: string | undefined;
  readonly users: number;
  readonly sample: readonly SampledUser[];
  /** The first user number no POST has used yet. */
  nextNumber: number;
}

/** Records a problem and says it at once on stderr. */
export function webhookProblem(context: WebhookContext, text: string | undefined): void {
  if (text === undefined) return;
  context.problems.push(text);
  context.progress.line(`!!! ${text}`);
}

/** Starts `mainJs` on a new database named after `name`, grows its users and adds the endpoint. */
export async function openSession(
  context: WebhookContext,
  mainJs: string,
  name: string,
): Promise<WebhookSession> {
  const { args, progress, load, receiver } = context;
  const databaseFile = join(context.workDir, `${name}.db`);
  const server = await startServer({ mainJs, databaseFile, expectToken: true });
  try {
    if (server.tokens === undefined) throw new Error("the server printed no tokens");
    const target = { origin: server.origin, token: server.tokens.scim };
    const admin = { origin: server.origin, token: server.tokens.admin };
    const goal = args.webhooks.users;
    progress.line(
      `[${name}] server on ${server.origin} (pid ${server.pid}), growing ${grouped(goal)} users …`,
    );
    const grown = await growUsers(target, goal, {
      load,
      connections: args.connections,
      firstNumber: 1,
      onProgress: (users, of) => progress.update(`[${name}] growing ${grouped(users)}/${grouped(of)} users`),
    });
    if (grown !== undefined) webhookProblem(context, growthResult(grown, goal).problem);
    const users = await countUsers(target);
    const sample = await sampleUsers(target, users, args.sampleSize);
    const endpointId = await addEndpoint(admin, receiver.url);
    progress.line(
      endpointId === undefined
        ? `[${name}] this server has no /api/webhooks: measured without an endpoint`
        : `[${name}] endpoint ${endpointId} → ${receiver.url}`,
    );
    const nextNumber = grown?.load.nextNumber ?? goal + 1;
    return { name, server, target, admin, databaseFile, endpointId, users, sample, nextNumber };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Stops the session's server (a non-zero exit is a problem) and removes its database. */
export async function closeSession(context: WebhookContext, session: WebhookSession): Promise<void> {
  const exit = await session.server.stop();
  if (exit.code !== 0) {
    webhookProblem(
      context,
      `[${session.name}] the server exited with code ${exit.code} (signal ${exit.signal})`,
    );
  }
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${session.databaseFile}${suffix}`, { force: true });
}
