/**
 * One test per IdP shape; bodies copied from docs/reference/idp-requests.md (the section is named
 * in each describe title).
 */
import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { groupResourceSchema, userResourceSchema } from "../schema/resource-schemas.js";
import {
  bareValueAsComplex,
  isAttributePathKey,
  listedValueMatcher,
  normalizeOpName,
  singleAsList,
  singletonListAsValue,
  withoutNullMembers,
} from "./idp-quirks.js";
import { applyScimPatch } from "./patch-apply.js";

const E = ScimUrn.EnterpriseUser;

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

const meta = {
  resourceType: "User",
  created: "2026-11-01T09:00:00.000Z",
  lastModified: "2026-11-01T09:00:00.000Z",
};
const user = deepFreeze({
  schemas: [ScimUrn.User, E],
  id: "u-1",
  externalId: "jdoe",
  userName: "Test_User_ab6490ee@testuser.com",
  active: true,
  emails: [{ primary: true, type: "work", value: "Test_User_ab6490ee@testuser.com" }],
  name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
  [E]: { employeeNumber: "1", department: "R&D" },
  meta,
});
const group = deepFreeze({
  schemas: [ScimUrn.Group],
  id: "g-1",
  displayName: "Test SCIMv2",
  members: [
    { value: "u-1", display: "a@x.io" },
    { value: "u-2", display: "b@x.io" },
  ],
  meta: { ...meta, resourceType: "Group" },
});
const patch = (...operations: unknown[]) => ({ schemas: [ScimUrn.PatchOp], Operations: operations });
const patchUser = (...operations: unknown[]) =>
  applyScimPatch(user, patch(...operations), userResourceSchema);
const patchGroup = (...operations: unknown[]) =>
  applyScimPatch(group, patch(...operations), groupResourceSchema);

describe("Okta (idp-requests.md#okta-deactivation, #okta-group-push)", () => {
  it("Okta: path-less replace {active:false} deactivates", () => {
    const { resource, changed } = patchUser({ op: "replace", value: { active: false } });
    expect(resource.active).toBe(false);
    expect(changed).toEqual(["active"]);
  });

  it("Okta: path-less replace {active:true} reactivates", () => {
    const inactive = { ...user, active: false };
    const { resource, changed } = applyScimPatch(
      inactive,
      patch({ op: "replace", value: { active: true } }),
      userResourceSchema,
    );
    expect(resource.active).toBe(true);
    expect(changed).toEqual(["active"]);
  });

  it("Okta: group rename re-sending the group id renames and ignores the unchanged id", () => {
    const { resource, changed } = patchGroup({ op: "replace", value: { id: "g-1", displayName: "Renamed" } });
    expect(resource).toMatchObject({ id: "g-1", displayName: "Renamed" });
    expect(changed).toEqual(["displayName"]);
  });

  it("Okta: membership remove by filter and add of {value, display} in one PATCH", () => {
    const { resource, changed } = patchGroup(
      { op: "remove", path: 'members[value eq "u-1"]' },
      { op: "add", path: "members", value: [{ value: "u-3", display: "c@x.io" }] },
    );
    expect(resource.members).toEqual([{ value: "u-2", display: "b@x.io" }, { value: "u-3" }]);
    expect(changed).toEqual(["members"]);
  });

  it("Okta: replace members pushes the full member list", () => {
    const { resource, changed } = patchGroup({
      op: "replace",
      path: "members",
      value: [{ value: "u-2" }, { value: "u-3" }],
    });
    expect(resource.members).toEqual([{ value: "u-2" }, { value: "u-3" }]);
    expect(changed).toEqual(["members"]);
  });
});

