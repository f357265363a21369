import { filter, patchOp, patchPath } from "@scimkit/client";
import { type ScimType, ScimUrn } from "@scimkit/types";
import type { ConformanceSuite } from "../../suite-types.js";
import { checkEqual } from "../checks.js";
import { requiresFeatures } from "./announced-features.js";
import { emailsByType, patchUser, readUser, sendPatch, subAttributeOf } from "./patch-requests.js";
import { attributeOf, checkScimError } from "./scim-responses.js";
import { createUser } from "./user-fixtures.js";

const workEmailValue = patchPath("emails", filter.eq("type", "work"), "value");
const homeEmailValue = patchPath("emails", filter.eq("type", "home"), "value");

/**
 * Paths that do not resolve: invalidPath (RFC 7644 §3.12 Table 9). A broken value filter inside the
 * brackets may also be reported as invalidFilter, which Table 9 applies to PATCH path filters too.
 */
const INVALID_PATHS: readonly (readonly [string, ScimType | readonly ScimType[]])[] = [
  ["noSuchAttribute", "invalidPath"],
  ["name.givenName.familyName", "invalidPath"],
  ['emails[type eq "work"', ["invalidPath", "invalidFilter"]],
];

/** RFC 7644 §3.5.2: PATCH add, replace and remove, with and without paths, on users the cases create. */
export const patchSuite: ConformanceSuite = {
  name: "patch",
  title: "PATCH (add, replace, remove; paths, value filters, atomicity)",
  requires: requiresFeatures("patch"),
  cases: [
    {
      name: "add with a path sets a singular attribute (RFC 7644 §3.5.2.1)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "patch-add");
        const after = await patchUser(
          ctx,
          user.id,
          patchOp().add("title", "Engineer").build(),
          "PATCH add title",
        );
        checkEqual(attributeOf(after, "title"), "Engineer", "PATCH add title: title");
      },
    },
    {
      name: "add to a multi-valued attribute appends the value (RFC 7644 §3.5.2.1)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "patch-add-email");
        const home = ctx.uniqueEmail("patch-add-email-home");
        const body = patchOp()
          .add("emails", [{ value: home, type: "home" }])
          .build();
        const emails = emailsByType(await patchUser(ctx, user.id, body, "PATCH add emails"));
        checkEqual(
          emails.get("work"),
          [user.userName.toLowerCase()],
          "PATCH add emails: the work email (kept)",
        );
        checkEqual(emails.get("home"), [home.toLowerCase()], "PATCH add emails: the home email (added)");
      },
    },
    {
      name: "add without a path adds the attributes of value (RFC 7644 §3.5.2.1)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "patch-add-nopath");
        const after = await patchUser(
          ctx,
          user.id,
          patchOp().add({ title: "Lead" }).build(),
          "PATCH add {title}",
        );
        checkEqual(attributeOf(after, "title"), "Lead", "PATCH add {title}: title");
      },
    },
    {
      name: "replace with a path changes a sub-attribute and keeps its siblings (RFC 7644 §3.5.2.3)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "patch-replace", {
          name: { givenName: "Before", familyName: "Patch" },
        });
        const body = patchOp().replace("name.givenName", "After").build();
        const after = await patchUser(ctx, user.id, body, "PATCH replace name.givenName");
        checkEqual(
          subAttributeOf(after, "name", "givenName"),
          "After",
          "PATCH replace name.givenName: name.givenName",
        );
        checkEqual(
          subAttributeOf(after, "name", "familyName"),
          "Patch",
          "PATCH replace name.givenName: name.familyName",
        );
      },
    },
    {
      name: "replace without a path sets each attribute of value (RFC 7644 §3.5.2.3)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "patch-replace-nopath", { displayName: "Old Name" });
        const body = patchOp().replace({ displayName: "New Name", nickName: "Nick" }).build();
        const after = await patchUser(ctx, user.id, body, "PATCH replace {displayName, nickName}");
        checkEqual(attributeOf(after, "displayName"), "New Name", "PATCH replace without path: displayName");
        checkEqual(attributeOf(after, "nickName"), "Nick", "PATCH replace without path: nickName");
      },
    },
    {
      name: "remove with a path removes the attribute (RFC 7644 §3.5.2.2)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "patch-remove", { title: "Temporary" });
        const after = await patchUser(ctx, user.id, patchOp().remove("title").build(), "PATCH remove title");
        checkEqual(attributeOf(after, "title"), undefined, "PATCH remove title: title");
      },
    },
    {
      name: `replace at ${workEmailValue} with the same value succeeds (RFC 7644 §3.5.2.3)`,
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "patch-work-email");
        const body = patchOp().replace(workEmailValue, user.userName).build();
        const emails = emailsByType(await patchUser(ctx, user.id, body, `PATCH replace ${workEmailValue}`));
        checkEqual(
          emails.get("work"),
          [user.userName.toLowerCase()],
          `PATCH replace ${workEmailValue}: the work email`,
        );
      },
    },
    {
      name: "replace through a value filter changes only the matching value (RFC 7644 §3.5.2.3)",
      creates: true,
      run: async (ctx) => {
        const home = ctx.uniqueEmail("patch-home-old");
        const user = await createUser(ctx, "patch-home", {
          emails: [
            { value: ctx.uniqueEmail("patch-home"), type: "work", primary: true },
            { value: home, type: "home" },
          ],
        });
        const next = ctx.uniqueEmail("patch-home-new");
        const body = patchOp().replace(homeEmailValue, next).build();
        const emails = emailsByType(await patchUser(ctx, user.id, body, `PATCH replace ${homeEmailValue}`));
        checkEqual(
          emails.get("home"),
          [next.toLowerCase()],
          `PATCH replace ${homeEmailValue}: the home email`,
        );
        checkEqual(
          emails.get("work"),
          [user.userName.toLowerCase()],
          `PATCH replace ${homeEmailValue}: the work email`,
        );
      },
    },
    {
      name: "remove through a value filter removes only the matching values (RFC 7644 §3.5.2.2)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "patch-remove-home", {
          emails: [
            { value: ctx.uniqueEmail("patch-remove-home"), type: "work", primary: true },
            { value: ctx.uniqueEmail("patch-remove-home-old"), type: "home" },
          ],
        });
        const path = patchPath("emails", filter.eq("type", "home"));
        const emails = emailsByType(
          await patchUser(ctx, user.id, patchOp().remove(path).build(), `PATCH remove ${path}`),
        );
        checkEqual(emails.get("home"), undefined, `PATCH remove ${path}: the home email`);
        checkEqual(emails.get("work"), [user.userName.toLowerCase()], `PATCH remove ${path}: the work email`);
      },
    },
    {
      name: "replace active false, then true (RFC 7644 §3.5.2.3)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "patch-active", { active: true });
        const off = await patchUser(
          ctx,
          user.id,
          patchOp().replace("active", false).build(),
          "PATCH active false",
        );
        checkEqual(attributeOf(off, "active"), false, "PATCH replace active false: active");
        const on = await patchUser(
          ctx,
          user.id,
          patchOp().replace("active", true).build(),
          "PATCH active true",
        );
        checkEqual(attributeOf(on, "active"), true, "PATCH replace active true: active");
      },
    },
    {
      name: "remove without a path answers 400 noTarget (RFC 7644 §3.5.2.2)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "patch-notarget");
        const response = await sendPatch(ctx, user.id, {
          schemas: [ScimUrn.PatchOp],
          Operations: [{ op: "remove" }],
        });
        await checkScimError(response, { status: 400, scimType: "noTarget" }, "PATCH remove without path");
      },
    },
    {
      name: "a path naming no attribute, or a malformed one, answers 400 invalidPath (RFC 7644 §3.5.2, §3.12)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "patch-invalidpath");
        for (const [path, scimType] of INVALID_PATHS) {
          const body = { schemas: [ScimUrn.PatchOp], Operations: [{ op: "replace", path, value: "x" }] };
          const response = await sendPatch(ctx, user.id, body);
          await checkScimError(response, { status: 400, scimType }, `PATCH replace ${path}`);
        }
      },
    },
    {
      name: "a PATCH with a failing operation changes nothing (RFC 7644 §3.5.2, atomic)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "patch-atomic", { displayName: "Kept" });
        const body = {
          schemas: [ScimUrn.PatchOp],
          Operations: [{ op: "replace", path: "displayName", value: "Not Kept" }, { op: "remove" }],
        };
        const response = await sendPatch(ctx, user.id, body);
        await checkScimError(
          response,
          { status: 400 },
          "PATCH whose second operation is a remove without path",
        );
        const after = await readUser(ctx, user.id, `GET /Users/${user.id} after the failed PATCH`);
        checkEqual(
          attributeOf(after, "displayName"),
          "Kept",
          "after a failed PATCH: displayName (the first operation must not persist)",
        );
      },
    },
  ],
};
