import { ScimUrn, type ScimUser, type ScimUserInput } from "@scimkit/types";
import type { CaseContext } from "../../suite-types.js";
import { check, checkStatus } from "../checks.js";

/** A user the case created (and registered for deletion). */
export interface CreatedUser {
  readonly id: string;
  readonly userName: string;
  /** The body of the 201 answer. */
  readonly resource: ScimUser;
  /** The 201 answer (headers: Location, ETag). */
  readonly response: Response;
}

/**
 * A User body (RFC 7643 §4.1) whose `userName` is an email that is also the primary work email, so
 * the same body passes servers that tie userName to the email (many do, as IdPs send it so).
 */
export function userBody(email: string, extra: Partial<ScimUserInput> = {}): ScimUserInput {
  return {
    schemas: [ScimUrn.User],
    userName: email,
    emails: [{ value: email, type: "work", primary: true }],
    ...extra,
  };
}

/** The path of one user, its id escaped. */
export function userPath(id: string): string {
  return `/Users/${encodeURIComponent(id)}`;
}

/** Registers a DELETE of the user for after the suite (a 404 then is fine: the case deleted it). */
export function deleteLater(ctx: CaseContext, id: string): void {
  ctx.cleanup(() => ctx.client.DELETE("/Users/{id}", { params: { path: { id } } }));
}

/**
 * Creates a user with `POST /Users` (RFC 7644 §3.3) named after `label` (unique to the run), checks
 * the 201 and an `id`, and registers its deletion. `extra` adds or overrides attributes.
 */
export async function createUser(
  ctx: CaseContext,
  label: string,
  extra: Partial<ScimUserInput> = {},
): Promise<CreatedUser> {
  const email = ctx.uniqueEmail(label);
  const { data, response } = await ctx.client.POST("/Users", { body: userBody(email, extra) });
  await checkStatus(response, 201, `POST /Users (${label})`);
  const id = data?.id;
  check(typeof id === "string" && id !== "", `POST /Users (${label}): the created user has no "id"`);
  deleteLater(ctx, id);
  return { id, userName: email, resource: data as ScimUser, response };
}

/** Reads a user with `GET /Users/{id}`, checking the 200. */
export async function getUser(ctx: CaseContext, id: string, what: string): Promise<ScimUser> {
  const { data, response } = await ctx.client.GET("/Users/{id}", { params: { path: { id } } });
  await checkStatus(response, 200, what);
  check(data !== undefined, `${what}: no user in the body`);
  return data;
}

/**
 * Shares what `create` makes among the cases of one suite within one run (keyed by the run's
 * client), so that e.g. the filter cases query one set of users instead of each creating its own.
 * The first case that needs it creates it and registers its clean-up, which runs after the suite.
 */
export function oncePerRun<T>(create: (ctx: CaseContext) => Promise<T>): (ctx: CaseContext) => Promise<T> {
  const runs = new WeakMap<object, Promise<T>>();
  return (ctx) => {
    const existing = runs.get(ctx.client);
    if (existing !== undefined) return existing;
    const created = create(ctx);
    runs.set(ctx.client, created);
    return created;
  };
}
