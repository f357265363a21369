import { ScimUrn, type ScimUser, type ScimUserInput } from "@scimkit/types";
import type { CaseContext, Discovered } from "../../suite-types.js";
import {
  checkActive,
  createUser,
  type IdpPatchOperation,
  patchUser,
  readUser,
  workEmail,
} from "./idp-requests.js";
import { listUsersRaw, type UserPage } from "./user-lists.js";

/**
 * The POST of ENTRA-DEV "Create User" (docs/reference/idp-requests.md#entra-create), userName and work
 * e-mail equal.
 */
export function entraUser(email: string, externalId: string): ScimUserInput {
  return {
    schemas: [ScimUrn.User, ScimUrn.EnterpriseUser],
    externalId,
    userName: email,
    active: true,
    emails: workEmail(email),
    meta: { resourceType: "User" },
    name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
    roles: [],
  };
}

/** A user Entra provisioned: its create POST with a fresh object id as externalId. */
export async function provisioned(
  ctx: CaseContext,
  label: string,
): Promise<{ user: ScimUser; email: string }> {
  const email = ctx.uniqueEmail(label);
  return { user: await createUser(ctx, entraUser(email, ctx.unique(`${label}-oid`)), "POST /Users"), email };
}

/**
 * `GET /Users?filter=…` with the filter percent-encoded, as Entra queries (only `eq`,
 * docs/reference/idp-requests.md#entra-requirements).
 */
export function find(ctx: CaseContext, filter: string): Promise<UserPage> {
  return listUsersRaw(ctx, `filter=${encodeURIComponent(filter)}`, `GET /Users?filter=${filter}`);
}

/** Deactivates with `operation`, then checks the boolean `false` on the answer and on a GET. */
export async function disable(ctx: CaseContext, id: string, operation: IdpPatchOperation, what: string) {
  checkActive(await patchUser(ctx, id, what, operation), false, what);
  checkActive(await readUser(ctx, id, `GET after ${what}`), false, `GET after ${what}`);
}

/** Whether the server announces the enterprise extension's `manager` (RFC 7643 §4.3) in /Schemas. */
export function announcesManager(discovered: Discovered): boolean {
  const enterprise = discovered.schemas.find((schema) => schema.id === ScimUrn.EnterpriseUser);
  return (enterprise?.attributes ?? []).some((attribute) => attribute.name === "manager");
}
