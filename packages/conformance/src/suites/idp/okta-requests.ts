import { ScimUrn, type ScimUser, type ScimUserInput } from "@scimkit/types";
import type { CaseContext } from "../../suite-types.js";
import { createUser, workEmail } from "./idp-requests.js";
import { eqFilterQuery, listUsersRaw, type UserPage } from "./user-lists.js";

/** Okta's SCIM client identifies itself so (docs/reference/idp-requests.md#okta, OKTA-REF). */
export const OKTA_HEADERS = { "user-agent": "Okta SCIM Client 1.0.0" };

/** The POST body of Okta's assignment (docs/reference/idp-requests.md#okta-create). */
export function oktaUser(email: string, externalId?: string): ScimUserInput {
  return {
    schemas: [ScimUrn.User],
    userName: email,
    name: { givenName: "Test", familyName: "User" },
    emails: workEmail(email),
    displayName: "Test User",
    locale: "en-US",
    ...(externalId === undefined ? {} : { externalId }),
    groups: [],
    password: "1mz050nQ-kit",
    active: true,
  };
}

/**
 * Okta's lookup, byte for byte: `eq` on userName with `startIndex=1&count=100` appended
 * (docs/reference/idp-requests.md#okta-lookup).
 */
export function oktaLookup(ctx: CaseContext, userName: string, what: string): Promise<UserPage> {
  const query = `${eqFilterQuery("userName", userName)}&startIndex=1&count=100`;
  return listUsersRaw(
    ctx,
    query,
    `${what}: GET /Users?filter=userName eq …&startIndex=1&count=100`,
    OKTA_HEADERS,
  );
}

/** An Okta assignment: a user POSTed with Okta's body and an Okta user id as externalId. */
export async function assigned(ctx: CaseContext, label: string): Promise<{ user: ScimUser; email: string }> {
  const email = ctx.uniqueEmail(label);
  return { user: await createUser(ctx, oktaUser(email, ctx.unique(`${label}-00u`)), "POST /Users"), email };
}
