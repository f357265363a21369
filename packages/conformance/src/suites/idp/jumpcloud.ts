import { ScimUrn, type ScimUser, type ScimUserInput } from "@scimkit/types";
import type { CaseContext, ConformanceCase, ConformanceSuite } from "../../suite-types.js";
import { check, checkEqual, checkStatus } from "../checks.js";
import { byId, checkActive, createUser, patchUser, putUser, readUser, workEmail } from "./idp-requests.js";
import { jumpCloudGroupCases } from "./jumpcloud-groups.js";
import {
  checkEmptyPage,
  checkListResponse,
  eqFilterQuery,
  importPageSize,
  listUsersRaw,
  onlyUser,
  walkUsers,
} from "./user-lists.js";

/**
 * A plain core User with a temporary password: JumpCloud needs no extension schema
 * (docs/reference/idp-requests.md#jumpcloud-create).
 */
function jumpCloudUser(email: string, externalId?: string): ScimUserInput {
  return {
    schemas: [ScimUrn.User],
    ...(externalId === undefined ? {} : { externalId }),
    userName: email,
    name: { givenName: "Jay", familyName: "Cloud" },
    displayName: "Jay Cloud",
    emails: workEmail(email),
    password: "Temp-0rary-Pa55",
    active: true,
  };
}

/** `user_lookup_provision`: `userName eq` on the e-mail, percent-encoded (`+` as `%2B`). */
function lookup(ctx: CaseContext, email: string, what: string) {
  return listUsersRaw(ctx, eqFilterQuery("userName", email), `${what}: GET /Users?filter=userName eq …`);
}

async function provisioned(ctx: CaseContext, label: string): Promise<{ user: ScimUser; email: string }> {
  const email = ctx.uniqueEmail(label);
  const user = await createUser(ctx, jumpCloudUser(email, ctx.unique(`${label}-jc`)), "POST /Users");
  return { user, email };
}

/**
 * Test Connection's user half: lookup of the Test User Email, POST, then DELETE (204, then 404). When
 * the server refuses DELETE, JumpCloud deactivates the test user instead; returns false then.
 */
async function testConnectionUser(ctx: CaseContext, email: string): Promise<boolean> {
  checkEmptyPage(await lookup(ctx, email, "user_lookup_provision"), "user_lookup_provision");
  const user = await createUser(ctx, jumpCloudUser(email), "user_create_provision: POST /Users");
  checkEqual(
    { userName: user.userName, email: user.emails?.[0]?.value },
    { userName: email, email },
    "user_create_provision: the + of the test e-mail",
  );
  const deleted = await ctx.client.DELETE("/Users/{id}", byId(user.id));
  if ([403, 405, 501].includes(deleted.response.status)) {
    const off = { op: "replace", path: "active", value: false };
    checkActive(await patchUser(ctx, user.id, "PATCH active false instead of DELETE", off), false, "PATCH");
    return false;
  }
  await checkStatus(deleted.response, 204, "user_delete_provision: DELETE /Users/{id}");
  await checkStatus((await ctx.client.GET("/Users/{id}", byId(user.id))).response, 404, "GET after DELETE");
  checkEmptyPage(await lookup(ctx, email, "lookup after DELETE"), "lookup after DELETE");
  return true;
}

