import { ScimUrn, type ScimUser } from "@scimkit/types";
import type { ConformanceCase, ConformanceSuite } from "../../suite-types.js";
import { check, checkEqual } from "../checks.js";
import {
  asPutBody,
  byId,
  checkActive,
  checkScimError,
  createUser,
  patchUser,
  putUser,
  readUser,
} from "./idp-requests.js";
import { oktaGroupCases } from "./okta-groups.js";
import { assigned, OKTA_HEADERS, oktaLookup, oktaUser } from "./okta-requests.js";
import { checkEmptyPage, importPageSize, listUsersRaw, onlyUser, walkUsers } from "./user-lists.js";

const cases: ConformanceCase[] = [
  {
    name: "assignment: lookup by userName eq returns an empty ListResponse (not 404) before create",
    creates: false,
    async run(ctx) {
      const page = await oktaLookup(ctx, ctx.uniqueEmail("okta-absent"), "lookup");
      checkEmptyPage(page, "lookup of an unknown userName");
      check(page.startIndex === undefined || page.startIndex === 1, "lookup: startIndex must be 1");
    },
  },
  {
    name: 'assignment: POST /Users answers 201 with the full user and its id (an empty body fails with "Create new user returned empty user")',
    creates: true,
    async run(ctx) {
      const email = ctx.uniqueEmail("okta-create");
      const externalId = ctx.unique("00u-create");
      const user = await createUser(ctx, oktaUser(email, externalId), "POST /Users");
      check(user.schemas.includes(ScimUrn.User), "POST /Users: schemas lacks the core User URN");
      checkEqual(
        {
          userName: user.userName,
          name: { givenName: user.name?.givenName, familyName: user.name?.familyName },
          email: user.emails?.[0]?.value,
          externalId: user.externalId,
          active: user.active,
        },
        { userName: email, name: { givenName: "Test", familyName: "User" }, email, externalId, active: true },
        "POST /Users: the created user as Okta reads it back",
      );
      check(!("password" in user), "POST /Users: the password was returned (RFC 7643 §4.1: returned never)");
    },
  },
  {
    name: 'assignment: the userName eq lookup finds the created user in upper case too (SPEC "Username Case Sensitivity Check"), so re-assignment links instead of creating',
    creates: true,
    async run(ctx) {
      const { user, email } = await assigned(ctx, "okta-case");
      onlyUser(await oktaLookup(ctx, email, "lookup"), user.id, "lookup after create");
      onlyUser(await oktaLookup(ctx, email.toUpperCase(), "upper-case lookup"), user.id, "upper-case lookup");
    },
  },
  {
    name: 'assignment: a second POST with the same userName answers 409 uniqueness with a SCIM Error (SPEC "recreating user with same values")',
    creates: true,
    async run(ctx) {
      const { email } = await assigned(ctx, "okta-dup");
      const again = await ctx.client.POST("/Users", { body: oktaUser(email) });
      const id = again.data?.id;
      if (again.response.ok && id !== undefined)
        ctx.cleanup(() => ctx.client.DELETE("/Users/{id}", byId(id)));
      await checkScimError(again, 409, "uniqueness", "second POST /Users with the same userName");
    },
  },
  {
    name: "SPEC test: GET /Users?count=1&startIndex=1 returns a user with id, name.givenName, name.familyName, userName, active and emails[0].value, and GET /Users/{id} returns the same",
    creates: true,
    async run(ctx) {
      await assigned(ctx, "okta-spec");
      const page = await listUsersRaw(
        ctx,
        "count=1&startIndex=1",
        "GET /Users?count=1&startIndex=1",
        OKTA_HEADERS,
      );
      const [first] = page.Resources ?? [];
      check(first !== undefined, "GET /Users?count=1&startIndex=1: Resources is empty although users exist");
      const fields = (user: ScimUser) => ({
        id: typeof user.id,
        givenName: typeof user.name?.givenName,
        familyName: typeof user.name?.familyName,
        userName: typeof user.userName,
        active: typeof user.active,
        email: typeof user.emails?.[0]?.value,
      });
      const want = { id: "string", givenName: "string", familyName: "string", userName: "string" };
      checkEqual(
        fields(first),
        { ...want, active: "boolean", email: "string" },
        "first user's fields (types)",
      );
      const again = await readUser(ctx, first.id, "GET /Users/{id} of the first user");
      check(again.id === first.id, "GET /Users/{id}: a different id came back");
    },
  },
  {
    name: "SPEC test: GET /Users/{random id} answers 404 with a SCIM Error whose detail is not empty",
    creates: false,
    async run(ctx) {
      const missing = await ctx.client.GET("/Users/{id}", byId(ctx.unique("no-such-id")));
      await checkScimError(missing, 404, undefined, "GET /Users/{random id}");
      const detail = (missing.error as { detail?: unknown } | undefined)?.detail;
      check(
        typeof detail === "string" && detail !== "",
        "GET /Users/{random id}: detail is empty or missing",
      );
    },
  },
  {
    name: "profile push: GET then a full PUT re-sending id, meta, groups, userName and email with a new givenName answers 200 with the change",
    creates: true,
    async run(ctx) {
      const { user, email } = await assigned(ctx, "okta-push");
      const current = await readUser(ctx, user.id, "GET /Users/{id}");
      const body = { ...asPutBody(current), name: { ...current.name, givenName: "Tess" } };
      const put = await putUser(ctx, user.id, body, "PUT /Users/{id}");
      checkEqual(
        { userName: put.userName, givenName: put.name?.givenName, email: put.emails?.[0]?.value },
        { userName: email, givenName: "Tess", email },
        "PUT /Users/{id}: the pushed profile",
      );
    },
  },
  {
    name: "OIN deactivation: a path-less replace {active:false} answers 200 or 204 and the user stays readable by GET and by the lookup with active false",
    creates: true,
    async run(ctx) {
      const { user, email } = await assigned(ctx, "okta-off");
      const off = await patchUser(ctx, user.id, "PATCH replace {active:false}", {
        op: "replace",
        value: { active: false },
      });
      checkActive(off, false, "PATCH replace {active:false}");
      checkActive(await readUser(ctx, user.id, "GET after deactivation"), false, "GET after deactivation");
      const found = onlyUser(await oktaLookup(ctx, email, "lookup"), user.id, "lookup after deactivation");
      checkActive(found, false, "lookup after deactivation");
    },
  },
  {
    name: "OIN reactivation: a path-less replace {active:true} after deactivation answers 200 or 204 with active true",
    creates: true,
    async run(ctx) {
      const { user } = await assigned(ctx, "okta-on");
      const off = { op: "replace", value: { active: false } };
      await patchUser(ctx, user.id, "PATCH replace {active:false}", off);
      const on = await patchUser(ctx, user.id, "PATCH replace {active:true}", {
        ...off,
        value: { active: true },
      });
      checkActive(on, true, "PATCH replace {active:true}");
    },
  },
  {
    name: "custom (AIW) app: a full PUT with active:false deactivates (200) and a full PUT with active:true reactivates",
    creates: true,
    async run(ctx) {
      const { user } = await assigned(ctx, "okta-aiw");
      const current = asPutBody(await readUser(ctx, user.id, "GET /Users/{id}"));
      checkActive(
        await putUser(ctx, user.id, { ...current, active: false }, "PUT active:false"),
        false,
        "PUT",
      );
      checkActive(await readUser(ctx, user.id, "GET after PUT active:false"), false, "GET after PUT");
      checkActive(await putUser(ctx, user.id, { ...current, active: true }, "PUT active:true"), true, "PUT");
    },
  },
  {
    name: "password sync: a path-less replace {password} answers 200 or 204 and the password is never returned",
    creates: true,
    async run(ctx) {
      const { user } = await assigned(ctx, "okta-pw");
      const synced = await patchUser(ctx, user.id, "PATCH replace {password}", {
        op: "replace",
        value: { password: "n3w-Secret-kit" },
      });
      check(!("password" in synced), "PATCH replace {password}: the password was returned");
    },
  },
  {
    name: "import: walking GET /Users?startIndex=…&count=… by startIndex += count returns every user once, in the same order for any page size",
    creates: true,
    async run(ctx) {
      const created: string[] = [];
      for (const label of ["okta-imp1", "okta-imp2", "okta-imp3"])
        created.push((await assigned(ctx, label)).user.id);
      const count = await importPageSize(ctx, "import");
      const walked = await walkUsers(ctx, count, "import");
      for (const id of created) check(walked.includes(id), `import: user ${id} was on no page`);
      checkEqual(
        await walkUsers(ctx, count + 1, "import"),
        walked,
        `import: order with count ${count + 1} vs ${count}`,
      );
    },
  },
  {
    name: "import/link: a user the app already has is found by the lookup and linked by a full PUT that sets externalId (200)",
    creates: true,
    async run(ctx) {
      const email = ctx.uniqueEmail("okta-link");
      const user = await createUser(ctx, oktaUser(email), "POST /Users (a user the app has, no externalId)");
      onlyUser(await oktaLookup(ctx, email, "lookup"), user.id, "lookup of the existing user");
      const current = await readUser(ctx, user.id, "GET /Users/{id} before the push");
      const externalId = ctx.unique("00u-link");
      const body = { ...asPutBody(current), externalId };
      const put = await putUser(ctx, user.id, body, "PUT /Users/{id} with externalId");
      check(put.externalId === externalId, "PUT with externalId: externalId not stored");
      const linked = await readUser(ctx, user.id, "GET after linking");
      check(linked.externalId === externalId, "GET after linking: externalId not stored");
    },
  },
];

/**
 * Okta (docs/reference/idp-requests.md#okta): assignment, SPEC test, profile push, deactivation,
 * import, group push.
 */
export const oktaSuite: ConformanceSuite = {
  name: "okta",
  title: "Okta (assignment, SPEC test, profile push, deactivation, import, group push)",
  cases: [...cases, ...oktaGroupCases],
};
