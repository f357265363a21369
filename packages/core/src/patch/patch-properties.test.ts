import { ScimUrn } from "@scimkit/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldCase } from "../schema/case-fold.js";
import { groupResourceSchema, userResourceSchema } from "../schema/resource-schemas.js";
import { ScimError } from "../scim-error.js";
import { applyScimPatch } from "./patch-apply.js";

const E = ScimUrn.EnterpriseUser;
const patch = (...operations: unknown[]) => ({ schemas: [ScimUrn.PatchOp], Operations: operations });
const numRuns = 200;

const email = fc.record({
  value: fc.string({ minLength: 1, maxLength: 12 }).map((text) => `${text}@example.com`),
  type: fc.constantFrom("work", "home", "other"),
});
/** Users with distinct e-mails (case-insensitively, RFC 7643 §2.4) and no primary value. */
const userArbitrary = fc.record(
  {
    schemas: fc.constant([ScimUrn.User]),
    id: fc.uuid(),
    userName: fc.string({ minLength: 1 }),
    displayName: fc.string(),
    name: fc.record({ givenName: fc.string({ minLength: 1 }), familyName: fc.string({ minLength: 1 }) }),
    active: fc.boolean(),
    emails: fc.uniqueArray(email, {
      minLength: 1,
      maxLength: 4,
      selector: (e) => foldCase(`${e.value}|${e.type}`),
    }),
    [E]: fc.record({ employeeNumber: fc.string({ minLength: 1 }) }),
  },
  { requiredKeys: ["schemas", "id", "userName"] },
);

describe("PATCH properties", () => {
  it("add then remove of a new value on a multi-valued attribute restores the resource", () => {
    const attribute = fc.constantFrom("emails", "phoneNumbers", "ims", "entitlements", "roles");
    fc.assert(
      fc.property(userArbitrary, attribute, fc.string(), fc.string(), (user, path, text, type) => {
        const value = `zz-${text}`;
        const body = patch(
          { op: "add", path, value: [{ value, type }] },
          { op: "remove", path: `${path}[value eq ${JSON.stringify(value)}]` },
        );
        const { resource, changed } = applyScimPatch(user, body, userResourceSchema);
        expect(resource).toEqual(user);
        expect(changed).toEqual([]);
      }),
      { numRuns },
    );
  });

  it("add then remove of an absent single-valued string attribute restores the resource", () => {
    const attribute = fc.constantFrom(
      "nickName",
      "title",
      "userType",
      "locale",
      "timezone",
      `${E}:department`,
    );
    fc.assert(
      fc.property(userArbitrary, attribute, fc.string(), (user, path, value) => {
        const body = patch({ op: "Add", path, value }, { op: "Remove", path });
        expect(applyScimPatch(user, body, userResourceSchema)).toEqual({ resource: user, changed: [] });
      }),
      { numRuns },
    );
  });

  it("replace of any present attribute with its current value changes nothing", () => {
    fc.assert(
      fc.property(userArbitrary, fc.boolean(), (user, pathless) => {
        const entries = Object.entries(user).filter(([key]) => key !== "schemas");
        const operations = entries.map(([path, value]) =>
          pathless ? { op: "replace", value: { [path]: value } } : { op: "replace", path, value },
        );
        const { resource, changed } = applyScimPatch(user, patch(...operations), userResourceSchema);
        expect(changed).toEqual([]);
        expect(resource).toEqual(user);
      }),
      { numRuns },
    );
  });

  it("never throws anything but ScimError for junk bodies", () => {
    const path = fc.oneof(
      fc.string(),
      fc.constantFrom(
        "emails",
        'emails[type eq "work"].value',
        "name.givenName",
        "members",
        'members[value eq "u-1"]',
        `${E}:manager`,
        E,
        "id",
        "meta.created",
        "emails[",
        "",
      ),
    );
    const operation = fc.record(
      { op: fc.oneof(fc.constantFrom("add", "Replace", "REMOVE"), fc.string()), path, value: fc.jsonValue() },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.anything(),
      fc.record({
        schemas: fc.constant([ScimUrn.PatchOp]),
        Operations: fc.array(fc.oneof(operation, fc.anything())),
      }),
    );
    const group = { schemas: [ScimUrn.Group], id: "g-1", displayName: "Ops", members: [{ value: "u-1" }] };
    fc.assert(
      fc.property(userArbitrary, body, (user, junk) => {
        for (const [resource, schema] of [
          [user, userResourceSchema],
          [group, groupResourceSchema],
        ] as const) {
          try {
            applyScimPatch(resource, junk, schema);
          } catch (error) {
            expect(error).toBeInstanceOf(ScimError);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
