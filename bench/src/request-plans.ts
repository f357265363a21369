import type { Request } from "autocannon";
import type { RequestPlan, SampledUser } from "./load-protocol.js";

// Worker side of a plan: the autocannon request whose `setupRequest` varies path and body per
// request. State (counters, pool positions) lives in the closure, shared by all connections.

const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** A plan made runnable: the request template, and how many requests a bounded pool has left. */
export interface RequestSource {
  readonly request: Request;
  /** Requests left before the pool runs dry; `undefined` for unbounded plans. */
  remaining(): number | undefined;
  /** For `create-user`: the next number not yet handed out. */
  nextNumber(): number | undefined;
}

function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error("cannot pick from an empty sample");
  return item;
}

function randomName(): string {
  return `Given-${Math.random().toString(36).slice(2, 10)}`;
}

/** The body of `POST /Users` for user number `n`; userName, externalId and email are unique per n. */
export function newUserBody(n: number): string {
  const userName = `bench-${n}@example.com`;
  return JSON.stringify({
    schemas: [USER_SCHEMA],
    userName,
    externalId: `ext-${n}`,
    name: { givenName: `Given${n}`, familyName: `Family${n}` },
    displayName: `Given${n} Family${n}`,
    emails: [{ value: userName, type: "work", primary: true }],
  });
}

function putUserBody(user: SampledUser): string {
  const givenName = randomName();
  return JSON.stringify({
    schemas: [USER_SCHEMA],
    userName: user.userName,
    externalId: user.externalId,
    name: { givenName, familyName: "Replaced" },
    displayName: `${givenName} Replaced`,
    emails: [{ value: user.workEmail, type: "work", primary: true }],
  });
}

function patchBody(operation: Record<string, unknown>): string {
  return JSON.stringify({ schemas: [PATCH_OP_SCHEMA], Operations: [operation] });
}

/** Hands out each id of a pool once, so no two requests add (or remove) the same member. */
function pooled(ids: readonly string[]): { take(): string; remaining(): number } {
  let next = 0;
  return {
    take() {
      // autocannon may build a request or two past `amount` before it stops; wrap rather than throw.
      const id = ids[next % ids.length];
      next += 1;
      if (id === undefined) throw new Error("empty pool");
      return id;
    },
    remaining: () => Math.max(0, ids.length - next),
  };
}

type Setup = (request: Request) => Request;

function unbounded(setup: Setup, next?: () => number): RequestSource {
  return {
    request: { setupRequest: setup },
    remaining: () => undefined,
    nextNumber: () => next?.(),
  };
}

/** `POST /Users` of users numbered from `first` up, one number per request. */
function creator(first: number, basePath: string): RequestSource {
  let n = first;
  const setup: Setup = (r) => {
    const body = newUserBody(n);
    n += 1;
    return { ...r, method: "POST", path: `${basePath}/Users`, body };
  };
  return unbounded(setup, () => n);
}

/** One member added to or removed from the group per request, each id from the pool used once. */
function memberChanges(
  plan: Extract<RequestPlan, { kind: "group-add-member" | "group-remove-member" }>,
  basePath: string,
): RequestSource {
  const pool = pooled(plan.userIds);
  const add = plan.kind === "group-add-member";
  const setup: Setup = (r) => {
    const id = pool.take();
    const operation = add
      ? { op: "add", path: "members", value: [{ value: id }] }
      : { op: "remove", path: `members[value eq "${id}"]` };
    return { ...r, method: "PATCH", path: `${basePath}/Groups/${plan.groupId}`, body: patchBody(operation) };
  };
  return { request: { setupRequest: setup }, remaining: pool.remaining, nextNumber: () => undefined };
}

/** Builds the request source for `plan`; `basePath` prefixes every path (`/scim/v2`, or empty for `/api`). */
export function requestSource(plan: RequestPlan, basePath: string): RequestSource {
  switch (plan.kind) {
    case "get":
      return unbounded((r) => ({ ...r, method: "GET", path: `${basePath}${plan.path}` }));
    case "get-user":
      return unbounded((r) => ({ ...r, method: "GET", path: `${basePath}/Users/${pick(plan.ids)}` }));
    case "get-varied":
      return unbounded((r) => ({
        ...r,
        method: "GET",
        path: `${basePath}${plan.path}${encodeURIComponent(pick(plan.values))}`,
      }));
    case "create-user":
      return creator(plan.firstNumber, basePath);
    case "patch-user":
      return unbounded((r) => ({
        ...r,
        method: "PATCH",
        path: `${basePath}/Users/${pick(plan.ids)}`,
        body: patchBody({ op: "replace", path: "name.givenName", value: randomName() }),
      }));
    case "put-user":
      return unbounded((r) => {
        const user = pick(plan.users);
        return { ...r, method: "PUT", path: `${basePath}/Users/${user.id}`, body: putUserBody(user) };
      });
    case "group-add-member":
    case "group-remove-member":
      return memberChanges(plan, basePath);
  }
}