describe("Microsoft Entra ID (idp-requests.md#microsoft-entra-id)", () => {
  it('Entra ID: Replace emails[type eq "work"].value with the same address and name.familyName changes only the name', () => {
    const { resource, changed } = patchUser(
      { op: "Replace", path: 'emails[type eq "work"].value', value: "Test_User_ab6490ee@testuser.com" },
      { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
    );
    expect(resource.name).toEqual({ ...user.name, familyName: "updatedFamilyName" });
    expect(changed).toEqual(["name.familyName"]);
  });

  it('Entra ID: Replace active with the string "False" deactivates', () => {
    const { resource, changed } = patchUser({ op: "Replace", path: "active", value: "False" });
    expect(resource.active).toBe(false);
    expect(changed).toEqual(["active"]);
  });

  it('Entra ID: Replace active with the string "True" (any case) reactivates', () => {
    const inactive = { ...user, active: false };
    const body = patch({ op: "Replace", path: "active", value: "tRUE" });
    expect(applyScimPatch(inactive, body, userResourceSchema).resource.active).toBe(true);
  });

  it("Entra ID: replace active with boolean false and a lowercase op (aadOptscim062020) deactivates", () => {
    expect(patchUser({ op: "replace", path: "active", value: false }).resource.active).toBe(false);
  });

  it("Entra ID: Add of a single-valued string with a capitalised op", () => {
    const { resource, changed } = patchUser({ op: "Add", path: "nickName", value: "Babs" });
    expect(resource.nickName).toBe("Babs");
    expect(changed).toEqual(["nickName"]);
  });

  it("Entra ID: path-less replace with dotted and URN-qualified keys (aadOptscim062020, SCIM Validator)", () => {
    const { resource, changed } = patchUser({
      op: "replace",
      value: {
        displayName: "Updated",
        "name.givenName": "Given2",
        "name.familyName": "Family2",
        [`${E}:employeeNumber`]: "2",
      },
    });
    expect(resource).toMatchObject({
      displayName: "Updated",
      name: { givenName: "Given2", familyName: "Family2", formatted: "givenName familyName" },
      [E]: { employeeNumber: "2", department: "R&D" },
    });
    expect(changed).toEqual(["displayName", "name.familyName", "name.givenName", `${E}:employeeNumber`]);
  });

  it("Entra ID: Replace displayName of a group", () => {
    const { resource, changed } = patchGroup({
      op: "Replace",
      path: "displayName",
      value: "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName",
    });
    expect(resource.displayName).toBe("1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName");
    expect(changed).toEqual(["displayName"]);
  });

  it('Entra ID: Add members with "$ref": null stores the member without $ref', () => {
    const { resource } = patchGroup({ op: "Add", path: "members", value: [{ $ref: null, value: "u-3" }] });
    expect(resource.members).toEqual([...group.members, { value: "u-3" }]);
  });

  it("Entra ID: Remove members with a value list and no filter removes only the listed members", () => {
    const { resource, changed } = patchGroup({
      op: "Remove",
      path: "members",
      value: [{ $ref: null, value: "u-1" }],
    });
    expect(resource.members).toEqual([{ value: "u-2", display: "b@x.io" }]);
    expect(changed).toEqual(["members"]);
  });

  it('Entra ID: remove members[value eq "<uid>"] (aadOptscim062020)', () => {
    const { resource } = patchGroup({ op: "remove", path: 'members[value eq "u-2"]' });
    expect(resource.members).toEqual([{ value: "u-1", display: "a@x.io" }]);
  });

  it("Entra ID: Add manager as a bare id string sets manager.value", () => {
    const { resource, changed } = patchUser({ op: "Add", path: `${E}:manager`, value: "u-9" });
    expect(resource[E]).toEqual({ employeeNumber: "1", department: "R&D", manager: { value: "u-9" } });
    expect(changed).toEqual([`${E}:manager`]);
  });

  it("Entra ID: Remove manager with no value unassigns it", () => {
    const managed = { ...user, [E]: { ...user[E], manager: { value: "u-9" } } };
    const { resource, changed } = applyScimPatch(
      managed,
      patch({ op: "Remove", path: `${E}:manager` }),
      userResourceSchema,
    );
    expect(resource[E]).toEqual(user[E]);
    expect(changed).toEqual([`${E}:manager`]);
  });
});

describe("JumpCloud (idp-requests.md#jumpcloud-updates, #jumpcloud-groups)", () => {
  it("JumpCloud: one replace per attribute with a path (name.givenName, name.familyName, active false)", () => {
    const { resource, changed } = patchUser(
      { op: "replace", path: "name.givenName", value: "Janet" },
      { op: "replace", path: "name.familyName", value: "Dough" },
      { op: "replace", path: "active", value: false },
    );
    expect(resource).toMatchObject({ name: { givenName: "Janet", familyName: "Dough" }, active: false });
    expect(changed).toEqual(["active", "name.familyName", "name.givenName"]);
  });

  it("JumpCloud: member add with value only, and removal by a value list without filter", () => {
    const { resource, changed } = patchGroup(
      { op: "add", path: "members", value: [{ value: "u-3" }] },
      { op: "remove", path: "members", value: [{ value: "u-1" }] },
    );
    expect(resource.members).toEqual([{ value: "u-2", display: "b@x.io" }, { value: "u-3" }]);
    expect(changed).toEqual(["members"]);
  });
});

describe("shapes no IdP documents, tolerated (idp-requests.md#tolerated-shapes)", () => {
  it("reads a single member object where an array is expected as a one-element array", () => {
    const { resource } = patchGroup({ op: "add", path: "members", value: { value: "u-3" } });
    expect(resource.members).toEqual([...group.members, { value: "u-3" }]);
  });

  it("reads a one-element array where a single value is expected as that value", () => {
    expect(patchUser({ op: "replace", path: "name.givenName", value: ["Ann"] }).resource.name).toMatchObject({
      givenName: "Ann",
    });
  });
});

describe("quirk normalisers", () => {
  it.each([
    ["Add", "add"],
    ["REPLACE", "replace"],
    ["remove", "remove"],
    ["move", undefined],
  ] as const)("normalizeOpName(%j) is %j", (given, want) => {
    expect(normalizeOpName(given)).toBe(want);
  });

  it.each([
    ["name.givenName", true],
    [`${E}:employeeNumber`, true],
    ["displayName", false],
  ] as const)("isAttributePathKey(%j) is %j", (given, want) => {
    expect(isAttributePathKey(given)).toBe(want);
  });

  it("wraps and unwraps values", () => {
    expect(singleAsList({ value: "u" })).toEqual([{ value: "u" }]);
    expect(singleAsList([1])).toEqual([1]);
    expect(singletonListAsValue(["a"])).toBe("a");
    expect(singletonListAsValue(["a", "b"])).toEqual(["a", "b"]);
  });

  it("turns a bare id into { value } only for complex attributes with a value sub-attribute", () => {
    const manager = userResourceSchema.extensions[0]?.attributes.find((a) => a.name === "manager");
    const name = userResourceSchema.core.attributes.find((a) => a.name === "name");
    if (manager === undefined || name === undefined) throw new Error("schema changed");
    expect(bareValueAsComplex(manager, "u-9")).toEqual({ value: "u-9" });
    expect(bareValueAsComplex(manager, null)).toBeNull();
    expect(bareValueAsComplex(name, "Ann")).toBe("Ann");
  });

  it("drops null members and matches listed values by value", () => {
    expect(withoutNullMembers({ $ref: null, value: "u-1" })).toEqual({ value: "u-1" });
    const members = groupResourceSchema.core.attributes.find((a) => a.name === "members");
    const emails = userResourceSchema.core.attributes.find((a) => a.name === "emails");
    if (members === undefined || emails === undefined) throw new Error("schema changed");
    const byValue = listedValueMatcher(members, [{ value: "U-1" }]);
    expect([byValue({ value: "u-1", display: "x" }), byValue({ value: "u-2" }), byValue("u-1")]).toEqual([
      true,
      false,
      false,
    ]);
    const whole = listedValueMatcher(emails, [{ type: "work" }]);
    expect([whole({ type: "WORK" }), whole({ type: "work", value: "a" })]).toEqual([true, false]);
  });
});