const cases: ConformanceCase[] = [
  {
    name: "activation: GET /Users with no query answers 200 with a ListResponse, even when there are no users",
    creates: false,
    async run(ctx) {
      const response = await ctx.raw("GET", "/Users");
      await checkStatus(response, 200, "GET /Users");
      checkListResponse(await response.json(), "GET /Users");
    },
  },
  {
    name: "Test Connection: the Test User Email is looked up (empty), created (201, + intact) and deleted (204, then 404) — or deactivated if DELETE is refused",
    creates: true,
    async run(ctx) {
      await testConnectionUser(ctx, ctx.uniqueEmail("jc-test"));
    },
  },
  {
    name: "Test Connection reruns after a settings change with the same Test User Email: lookup empty and POST 201 again",
    creates: true,
    async run(ctx) {
      const email = ctx.uniqueEmail("jc-rerun");
      if (!(await testConnectionUser(ctx, email))) {
        ctx.skip("the server refuses DELETE /Users, so JumpCloud leaves the test user deactivated");
      }
      await testConnectionUser(ctx, email);
    },
  },
  {
    name: "update: one replace per attribute with a path (name.givenName, name.familyName) answers 200 or 204 with the new names",
    creates: true,
    async run(ctx) {
      const { user, email } = await provisioned(ctx, "jc-rename");
      const renamed = await patchUser(
        ctx,
        user.id,
        "PATCH replace name.givenName, name.familyName",
        { op: "replace", path: "name.givenName", value: "Jaye" },
        { op: "replace", path: "name.familyName", value: "Clouds" },
      );
      checkEqual(
        {
          userName: renamed.userName,
          givenName: renamed.name?.givenName,
          familyName: renamed.name?.familyName,
        },
        { userName: email, givenName: "Jaye", familyName: "Clouds" },
        "after the path replaces",
      );
    },
  },
  {
    name: "update: a full PUT with changed names answers 200 (JumpCloud's update verb is not documented)",
    creates: true,
    async run(ctx) {
      const { user, email } = await provisioned(ctx, "jc-put");
      const body = { ...jumpCloudUser(email), name: { givenName: "Jaye", familyName: "Cloud" } };
      const put = await putUser(ctx, user.id, body, "PUT /Users/{id}");
      check(put.name?.givenName === "Jaye", "PUT /Users/{id}: givenName not replaced");
      check(!("password" in put), "PUT /Users/{id}: the password was returned");
    },
  },
  {
    name: "user_deprovision: replace path active with boolean false answers 200 or 204; the user stays readable and found by the lookup, active false",
    creates: true,
    async run(ctx) {
      const { user, email } = await provisioned(ctx, "jc-off");
      const off = { op: "replace", path: "active", value: false };
      checkActive(await patchUser(ctx, user.id, "PATCH replace active false", off), false, "PATCH");
      checkActive(await readUser(ctx, user.id, "GET after deprovision"), false, "GET after deprovision");
      checkActive(onlyUser(await lookup(ctx, email, "lookup"), user.id, "lookup"), false, "lookup");
    },
  },
  {
    name: "reactivation: replace path active with boolean true after deprovision answers 200 or 204 with active true",
    creates: true,
    async run(ctx) {
      const { user } = await provisioned(ctx, "jc-on");
      await patchUser(ctx, user.id, "PATCH replace active false", {
        op: "replace",
        path: "active",
        value: false,
      });
      const on = await patchUser(ctx, user.id, "PATCH replace active true", {
        op: "replace",
        path: "active",
        value: true,
      });
      checkActive(on, true, "PATCH replace active true");
    },
  },
  {
    name: "import: the + of an e-mail survives %2B in a raw percent-encoded filter (userName%20eq%20%22…%2B…%40…%22)",
    creates: true,
    async run(ctx) {
      const { user, email } = await provisioned(ctx, "jc-plus");
      check(email.includes("+"), "the kit's unique e-mail must contain a +");
      const query = `filter=userName%20eq%20%22${encodeURIComponent(email)}%22`;
      check(query.includes("%2B") && !query.includes("+"), `the query must carry %2B, not +: ${query}`);
      const found = onlyUser(await listUsersRaw(ctx, query, `GET /Users?${query}`), user.id, "%2B lookup");
      checkEqual(found.userName, email, "userName found by the %2B lookup");
    },
  },
  {
    name: "manual import: GET /Users?startIndex=…&count=… pages list every user once, e-mails with + intact",
    creates: true,
    async run(ctx) {
      const { user, email } = await provisioned(ctx, "jc-import");
      const ids = await walkUsers(ctx, await importPageSize(ctx, "import"), "import");
      check(ids.includes(user.id), "import: the provisioned user was on no page");
      const read = await readUser(ctx, user.id, "GET /Users/{id}");
      checkEqual(read.emails?.[0]?.value, email, "import: the e-mail with +");
    },
  },
  {
    name: "manual import: an existing user matched by username and e-mail is linked by replace externalId (200 or 204, stored)",
    creates: true,
    async run(ctx) {
      const email = ctx.uniqueEmail("jc-link");
      const user = await createUser(ctx, jumpCloudUser(email), "POST /Users (a user the app already has)");
      const found = onlyUser(await lookup(ctx, email, "match"), user.id, "match by userName");
      checkEqual(found.emails?.[0]?.value, email, "match: the primary e-mail");
      const externalId = ctx.unique("jc-link-ext");
      const op = { op: "replace", path: "externalId", value: externalId };
      await patchUser(ctx, found.id, "PATCH replace externalId", op);
      const linked = await readUser(ctx, found.id, "GET after linking");
      check(linked.externalId === externalId, "GET after linking: externalId not stored");
    },
  },
];

/**
 * JumpCloud custom SCIM (docs/reference/idp-requests.md#jumpcloud): Test Connection, updates,
 * deprovision, `+` e-mails, import, groups.
 */
export const jumpCloudSuite: ConformanceSuite = {
  name: "jumpcloud",
  title: "JumpCloud (Test Connection, updates, deprovision, + in e-mails, import, group management)",
  cases: [...cases, ...jumpCloudGroupCases],
};
