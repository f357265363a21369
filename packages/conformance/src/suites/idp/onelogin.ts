import { ScimUrn, type ScimUser, type ScimUserInput } from "@scimkit/types";
import type { CaseContext, ConformanceCase, ConformanceSuite } from "../../suite-types.js";
import { check, checkEqual } from "../checks.js";
import { checkMembers, createGroup, memberUsers, patchGroup } from "./group-requests.js";
import {
  announcesEnterpriseUser,
  checkActive,
  checkScimError,
  createUser,
  patchUser,
  putUser,
  readUser,
  requireGroups,
  workEmail,
} from "./idp-requests.js";
import {
  checkEmptyPage,
  eqFilterQuery,
  importPageSize,
  listUsersRaw,
  onlyUser,
  walkUsers,
} from "./user-lists.js";

/**
 * The SCIM JSON Template of OneLogin's "SCIM Provisioner with SAML" rendered for one user, with
 * `scimusername` set to Email (docs/reference/idp-requests.md#onelogin-create); enterprise
 * `department` when the server has it.
 */
function templateUser(ctx: CaseContext, email: string, extra: Partial<ScimUserInput> = {}): ScimUserInput {
  const enterprise = announcesEnterpriseUser(ctx.discovered);
  return {
    schemas: enterprise ? [ScimUrn.User, ScimUrn.EnterpriseUser] : [ScimUrn.User],
    userName: email,
    name: { givenName: "Olivia", familyName: "Login" },
    emails: workEmail(email),
    userType: "Employee",
    title: "Engineer",
    ...(enterprise ? { [ScimUrn.EnterpriseUser]: { department: "R&D" } } : {}),
    ...extra,
  };
}

async function provisioned(ctx: CaseContext, label: string): Promise<{ user: ScimUser; email: string }> {
  const email = ctx.uniqueEmail(label);
  return { user: await createUser(ctx, templateUser(ctx, email), "POST /Users from the template"), email };
}

const lookup = (ctx: CaseContext, email: string) =>
  listUsersRaw(ctx, eqFilterQuery("userName", email), "GET /Users?filter=userName eq …");

