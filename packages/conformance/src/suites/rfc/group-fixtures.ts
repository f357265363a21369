import type { ScimGroup, ScimGroupInput } from "@scimkit/types";
import { ScimUrn } from "@scimkit/types";
import type { CaseContext } from "../../suite-types.js";
import { check, checkStatus } from "../checks.js";
import { type JsonBody, readJson } from "./scim-responses.js";
import { type CreatedUser, createUser, oncePerRun } from "./user-fixtures.js";

/** A group the case created (and registered for deletion). */
export interface CreatedGroup {
  readonly id: string;
  readonly displayName: string;
  readonly resource: ScimGroup;
  readonly response: Response;
}

/** The path of one group, its id escaped. */
export function groupPath(id: string): string {
  return `/Groups/${encodeURIComponent(id)}`;
}

/** A Group body (RFC 7643 §4.2) with the users as members. */
export function groupBody(displayName: string, memberIds: readonly string[]): ScimGroupInput {
  return { schemas: [ScimUrn.Group], displayName, members: memberIds.map((value) => ({ value })) };
}

/** Creates a group with `POST /Groups` (RFC 7644 §3.3), checks the 201 and registers its deletion. */
export async function createGroup(
  ctx: CaseContext,
  label: string,
  memberIds: readonly string[],
): Promise<CreatedGroup> {
  const displayName = ctx.unique(label);
  const { data, response } = await ctx.client.POST("/Groups", { body: groupBody(displayName, memberIds) });
  await checkStatus(response, 201, `POST /Groups (${label})`);
  const id = data?.id;
  check(typeof id === "string" && id !== "", `POST /Groups (${label}): the created group has no "id"`);
  ctx.cleanup(() => ctx.client.DELETE("/Groups/{id}", { params: { path: { id } } }));
  return { id, displayName, resource: data as ScimGroup, response };
}

/** Reads a group as JSON. */
export async function readGroup(ctx: CaseContext, id: string, what: string): Promise<JsonBody> {
  const response = await ctx.raw("GET", groupPath(id));
  await checkStatus(response, 200, what);
  return readJson(response, what);
}

/** The member ids of a group, sorted. */
export function memberIdsOf(group: JsonBody | ScimGroup): string[] {
  const members = (group as JsonBody).members;
  return (Array.isArray(members) ? members : []).map((member) => String((member as JsonBody).value)).sort();
}

/** Two users to be members, created once per run. */
export const memberUsers = oncePerRun(
  async (ctx): Promise<readonly [CreatedUser, CreatedUser]> => [
    await createUser(ctx, "grp-member-1"),
    await createUser(ctx, "grp-member-2"),
  ],
);
