import { ScimUrn } from "@scimkit/types";
import type { ConformanceCase, ConformanceSuite } from "../../suite-types.js";
import { check, checkEqual, checkStatus } from "../checks.js";
import { entraGroupCases } from "./entra-groups.js";
import { announcesManager, disable, find, provisioned } from "./entra-requests.js";
import { listGroupsRaw } from "./group-requests.js";
import { announcesEnterpriseUser, announcesGroups, byId, checkActive, patchUser } from "./idp-requests.js";
import { checkEmptyPage, eqFilterQuery, onlyUser } from "./user-lists.js";

const cases: ConformanceCase[] = [
  {
    name: "Test Connection: filters on a random userName, externalId and group displayName answer empty ListResponses (not 404)",
    creates: false,
    async run(ctx) {
      checkEmptyPage(await find(ctx, `userName eq "${ctx.uniqueEmail("entra-random")}"`), "random userName");
      checkEmptyPage(await find(ctx, `externalId eq "${ctx.unique("entra-random")}"`), "random externalId");
      if (!announcesGroups(ctx.discovered)) return;
      const query = `excludedAttributes=members&${eqFilterQuery("displayName", ctx.unique("entra-random"))}`;
      const groups = await listGroupsRaw(ctx, query, "GET /Groups?excludedAttributes=members&filter=…");
      check(groups.totalResults === 0, `random group: expected totalResults 0, got ${groups.totalResults}`);
    },
  },
  {
    name: "create: POST with core and enterprise schemas, externalId, meta and roles: [] answers exactly 201 with id, meta.created and meta.lastModified",
    creates: true,
    async run(ctx) {
      const { user, email } = await provisioned(ctx, "entra-create");
      check(user.userName === email, "POST /Users: userName not echoed");
      for (const key of ["created", "lastModified"] as const) {
        const value = user.meta?.[key];
        check(
          typeof value === "string" && !Number.isNaN(Date.parse(value)),
          `POST /Users: meta.${key} missing`,
        );
      }
    },
  },
  {
    name: 'matching: userName eq, emails[type eq "work"].value eq and externalId eq each find exactly the created user',
    creates: true,
    async run(ctx) {
      const { user, email } = await provisioned(ctx, "entra-match");
      await provisioned(ctx, "entra-decoy");
      for (const filter of [
        `userName eq "${email}"`,
        `emails[type eq "work"].value eq "${email}"`,
        `externalId eq "${String(user.externalId)}"`,
      ]) {
        onlyUser(await find(ctx, filter), user.id, filter);
      }
    },
  },
  {
    name: 'update: Replace emails[type eq "work"].value (same value) together with Replace name.familyName, capitalised ops, answers 200 or 204',
    creates: true,
    async run(ctx) {
      const { user, email } = await provisioned(ctx, "entra-replace");
      const after = await patchUser(
        ctx,
        user.id,
        'PATCH Replace emails[type eq "work"].value + name.familyName',
        { op: "Replace", path: 'emails[type eq "work"].value', value: email },
        { op: "Replace", path: "name.familyName", value: "Newfamily" },
      );
      checkEqual(
        { familyName: after.name?.familyName, email: after.emails?.[0]?.value },
        { familyName: "Newfamily", email },
        "after the Replace operations",
      );
    },
  },
  {
    name: "update (aadOptscim062020, SCIM Validator): a path-less replace whose keys are dotted paths (name.givenName) answers 200 or 204 and stores them",
    creates: true,
    async run(ctx) {
      const { user } = await provisioned(ctx, "entra-dotted");
      const enterprise = announcesEnterpriseUser(ctx.discovered);
      const value = {
        displayName: "Ada Lovelace",
        "name.givenName": "Ada",
        "name.familyName": "Lovelace",
        ...(enterprise ? { [`${ScimUrn.EnterpriseUser}:employeeNumber`]: "E-1815" } : {}),
      };
      const after = await patchUser(ctx, user.id, "PATCH replace with dotted keys", { op: "replace", value });
      checkEqual(
        {
          displayName: after.displayName,
          givenName: after.name?.givenName,
          familyName: after.name?.familyName,
        },
        { displayName: "Ada Lovelace", givenName: "Ada", familyName: "Lovelace" },
        "after the dotted-key replace",
      );
      if (enterprise) {
        const employeeNumber = after[ScimUrn.EnterpriseUser]?.employeeNumber;
        checkEqual(employeeNumber, "E-1815", "enterprise employeeNumber after the URN-prefixed key");
      }
    },
  },
  {
    name: 'update: Add nickName with the capitalised op "Add" answers 200 or 204 and stores it',
    creates: true,
    async run(ctx) {
      const { user } = await provisioned(ctx, "entra-add");
      const after = await patchUser(ctx, user.id, "PATCH Add nickName", {
        op: "Add",
        path: "nickName",
        value: "Babs",
      });
      checkEqual(after.nickName, "Babs", "nickName after Add");
    },
  },
  {
    name: 'disable (default job): Replace path active with the string "False" answers 200 or 204 and active becomes the boolean false',
    creates: true,
    async run(ctx) {
      const { user } = await provisioned(ctx, "entra-false");
      await disable(
        ctx,
        user.id,
        { op: "Replace", path: "active", value: "False" },
        'PATCH Replace active "False"',
      );
    },
  },
  {
    name: 'enable (default job): Replace path active with the string "True" after a disable answers 200 or 204 and active becomes the boolean true',
    creates: true,
    async run(ctx) {
      const { user } = await provisioned(ctx, "entra-true");
      await disable(
        ctx,
        user.id,
        { op: "Replace", path: "active", value: "False" },
        'PATCH Replace active "False"',
      );
      const on = { op: "Replace", path: "active", value: "True" };
      checkActive(await patchUser(ctx, user.id, 'PATCH Replace active "True"', on), true, '"True"');
    },
  },
  {
    name: "disable (aadOptscim062020): replace path active with the lowercase boolean false answers 200 or 204",
    creates: true,
    async run(ctx) {
      const { user } = await provisioned(ctx, "entra-bool");
      await disable(
        ctx,
        user.id,
        { op: "replace", path: "active", value: false },
        "PATCH replace active false",
      );
    },
  },
  {
    name: "SCIM Validator Disable User: the disabled user is still returned by GET /Users/{id} and by the userName filter, with active false",
    creates: true,
    async run(ctx) {
      const { user, email } = await provisioned(ctx, "entra-validator");
      await disable(
        ctx,
        user.id,
        { op: "Replace", path: "active", value: "False" },
        'PATCH Replace active "False"',
      );
      const found = onlyUser(
        await find(ctx, `userName eq "${email}"`),
        user.id,
        "userName filter after disable",
      );
      checkActive(found, false, "userName filter after disable");
    },
  },
  {
    name: "manager (enterprise extension): Add path …:manager with a bare id string answers 200 or 204 and stores manager.value; Remove without a value clears it",
    creates: true,
    async run(ctx) {
      if (!announcesManager(ctx.discovered)) {
        ctx.skip("the server does not announce the enterprise extension's manager (GET /Schemas)");
      }
      const { user: boss } = await provisioned(ctx, "entra-boss");
      const { user } = await provisioned(ctx, "entra-report");
      const path = `${ScimUrn.EnterpriseUser}:manager`;
      const added = await patchUser(ctx, user.id, "PATCH Add manager (bare id)", {
        op: "Add",
        path,
        value: boss.id,
      });
      checkEqual(added[ScimUrn.EnterpriseUser]?.manager?.value, boss.id, "manager.value after Add");
      const removed = await patchUser(ctx, user.id, "PATCH Remove manager", { op: "Remove", path });
      check(removed[ScimUrn.EnterpriseUser]?.manager === undefined, "manager still set after Remove");
    },
  },
  {
    name: "delete: DELETE /Users/{id} answers 204, then GET answers 404 and the userName filter finds nothing",
    creates: true,
    async run(ctx) {
      const { user, email } = await provisioned(ctx, "entra-delete");
      const deleted = await ctx.client.DELETE("/Users/{id}", byId(user.id));
      await checkStatus(deleted.response, 204, "DELETE /Users/{id}");
      await checkStatus(
        (await ctx.client.GET("/Users/{id}", byId(user.id))).response,
        404,
        "GET after DELETE",
      );
      checkEmptyPage(await find(ctx, `userName eq "${email}"`), "userName filter after DELETE");
    },
  },
];

/**
 * Microsoft Entra ID (docs/reference/idp-requests.md#microsoft-entra-id): both the default job's and
 * `aadOptscim062020`'s shapes.
 */
export const entraSuite: ConformanceSuite = {
  name: "entra",
  title: "Microsoft Entra ID (Test Connection, matching, PATCH shapes, disable/enable, delete, group push)",
  cases: [...cases, ...entraGroupCases],
};
