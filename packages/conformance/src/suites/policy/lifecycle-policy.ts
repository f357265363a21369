import { ScimUrn, type ScimUser, type ScimUserInput } from "@scimkit/types";
import type { CaseContext, ConformanceCase, ConformanceSuite } from "../../suite-types.js";
import { check, checkEqual } from "../checks.js";
import {
  asPutBody,
  byId,
  checkScimError,
  createUser,
  type IdpPatchOperation,
  patchBody,
  patchUser,
  putUser,
  readUser,
  workEmail,
} from "../idp/idp-requests.js";
import { eqFilterQuery, listUsersRaw } from "../idp/user-lists.js";

/** A user as an IdP provisions it under the policy: userName = primary work e-mail, a role (userType). */
function policyUser(email: string, extra: Partial<ScimUserInput> = {}): ScimUserInput {
  return {
    schemas: [ScimUrn.User],
    userName: email,
    name: { givenName: "Pat", familyName: "Policy" },
    emails: workEmail(email),
    userType: "Employee",
    active: true,
    ...extra,
  };
}

async function provisioned(ctx: CaseContext, label: string): Promise<ScimUser> {
  return createUser(ctx, policyUser(ctx.uniqueEmail(label)), "POST /Users");
}

/** What the policy keeps: userName, primary e-mail and userType. */
function immutables(user: ScimUser) {
  const primary = user.emails?.find((email) => email.primary === true) ?? user.emails?.[0];
  return { userName: user.userName, primaryEmail: primary?.value, userType: user.userType };
}

/** Checks `400 mutability`, then that a GET shows the immutable attributes unchanged. */
async function refused(
  ctx: CaseContext,
  result: { readonly response: Response; readonly error?: unknown },
  before: ScimUser,
  what: string,
): Promise<void> {
  await checkScimError(result, 400, "mutability", what);
  const after = await readUser(ctx, before.id, `GET after ${what}`);
  checkEqual(
    immutables(after),
    immutables(before),
    `${what}: the stored userName, primary email and userType`,
  );
}

/** A case: a full PUT of the created user with `change` applied must answer `400 mutability` and change nothing. */
function refusedPut(name: string, label: string, change: (ctx: CaseContext) => Partial<ScimUserInput>) {
  return {
    name,
    creates: true,
    async run(ctx: CaseContext) {
      const user = await provisioned(ctx, label);
      const body = { ...asPutBody(user), ...change(ctx) };
      const result = await ctx.client.PUT("/Users/{id}", { ...byId(user.id), body });
      await refused(ctx, result, user, "PUT /Users/{id}");
    },
  } satisfies ConformanceCase;
}

/** A case: a PATCH with `operation` on a created user must answer `400 mutability` and change nothing. */
function refusedPatch(name: string, label: string, operation: (ctx: CaseContext) => IdpPatchOperation) {
  return {
    name,
    creates: true,
    async run(ctx: CaseContext) {
      const user = await provisioned(ctx, label);
      const body = patchBody(operation(ctx));
      const result = await ctx.client.PATCH("/Users/{id}", { ...byId(user.id), body });
      await refused(ctx, result, user, "PATCH /Users/{id}");
    },
  } satisfies ConformanceCase;
}

