import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { groupResourceSchema, userResourceSchema } from "../schema/resource-schemas.js";
import { ScimError } from "../scim-error.js";
import { applyScimPatch } from "./patch-apply.js";

const ENTERPRISE = ScimUrn.EnterpriseUser;

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const patch = (...operations: unknown[]) => ({ schemas: [ScimUrn.PatchOp], Operations: operations });

function errorOf(run: () => unknown): { status: number; scimType: string | undefined } {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return { status: error.status, scimType: error.scimType };
    throw error;
  }
  throw new Error("expected a ScimError");
}

const user = deepFreeze({
  schemas: [ScimUrn.User],
  id: "u-1",
  userName: "ann@example.com",
  name: { givenName: "Ann", familyName: "Lee" },
  emails: [{ value: "ann@example.com", type: "work", primary: true }],
  active: true,
  meta: { resourceType: "User", created: "2026-11-01T09:00:00Z", lastModified: "2026-11-01T09:00:00Z" },
});

describe("applyScimPatch: the PatchOp message", () => {
  const invalidSyntax = { status: 400, scimType: "invalidSyntax" };
  const cases: [string, { given: unknown; want: { status: number; scimType: string } }][] = [
    ["rejects a body that is not an object", { given: "[]", want: invalidSyntax }],
    ["rejects an array body", { given: [], want: invalidSyntax }],
    ["rejects a body without schemas", { given: { Operations: [{ op: "add" }] }, want: invalidSyntax }],
    [
      "rejects schemas without the PatchOp URN",
      {
        given: { schemas: [ScimUrn.User], Operations: [{ op: "remove", path: "nickName" }] },
        want: invalidSyntax,
      },
    ],
    ["rejects a body without Operations", { given: { schemas: [ScimUrn.PatchOp] }, want: invalidSyntax }],
    ["rejects empty Operations", { given: patch(), want: invalidSyntax }],
    [
      "rejects Operations that is not an array",
      { given: { ...patch(), Operations: {} }, want: invalidSyntax },
    ],
    ["rejects an operation that is not an object", { given: patch("add"), want: invalidSyntax }],
    [
      "rejects an operation without op",
      { given: patch({ path: "nickName", value: "x" }), want: invalidSyntax },
    ],
    ["rejects an unknown op", { given: patch({ op: "move", path: "nickName" }), want: invalidSyntax }],
    [
      "rejects an op that is not a string",
      { given: patch({ op: 1, path: "nickName" }), want: invalidSyntax },
    ],
    ["rejects a path that is not a string", { given: patch({ op: "remove", path: 3 }), want: invalidSyntax }],
  ];
  it.each(cases)("%s", (_, { given, want }) => {
    expect(errorOf(() => applyScimPatch(user, given, userResourceSchema))).toEqual(want);
  });

  it("reads member names of the message case-insensitively (RFC 7643 §2.1)", () => {
    const body = {
      SCHEMAS: [ScimUrn.PatchOp.toUpperCase()],
      operations: [{ OP: "add", PATH: "nickName", VALUE: "A" }],
    };
    expect(applyScimPatch(user, body, userResourceSchema).resource.nickName).toBe("A");
  });

  it("treats a null path as no path", () => {
    const body = patch({ op: "replace", path: null, value: { active: false } });
    expect(applyScimPatch(user, body, userResourceSchema).resource.active).toBe(false);
  });

  it("names the failing operation in the error detail", () => {
    const body = patch({ op: "add", path: "nickName", value: "A" }, { op: "add", path: "nope", value: "B" });
    expect(() => applyScimPatch(user, body, userResourceSchema)).toThrow(/^Operations\[1\]: /);
  });
});

