import { randomUUID } from "node:crypto";
import { createScimClient, dataOrThrow, filter, type ScimClient } from "@scimkit/client";
import { type ScimGroup, ScimUrn, type ScimUser } from "@scimkit/types";
import { expect } from "vitest";
import { createTenantWithToken } from "../../src/tenants/tenants.service.js";
import type { TestServer } from "../helpers/test-server.js";
import { type IdpHarness, patchBody } from "../idp/idp-harness.js";

/** One PATCH operation exactly as an IdP sends it (`op` in any case, `value` any JSON). */
export type PatchOperation = { op: string; path?: string; value?: unknown };

/** The path parameters of `/Users/{id}` and `/Groups/{id}`. */
export function byId(id: string) {
  return { params: { path: { id } } };
}

/**
 * A plain core User, the shape every IdP sends (docs/reference/idp-requests.md#okta-create,
 * #jumpcloud-create, #entra-create).
 */
export function userBody(email: string, displayName?: string) {
  const [local = email] = email.split("@");
  return {
    schemas: [ScimUrn.User],
    userName: email,
    name: { givenName: local, familyName: "Member" },
    ...(displayName === undefined ? {} : { displayName }),
    emails: [{ value: email, type: "work", primary: true }],
    active: true,
  };
}

/** Creates a user over SCIM and returns it (201 asserted by dataOrThrow). */
export async function createUser(scim: ScimClient, email: string, displayName?: string): Promise<ScimUser> {
  return dataOrThrow(await scim.POST("/Users", { body: userBody(email, displayName) }));
}

/** Creates a group with these member ids over SCIM and returns it. */
export async function createGroup(
  scim: ScimClient,
  displayName: string,
  members: readonly string[] = [],
): Promise<ScimGroup> {
  const body = { schemas: [ScimUrn.Group], displayName, members: members.map((value) => ({ value })) };
  return dataOrThrow(await scim.POST("/Groups", { body }));
}

/** Sends one PATCH to `/Groups/{id}`; status, ETag, and the error body if any. */
export async function patchGroup(scim: ScimClient, id: string, ...operations: PatchOperation[]) {
  const { response, error } = await scim.PATCH("/Groups/{id}", {
    ...byId(id),
    body: patchBody(...operations),
  });
  return { status: response.status, etag: response.headers.get("etag"), error };
}

/** The group as GET /Groups/{id} returns it (with every member). */
export async function readGroup(scim: ScimClient, id: string): Promise<ScimGroup> {
  return dataOrThrow(await scim.GET("/Groups/{id}", byId(id)));
}

/** The member ids of a group, sorted. */
export async function memberValues(scim: ScimClient, groupId: string): Promise<string[]> {
  return ((await readGroup(scim, groupId)).members ?? []).map((member) => member.value).sort();
}

/** The group ids on the user's `groups` attribute (GET /Users/{id}), sorted. */
export async function groupsOnUser(scim: ScimClient, userId: string): Promise<string[]> {
  const user = dataOrThrow(await scim.GET("/Users/{id}", byId(userId)));
  return (user.groups ?? []).map((group) => String(group.value)).sort();
}

/** The ids of the users `GET /Users?filter=groups.value eq "<gid>"` finds, sorted. */
export async function usersInGroup(scim: ScimClient, groupId: string): Promise<string[]> {
  const query = { filter: String(filter.eq("groups.value", groupId)) };
  const page = dataOrThrow(await scim.GET("/Users", { params: { query } }));
  expect(page.totalResults).toBe(page.Resources?.length ?? 0);
  return (page.Resources ?? []).map((user) => user.id).sort();
}

/** The ids of the groups `GET /Groups?filter=members.value eq "<uid>"` finds, sorted. */
export async function groupsWithMember(scim: ScimClient, userId: string): Promise<string[]> {
  const query = { filter: String(filter.eq("members.value", userId)) };
  const page = dataOrThrow(await scim.GET("/Groups", { params: { query } }));
  expect(page.totalResults).toBe(page.Resources?.length ?? 0);
  return (page.Resources ?? []).map((group) => group.id).sort();
}

/** The groups the app's team list (`GET /api/team`) shows per e-mail: display names, sorted. */
export async function teamGroups(idp: IdpHarness): Promise<Record<string, string[]>> {
  return Object.fromEntries(
    (await idp.team()).map((member) => [
      member.email,
      (member.groups ?? []).map((group) => group.displayName).sort(),
    ]),
  );
}

/** Logs users in through the app (POST /api/login), so they join and appear in /api/team. */
export async function logIn(idp: IdpHarness, ...emails: string[]): Promise<void> {
  for (const email of emails) expect(await idp.login(email), `login ${email}`).toBe(200);
}

/** Turns the tenant's group management on or off, as the CLI would (`tenants.groups`). */
export async function setGroupsSetting(server: TestServer, tenantId: string, on: boolean): Promise<void> {
  await server.store.read.tenants.updateSettings(tenantId, { groups: on });
}

/** A second tenant on the same server and a SCIM client with its token (spec-checked fetch). */
export async function addTenant(
  server: TestServer,
  name: string,
): Promise<{ tenantId: string; scim: ScimClient }> {
  const created = await createTenantWithToken(
    server.store,
    { now: () => new Date(), newId: randomUUID },
    name,
  );
  const scim = createScimClient({
    baseUrl: server.scimUrl,
    token: created.token,
    retry: false,
    fetch: server.fetch,
  });
  return { tenantId: created.tenant.id, scim };
}

/**
 * Asserts a SCIM error answer by `{ status, scimType }`, not by its `detail`, which is prose and
 * may change.
 */
export function expectScimError(
  result: { status: number; error: unknown },
  status: number,
  scimType?: string,
): void {
  expect(result.status).toBe(status);
  expect(result.error).toMatchObject({
    schemas: [ScimUrn.Error],
    status: String(status),
    ...(scimType === undefined ? {} : { scimType }),
  });
}