const cases: ConformanceCase[] = [
  {
    name: "create: a userName different from the primary email answers 400 invalidValue",
    creates: true,
    async run(ctx) {
      const body = policyUser(ctx.uniqueEmail("policy-name"), {
        emails: workEmail(ctx.uniqueEmail("other")),
      });
      const result = await ctx.client.POST("/Users", { body });
      const id = result.data?.id;
      if (result.response.ok && id !== undefined)
        ctx.cleanup(() => ctx.client.DELETE("/Users/{id}", byId(id)));
      await checkScimError(result, 400, "invalidValue", "POST /Users with userName ≠ primary email");
    },
  },
  refusedPut(
    "userName: a PUT with a different userName (and matching new email) answers 400 mutability",
    "policy-put-name",
    (ctx) => {
      const renamed = ctx.uniqueEmail("policy-renamed");
      return { userName: renamed, emails: workEmail(renamed) };
    },
  ),
  refusedPatch(
    "userName: a PATCH replacing userName with a different value answers 400 mutability",
    "policy-patch-name",
    (ctx) => ({
      op: "replace",
      path: "userName",
      value: ctx.uniqueEmail("policy-renamed"),
    }),
  ),
  refusedPut(
    "primary email: a PUT with a different primary email answers 400 mutability",
    "policy-put-email",
    (ctx) => ({
      emails: workEmail(ctx.uniqueEmail("policy-moved")),
    }),
  ),
  refusedPatch(
    'primary email: a PATCH replacing emails[type eq "work"].value with another address answers 400 mutability',
    "policy-patch-email",
    (ctx) => ({
      op: "replace",
      path: 'emails[type eq "work"].value',
      value: ctx.uniqueEmail("policy-moved"),
    }),
  ),
  refusedPut("userType: a PUT with a different userType answers 400 mutability", "policy-put-type", () => ({
    userType: "Contractor",
  })),
  refusedPatch(
    "userType: a PATCH replacing userType with a different value answers 400 mutability",
    "policy-patch-type",
    () => ({
      op: "replace",
      path: "userType",
      value: "Contractor",
    }),
  ),
  {
    name: "same values: a full PUT re-sending userName, primary email and userType unchanged (as Okta's profile push does) answers 200",
    creates: true,
    async run(ctx) {
      const user = await provisioned(ctx, "policy-same");
      const body = { ...asPutBody(user), name: { givenName: "Patricia", familyName: "Policy" } };
      const put = await putUser(ctx, user.id, body, "PUT /Users/{id} with the same immutable values");
      checkEqual(immutables(put), immutables(user), "PUT: userName, primary email and userType");
      check(put.name?.givenName === "Patricia", "PUT: the name change was not stored");
    },
  },
  {
    name: "letter case: a PUT changing only the letter case of userName is accepted (200), as userName is caseExact: false",
    creates: true,
    async run(ctx) {
      const user = await provisioned(ctx, "policy-case");
      const upper = String(user.userName).toUpperCase();
      const put = await putUser(
        ctx,
        user.id,
        { ...asPutBody(user), userName: upper },
        "PUT with an upper-cased userName",
      );
      check(
        put.userName?.toLowerCase() === upper.toLowerCase(),
        "PUT: userName is no longer the same address",
      );
    },
  },
  {
    name: "password: never returned by POST, GET, the userName filter, PUT or PATCH (RFC 7643 §4.1 returned: never)",
    creates: true,
    async run(ctx) {
      const email = ctx.uniqueEmail("policy-pw");
      const created = await createUser(ctx, policyUser(email, { password: "S3cret-kit-1" }), "POST /Users");
      const id = created.id;
      const read = await readUser(ctx, id, "GET /Users/{id}");
      const listed =
        (await listUsersRaw(ctx, eqFilterQuery("userName", email), "userName filter")).Resources ?? [];
      const put = await putUser(
        ctx,
        id,
        { ...asPutBody(read), password: "S3cret-kit-2" },
        "PUT with password",
      );
      const patched = await patchUser(ctx, id, "PATCH replace password", {
        op: "replace",
        path: "password",
        value: "S3cret-kit-3",
      });
      const answers = { POST: created, GET: read, filter: listed[0] ?? {}, PUT: put, PATCH: patched };
      for (const [what, user] of Object.entries(answers)) {
        check(!("password" in user), `${what}: the password was returned`);
      }
    },
  },
];

/**
 * The scimkit reference server's lifecycle policy (profile `scimkit`): userName equals the primary
 * email; userName, primary email and userType never change through SCIM (same values and letter
 * case changes are fine); the password is never returned. Other servers need not follow it.
 */
export const policySuites: readonly ConformanceSuite[] = [
  {
    name: "lifecycle-policy",
    title: "scimkit lifecycle policy (userName = primary email; userName, primary email, userType immutable)",
    profile: "scimkit",
    cases,
  },
];
