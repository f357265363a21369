import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { knownSchemaUrn, resolveAttribute } from "./attribute-catalog.js";
import { groupResourceSchema, userResourceSchema } from "./resource-schemas.js";

describe("resolveAttribute", () => {
  it.each([
    [
      "a core attribute in any case",
      {
        given: { name: "USERNAME" },
        want: { path: "userName", schemaUrn: ScimUrn.User, inExtension: false },
      },
    ],
    [
      "a sub-attribute",
      {
        given: { name: "name", subAttr: "GIVENNAME" },
        want: { path: "name.givenName", schemaUrn: ScimUrn.User, inExtension: false },
      },
    ],
    [
      "a common attribute",
      {
        given: { name: "externalid" },
        want: { path: "externalId", schemaUrn: ScimUrn.User, inExtension: false },
      },
    ],
    [
      "a meta sub-attribute",
      {
        given: { name: "meta", subAttr: "lastmodified" },
        want: { path: "meta.lastModified", schemaUrn: ScimUrn.User, inExtension: false },
      },
    ],
    [
      "an extension attribute by URN",
      {
        given: { uri: ScimUrn.EnterpriseUser, name: "employeeNumber" },
        want: { path: "employeeNumber", schemaUrn: ScimUrn.EnterpriseUser, inExtension: true },
      },
    ],
    [
      "an extension attribute without URN",
      {
        given: { name: "department" },
        want: { path: "department", schemaUrn: ScimUrn.EnterpriseUser, inExtension: true },
      },
    ],
    [
      "an extension sub-attribute",
      {
        given: { uri: ScimUrn.EnterpriseUser.toUpperCase(), name: "manager", subAttr: "value" },
        want: { path: "manager.value", schemaUrn: ScimUrn.EnterpriseUser, inExtension: true },
      },
    ],
    [
      "a core attribute with the core URN",
      {
        given: { uri: ScimUrn.User, name: "userName" },
        want: { path: "userName", schemaUrn: ScimUrn.User, inExtension: false },
      },
    ],
  ])("resolves %s", (_name, { given, want }) => {
    expect(resolveAttribute(userResourceSchema, given)).toMatchObject(want);
  });

  it.each([
    ["an unknown attribute", { name: "shoeSize" }],
    ["an unknown sub-attribute", { name: "name", subAttr: "nickname" }],
    ["a core attribute under the extension URN", { uri: ScimUrn.EnterpriseUser, name: "userName" }],
    ["an unknown URN", { uri: "urn:example:x", name: "userName" }],
  ])("returns undefined for %s", (_name, given) => {
    expect(resolveAttribute(userResourceSchema, given)).toBeUndefined();
  });

  it("resolves Group members.value as an immutable string", () => {
    expect(
      resolveAttribute(groupResourceSchema, { name: "members", subAttr: "value" })?.target,
    ).toMatchObject({
      type: "string",
      mutability: "immutable",
    });
  });
});

describe("knownSchemaUrn", () => {
  it("returns the canonical spelling of a known URN", () => {
    expect(knownSchemaUrn(userResourceSchema, ScimUrn.EnterpriseUser.toLowerCase())).toBe(
      ScimUrn.EnterpriseUser,
    );
    expect(knownSchemaUrn(groupResourceSchema, ScimUrn.EnterpriseUser)).toBeUndefined();
  });
});