describe("applyScimPatch: atomicity and immutability of the input", () => {
  it("leaves a deep-frozen input untouched and returns a new object", () => {
    const before = clone(user);
    const { resource } = applyScimPatch(
      user,
      patch(
        { op: "replace", path: "name.givenName", value: "Anne" },
        { op: "add", path: "emails", value: [{ value: "a@home.example", type: "home" }] },
        { op: "remove", path: "active" },
      ),
      userResourceSchema,
    );
    expect(user).toEqual(before);
    expect(resource).not.toBe(user);
    expect(resource).toMatchObject({ name: { givenName: "Anne", familyName: "Lee" } });
    expect(resource.emails).toHaveLength(2);
    expect(resource).not.toHaveProperty("active");
  });

  it("applies nothing when the second operation fails", () => {
    const input = clone(user);
    const body = patch(
      { op: "replace", path: "active", value: false },
      { op: "replace", path: 'emails[type eq "home"].value', value: "x@example.com" },
    );
    expect(errorOf(() => applyScimPatch(input, body, userResourceSchema))).toEqual({
      status: 400,
      scimType: "noTarget",
    });
    expect(input).toEqual(clone(user));
  });

  it("returns a copy, not the input, when nothing changed", () => {
    const result = applyScimPatch(
      user,
      patch({ op: "replace", path: "active", value: true }),
      userResourceSchema,
    );
    expect(result).toEqual({ resource: user, changed: [] });
    expect(result.resource).not.toBe(user);
  });

  it("applies operations in order, each to the result of the one before (RFC 7644 §3.5.2)", () => {
    const body = patch(
      { op: "add", path: "nickName", value: "A" },
      { op: "replace", path: "nickName", value: "B" },
      { op: "remove", path: "nickName" },
      { op: "add", path: "title", value: "Boss" },
    );
    const { resource, changed } = applyScimPatch(user, body, userResourceSchema);
    expect(resource).not.toHaveProperty("nickName");
    expect(changed).toEqual(["title"]);
  });
});

describe("applyScimPatch: schema URN paths and the schemas attribute", () => {
  const withExtension = deepFreeze({
    ...clone(user),
    schemas: [ScimUrn.User, ENTERPRISE],
    [ENTERPRISE]: { employeeNumber: "7", manager: { value: "u-9", displayName: "Boss" } },
  });

  it("adds the extension URN to schemas when a PATCH creates the extension object", () => {
    const body = patch({ op: "add", path: `${ENTERPRISE}:department`, value: "R&D" });
    const { resource, changed } = applyScimPatch(user, body, userResourceSchema);
    expect(resource.schemas).toEqual([ScimUrn.User, ENTERPRISE]);
    expect(resource[ENTERPRISE]).toEqual({ department: "R&D" });
    expect(changed).toEqual([`${ENTERPRISE}:department`]);
  });

  it("removes the extension URN from schemas when a PATCH empties the extension object", () => {
    const body = patch({ op: "remove", path: ENTERPRISE });
    const { resource, changed } = applyScimPatch(withExtension, body, userResourceSchema);
    expect(resource.schemas).toEqual([ScimUrn.User]);
    expect(resource).not.toHaveProperty(ENTERPRISE);
    expect(changed).toEqual([`${ENTERPRISE}:employeeNumber`, `${ENTERPRISE}:manager`]);
  });

  it("writes an object into the extension when the path is the extension URN", () => {
    const body = patch({ op: "add", path: ENTERPRISE.toLowerCase(), value: { Department: "Ops" } });
    const { resource } = applyScimPatch(withExtension, body, userResourceSchema);
    expect(resource[ENTERPRISE]).toEqual({
      employeeNumber: "7",
      department: "Ops",
      manager: { value: "u-9", displayName: "Boss" },
    });
  });

  it("unassigns the extension when replace sets the extension URN to null", () => {
    const body = patch({ op: "replace", path: ENTERPRISE, value: null });
    expect(applyScimPatch(withExtension, body, userResourceSchema).resource).not.toHaveProperty(ENTERPRISE);
  });

  it("rejects removing the core schema, whose userName is required", () => {
    const body = patch({ op: "remove", path: ScimUrn.User });
    expect(errorOf(() => applyScimPatch(user, body, userResourceSchema))).toEqual({
      status: 400,
      scimType: "mutability",
    });
  });

  it("ignores a schemas member in a path-less value; the service provider maintains it", () => {
    const body = patch({ op: "replace", value: { schemas: ["urn:x"], displayName: "Ann" } });
    const { resource, changed } = applyScimPatch(user, body, userResourceSchema);
    expect(resource.schemas).toEqual([ScimUrn.User]);
    expect(changed).toEqual(["displayName"]);
  });

  it("leaves a resource without schemas without schemas", () => {
    const { schemas: _, ...bare } = clone(user);
    const body = patch({ op: "add", path: `${ENTERPRISE}:division`, value: "East" });
    expect(applyScimPatch(bare, body, userResourceSchema).resource).not.toHaveProperty("schemas");
  });

  it("works on Groups with their own schema", () => {
    const group = deepFreeze({ schemas: [ScimUrn.Group], id: "g-1", displayName: "Ops" });
    const body = patch({ op: "add", path: "members", value: [{ value: "u-1" }] });
    expect(applyScimPatch(group, body, groupResourceSchema)).toEqual({
      resource: { ...group, members: [{ value: "u-1" }] },
      changed: ["members"],
    });
  });
});
