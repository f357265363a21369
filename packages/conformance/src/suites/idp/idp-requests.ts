import { type PatchOp, ScimUrn, type ScimUser, type ScimUserInput } from "@scimkit/types";
import type { CaseContext, Discovered } from "../../suite-types.js";
import { check, checkStatus } from "../checks.js";

/** One PATCH operation exactly as an IdP sends it: `op` in any letter case, `value` any JSON (RFC 7644 §3.5.2). */
export interface IdpPatchOperation {
  readonly op: string;
  readonly path?: string;
  readonly value?: unknown;
}

/** A PATCH request body (RFC 7644 §3.5.2) with the operations exactly as the IdP sends them. */
export function patchBody(...operations: IdpPatchOperation[]): PatchOp {
  return { schemas: [ScimUrn.PatchOp], Operations: operations.map((operation) => ({ ...operation })) };
}

/** The path parameters of `/Users/{id}` and `/Groups/{id}`. */
export function byId(id: string) {
  return { params: { path: { id } } };
}

/** Whether the server announces the Group resource type (RFC 7644 §4, `GET /ResourceTypes`). */
export function announcesGroups(discovered: Discovered): boolean {
  return discovered.resourceTypes.some(
    (type) => type.endpoint === "/Groups" || type.name === "Group" || type.schema === ScimUrn.Group,
  );
}

/** Skips the case when the server does not announce Group: the IdP's group push would be turned off. */
export function requireGroups(ctx: CaseContext): void {
  if (!announcesGroups(ctx.discovered)) {
    ctx.skip("the server does not announce the Group resource type (GET /ResourceTypes): group push is off");
  }
}

/** Whether the server announces the enterprise User extension (RFC 7643 §4.3) in /Schemas or /ResourceTypes. */
export function announcesEnterpriseUser(discovered: Discovered): boolean {
  return (
    discovered.schemas.some((schema) => schema.id === ScimUrn.EnterpriseUser) ||
    discovered.resourceTypes.some((type) =>
      (type.schemaExtensions ?? []).some((extension) => extension.schema === ScimUrn.EnterpriseUser),
    )
  );
}

/**
 * POSTs a user and checks the `201` with an `id` (RFC 7644 §3.3); every IdP needs both to link the
 * user. Registers its DELETE as clean-up as soon as the server created it.
 */
export async function createUser(ctx: CaseContext, body: ScimUserInput, what: string): Promise<ScimUser> {
  const { data, response } = await ctx.client.POST("/Users", { body });
  const id = data?.id;
  if (response.ok && typeof id === "string") ctx.cleanup(() => ctx.client.DELETE("/Users/{id}", byId(id)));
  await checkStatus(response, 201, what);
  check(
    data !== undefined && typeof id === "string" && id !== "",
    `${what}: the 201 body holds no user with an id (the IdP cannot link it)`,
  );
  return data;
}

/** `GET /Users/{id}`, checked for `200` (RFC 7644 §3.4.1). */
export async function readUser(ctx: CaseContext, id: string, what: string): Promise<ScimUser> {
  const { data, response } = await ctx.client.GET("/Users/{id}", byId(id));
  await checkStatus(response, 200, what);
  check(data !== undefined, `${what}: 200 without a user in the body`);
  return data;
}

/**
 * PATCHes a user with the IdP's exact operations and returns the user after it: the `200` body, or
 * a GET after a `204` (both allowed by RFC 7644 §3.5.2).
 */
export async function patchUser(
  ctx: CaseContext,
  id: string,
  what: string,
  ...operations: IdpPatchOperation[]
): Promise<ScimUser> {
  const { data, response } = await ctx.client.PATCH("/Users/{id}", {
    ...byId(id),
    body: patchBody(...operations),
  });
  await checkStatus(response, [200, 204], what);
  if (response.status === 200 && data !== undefined) return data;
  return readUser(ctx, id, `GET /Users/{id} after ${what}`);
}

/** PUTs a whole user (RFC 7644 §3.5.1), checks `200` and returns the replaced user. */
export async function putUser(ctx: CaseContext, id: string, body: ScimUserInput, what: string) {
  const { data, response } = await ctx.client.PUT("/Users/{id}", { ...byId(id), body });
  await checkStatus(response, 200, what);
  check(data !== undefined, `${what}: 200 without the user in the body`);
  return data;
}

/** A user read back by GET, as the body of the full PUT Okta sends after it (id, meta, groups included). */
export function asPutBody(user: ScimUser): ScimUserInput {
  check(typeof user.userName === "string", `GET /Users/${user.id} returned no userName`);
  return { ...user, userName: user.userName };
}

/** Fails unless the user's `active` is exactly the boolean expected (not a string such as `"False"`). */
export function checkActive(user: ScimUser, expected: boolean, what: string): void {
  check(
    user.active === expected,
    `${what}: expected active ${expected} (a JSON boolean), got ${JSON.stringify(user.active)}`,
  );
}

/** A primary work e-mail, as every IdP sends the user's address (RFC 7643 §4.1.2). */
export function workEmail(value: string) {
  return [{ value, type: "work", primary: true }];
}

/**
 * Fails unless the answer is a SCIM Error (RFC 7644 §3.12) with this HTTP status, `status` as a string
 * and, if given, this `scimType`. `error` is the parsed body (openapi-fetch's `error`, or JSON read from a raw response).
 */
export async function checkScimError(
  result: { readonly response: Response; readonly error?: unknown },
  status: number,
  scimType: string | undefined,
  what: string,
): Promise<void> {
  await checkStatus(result.response, status, what);
  const body = (typeof result.error === "object" && result.error !== null ? result.error : {}) as Record<
    string,
    unknown
  >;
  check(
    Array.isArray(body.schemas) && body.schemas.includes(ScimUrn.Error),
    `${what}: the body is not a SCIM Error (schemas lacks ${ScimUrn.Error})`,
  );
  check(
    body.status === String(status),
    `${what}: Error status must be the string "${status}", got ${JSON.stringify(body.status)}`,
  );
  if (scimType !== undefined) {
    check(
      body.scimType === scimType,
      `${what}: expected scimType "${scimType}", got ${JSON.stringify(body.scimType)}`,
    );
  }
}
