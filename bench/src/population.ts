import type { RunLoad } from "./load-client.js";
import type { LoadResult, SampledUser } from "./load-protocol.js";
import { SCIM_BASE_PATH, type ScimTarget, scimGetJson } from "./scim-api.js";

// The users on the server: growing them through POST /Users under load, counting them, and
// sampling real ids (and their userName, externalId, work email) spread over the whole population.

/** The page size the server allows by default (MAX_RESULTS). */
const MAX_PAGE = 1000;

interface ListPage {
  readonly totalResults: number;
  readonly resources: readonly Record<string, unknown>[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function listPage(value: unknown): ListPage {
  if (!isRecord(value) || typeof value.totalResults !== "number") {
    throw new Error(`not a SCIM ListResponse: ${JSON.stringify(value).slice(0, 200)}`);
  }
  const resources = Array.isArray(value.Resources) ? value.Resources.filter(isRecord) : [];
  return { totalResults: value.totalResults, resources };
}

function text(resource: Record<string, unknown>, name: string): string {
  const value = resource[name];
  if (typeof value !== "string") throw new Error(`user ${String(resource.id)} has no ${name}`);
  return value;
}

function workEmail(resource: Record<string, unknown>): string {
  const emails = Array.isArray(resource.emails) ? resource.emails.filter(isRecord) : [];
  const work = emails.find((email) => email.type === "work") ?? emails[0];
  return work === undefined ? text(resource, "userName") : text(work, "value");
}

/** The number of users the server holds (`totalResults` of an empty page). */
export async function countUsers(target: ScimTarget): Promise<number> {
  return listPage(await scimGetJson(target, "/Users?count=0")).totalResults;
}

/** Up to `size` distinct users, read through list pages spread evenly over all `total` users. */
export async function sampleUsers(target: ScimTarget, total: number, size: number): Promise<SampledUser[]> {
  const pages = 10;
  const perPage = Math.min(MAX_PAGE, Math.ceil(size / pages));
  const byId = new Map<string, SampledUser>();
  for (let page = 0; page < pages; page++) {
    const startIndex = 1 + Math.floor((page * total) / pages);
    const path = `/Users?startIndex=${startIndex}&count=${perPage}&attributes=id,userName,externalId,emails`;
    for (const resource of listPage(await scimGetJson(target, path)).resources) {
      const id = text(resource, "id");
      byId.set(id, {
        id,
        userName: text(resource, "userName"),
        externalId: text(resource, "externalId"),
        workEmail: workEmail(resource),
      });
    }
  }
  return [...byId.values()];
}

/** Every user id, in list order, read through `attributes=id` pages of the largest allowed size. */
export async function listAllUserIds(
  target: ScimTarget,
  total: number,
  onProgress: (read: number) => void,
): Promise<string[]> {
  const ids: string[] = [];
  for (let startIndex = 1; startIndex <= total; startIndex += MAX_PAGE) {
    const path = `/Users?startIndex=${startIndex}&count=${MAX_PAGE}&attributes=id`;
    const page = listPage(await scimGetJson(target, path));
    for (const resource of page.resources) ids.push(text(resource, "id"));
    onProgress(ids.length);
  }
  return ids;
}

/** The outcome of growing the population by `POST /Users`. */
export interface Growth {
  readonly from: number;
  readonly to: number;
  readonly load: LoadResult;
}

/** Growth settings: connections, the first unused user number, and progress reporting. */
export interface GrowOptions {
  readonly load: RunLoad;
  readonly connections: number;
  readonly firstNumber: number;
  readonly onProgress: (users: number, target: number) => void;
}

/**
 * POSTs users until the server holds `goal` users. Resolves `undefined` when it already holds as
 * many: the previous stage's `POST /Users` scenario may have overshot a small goal (smoke sizes).
 */
export async function growUsers(
  target: ScimTarget,
  goal: number,
  options: GrowOptions,
): Promise<Growth | undefined> {
  const from = await countUsers(target);
  const amount = goal - from;
  if (amount <= 0) return undefined;
  const load = await options.load(
    {
      origin: target.origin,
      basePath: SCIM_BASE_PATH,
      token: target.token,
      plan: { kind: "create-user", firstNumber: options.firstNumber },
      connections: Math.min(options.connections, amount),
      warmupSeconds: 0,
      durationSeconds: 0,
      amount,
      // Generous: even 100 users a second would finish; a stalled server still ends the run.
      maxSeconds: Math.max(60, amount / 100),
    },
    (responses) => options.onProgress(from + responses, goal),
  );
  return { from, to: await countUsers(target), load };
}