const cases: ConformanceCase[] = [
  {
    name: "Enable (initial connection): GET /Users with the bearer token answers 200 with a ListResponse; a wrong token answers 401 with a SCIM Error",
    creates: false,
    async run(ctx) {
      await listUsersRaw(ctx, "count=1", "GET /Users?count=1");
      const stranger = await ctx.raw("GET", "/Users?count=1", {
        headers: { authorization: "Bearer not-a-valid-scimkit-token" },
      });
      const error: unknown = await stranger.json().catch(() => undefined);
      await checkScimError({ response: stranger, error }, 401, undefined, "GET /Users with a wrong token");
    },
  },
  {
    name: "create from the SCIM JSON template: the userName eq lookup is empty, then POST with userType and title answers 201 echoing them",
    creates: true,
    async run(ctx) {
      const email = ctx.uniqueEmail("ol-create");
      checkEmptyPage(await lookup(ctx, email), "lookup before create");
      const user = await createUser(ctx, templateUser(ctx, email), "POST /Users from the template");
      checkEqual(
        { userName: user.userName, userType: user.userType, title: user.title, active: user.active },
        { userName: email, userType: "Employee", title: "Engineer", active: true },
        "POST /Users: the template's attributes",
      );
      if (announcesEnterpriseUser(ctx.discovered)) {
        checkEqual(user[ScimUrn.EnterpriseUser]?.department, "R&D", "POST /Users: enterprise department");
      }
      onlyUser(await lookup(ctx, email), user.id, "lookup after create");
    },
  },
  {
    name: "update: a full PUT from the template re-sending the same userType with a new title answers 200",
    creates: true,
    async run(ctx) {
      const { user, email } = await provisioned(ctx, "ol-put");
      const body = templateUser(ctx, email, { title: "Staff Engineer" });
      const put = await putUser(ctx, user.id, body, "PUT /Users/{id} from the template");
      checkEqual(
        { title: put.title, userType: put.userType },
        { title: "Staff Engineer", userType: "Employee" },
        "PUT",
      );
    },
  },
  {
    name: "update: a PATCH replacing userType with the same value answers 200 or 204",
    creates: true,
    async run(ctx) {
      const { user } = await provisioned(ctx, "ol-type");
      const op = { op: "replace", path: "userType", value: "Employee" };
      checkEqual(
        (await patchUser(ctx, user.id, "PATCH replace userType", op)).userType,
        "Employee",
        "userType",
      );
    },
  },
  {
    name: "deprovision: a full PUT with active:false answers 200 with active false and the user stays readable; a PUT with active:true reactivates",
    creates: true,
    async run(ctx) {
      const { user, email } = await provisioned(ctx, "ol-put-off");
      const off = await putUser(
        ctx,
        user.id,
        templateUser(ctx, email, { active: false }),
        "PUT active:false",
      );
      checkActive(off, false, "PUT active:false");
      checkActive(await readUser(ctx, user.id, "GET after PUT active:false"), false, "GET after deprovision");
      const on = await putUser(ctx, user.id, templateUser(ctx, email, { active: true }), "PUT active:true");
      checkActive(on, true, "PUT active:true");
    },
  },
  {
    name: "deprovision: a path-less PATCH {active:false} answers 200 or 204; {active:true} reactivates",
    creates: true,
    async run(ctx) {
      const { user } = await provisioned(ctx, "ol-patch-off");
      const set = (active: boolean) => ({ op: "replace", value: { active } });
      checkActive(await patchUser(ctx, user.id, "PATCH {active:false}", set(false)), false, "PATCH");
      checkActive(await patchUser(ctx, user.id, "PATCH {active:true}", set(true)), true, "PATCH");
    },
  },
  {
    name: "import/link: the startIndex/count pages reach an existing user, and a full PUT from the template sets its externalId (200)",
    creates: true,
    async run(ctx) {
      const { user, email } = await provisioned(ctx, "ol-link");
      const ids = await walkUsers(ctx, await importPageSize(ctx, "import"), "import");
      check(ids.includes(user.id), "import: the existing user was on no page");
      const externalId = ctx.unique("ol-link-ext");
      const put = await putUser(
        ctx,
        user.id,
        templateUser(ctx, email, { externalId }),
        "PUT with externalId",
      );
      check(put.externalId === externalId, "PUT with externalId: externalId not stored");
    },
  },
  {
    name: 'group push (Okta and Entra shapes): POST /Groups, add path members, then remove by members[value eq "…"] and by a value array',
    creates: true,
    async run(ctx) {
      requireGroups(ctx);
      const [ann = "", bob = "", cat = ""] = await memberUsers(ctx, "ol-group", 3);
      const body = { schemas: [ScimUrn.Group], displayName: ctx.unique("ol-group"), members: [] };
      const group = await createGroup(ctx, body, "POST /Groups");
      const values = [ann, bob, cat].map((value) => ({ value }));
      await patchGroup(ctx, group.id, "PATCH add members", { op: "add", path: "members", value: values });
      const byFilter = { op: "remove", path: `members[value eq ${JSON.stringify(ann)}]` };
      await patchGroup(ctx, group.id, "PATCH remove members[value eq]", byFilter);
      await patchGroup(ctx, group.id, "PATCH remove members by value", {
        op: "remove",
        path: "members",
        value: [{ value: bob }],
      });
      await checkMembers(ctx, group.id, [cat], "after both removals");
    },
  },
];

/**
 * OneLogin (docs/reference/idp-requests.md#onelogin): template create, same-value userType re-sends,
 * PUT/PATCH deprovision.
 */
export const oneLoginSuite: ConformanceSuite = {
  name: "onelogin",
  title: "OneLogin (Enable, SCIM JSON template create, updates, deprovision, import, group push)",
  cases,
};
