import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { groupResourceSchema, userResourceSchema } from "../schema/resource-schemas.js";
import { attributesOf, normaliseAttributeName, readAttributeKey, splitUrnPrefix } from "./attribute-names.js";

const E = ScimUrn.EnterpriseUser;

describe("normaliseAttributeName", () => {
  const cases: [string, { given: string; want: string | undefined }][] = [
    ["spells a core attribute canonically", { given: "USERNAME", want: "userName" }],
    ["spells a common attribute canonically", { given: "ExternalId", want: "externalId" }],
    ["spells a sub-attribute canonically", { given: "name.givenname", want: "name.givenName" }],
    ["drops the core URN", { given: `${ScimUrn.User.toLowerCase()}:username`, want: "userName" }],
    [
      "keeps the extension URN, canonically spelled",
      { given: `${E.toUpperCase()}:EMPLOYEENUMBER`, want: `${E}:employeeNumber` },
    ],
    ["qualifies an unprefixed extension attribute", { given: "costcenter", want: `${E}:costCenter` }],
    [
      "spells an extension sub-attribute canonically",
      { given: `${E}:manager.VALUE`, want: `${E}:manager.value` },
    ],
    ["answers undefined for an unknown attribute", { given: "nick", want: undefined }],
    ["answers undefined for an unknown sub-attribute", { given: "name.nick", want: undefined }],
    ["answers undefined for an unknown URN", { given: "urn:example:x:userName", want: undefined }],
    ["answers undefined for two dots", { given: "name.givenName.x", want: undefined }],
    ["answers undefined for an empty name", { given: "", want: undefined }],
    ["answers undefined for a trailing dot", { given: "name.", want: undefined }],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(normaliseAttributeName(userResourceSchema, given)).toBe(want);
  });
});

describe("attribute lookup helpers", () => {
  it("lists common attributes in the core namespace", () => {
    expect(attributesOf(groupResourceSchema, ScimUrn.Group).map((attribute) => attribute.name)).toEqual([
      "id",
      "externalId",
      "meta",
      "displayName",
      "members",
    ]);
  });

  it("lists nothing for a URN the resource type does not have", () => {
    expect(attributesOf(groupResourceSchema, E)).toEqual([]);
  });

  it("splits a URN prefix case-insensitively", () => {
    expect(splitUrnPrefix(`${E.toLowerCase()}:manager`, [E])).toEqual({ urn: E, rest: "manager" });
  });

  it("does not split a URN without the separating colon", () => {
    expect(splitUrnPrefix(E, [E])).toBeUndefined();
  });

  it("reads a key into an attribute path", () => {
    expect(readAttributeKey(userResourceSchema, `${E}:manager.value`)).toEqual({
      uri: E,
      name: "manager",
      subAttr: "value",
    });
  });
});
