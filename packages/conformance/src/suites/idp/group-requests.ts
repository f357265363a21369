import { type ListResponse, type ScimGroup, type ScimGroupInput, ScimUrn } from "@scimkit/types";
import type { CaseContext } from "../../suite-types.js";
import { check, checkEqual, checkStatus } from "../checks.js";
import { byId, createUser, type IdpPatchOperation, patchBody, workEmail } from "./idp-requests.js";
import { checkListResponse } from "./user-lists.js";

/** POSTs a group and checks `201` with an `id` (RFC 7644 §3.3); registers its DELETE as clean-up. */
export async function createGroup(ctx: CaseContext, body: ScimGroupInput, what: string): Promise<ScimGroup> {
  const { data, response } = await ctx.client.POST("/Groups", { body });
  const id = data?.id;
  if (response.ok && typeof id === "string") ctx.cleanup(() => ctx.client.DELETE("/Groups/{id}", byId(id)));
  await checkStatus(response, 201, what);
  check(data !== undefined && typeof id === "string" && id !== "", `${what}: the 201 body holds no id`);
  return data;
}

/** `GET /Groups/{id}`, checked for `200`. */
export async function readGroup(ctx: CaseContext, id: string, what: string): Promise<ScimGroup> {
  const { data, response } = await ctx.client.GET("/Groups/{id}", byId(id));
  await checkStatus(response, 200, what);
  check(data !== undefined, `${what}: 200 without a group in the body`);
  return data;
}

/** PATCHes a group with the IdP's exact operations; `200` or `204` (RFC 7644 §3.5.2). */
export async function patchGroup(
  ctx: CaseContext,
  id: string,
  what: string,
  ...operations: IdpPatchOperation[]
): Promise<void> {
  const { response } = await ctx.client.PATCH("/Groups/{id}", {
    ...byId(id),
    body: patchBody(...operations),
  });
  await checkStatus(response, [200, 204], what);
}

/** Fails unless the group (read back by GET) has exactly these member ids. */
export async function checkMembers(
  ctx: CaseContext,
  id: string,
  expected: readonly string[],
  what: string,
): Promise<void> {
  const group = await readGroup(ctx, id, `${what}: GET /Groups/{id}`);
  const values = (group.members ?? []).map((member) => member.value).sort();
  checkEqual(values, [...expected].sort(), `${what}: member ids`);
}

/** Creates `n` plain users (primary work e-mail = userName) to be pushed as members; returns their ids. */
export async function memberUsers(ctx: CaseContext, label: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    const email = ctx.uniqueEmail(`${label}-m${i}`);
    const body = {
      schemas: [ScimUrn.User],
      userName: email,
      name: { givenName: `Member${i}`, familyName: "Conformance" },
      emails: workEmail(email),
      active: true,
    };
    ids.push((await createUser(ctx, body, `POST /Users (member ${i})`)).id);
  }
  return ids;
}

/** `GET /Groups?<query>` with the query bytes exactly as given, checked for a 200 ListResponse. */
export async function listGroupsRaw(
  ctx: CaseContext,
  query: string,
  what: string,
): Promise<ListResponse<ScimGroup>> {
  const response = await ctx.raw("GET", `/Groups?${query}`);
  await checkStatus(response, 200, what);
  const body: unknown = await response.json();
  checkListResponse(body, what);
  return body as ListResponse<ScimGroup>;
}

/** DELETEs a group: `204`, then `GET` answers `404` (RFC 7644 §3.6). */
export async function deleteGroup(ctx: CaseContext, id: string, what: string): Promise<void> {
  const { response } = await ctx.client.DELETE("/Groups/{id}", byId(id));
  await checkStatus(response, 204, what);
  const after = await ctx.client.GET("/Groups/{id}", byId(id));
  await checkStatus(after.response, 404, `${what}: GET /Groups/{id} afterwards`);
}
