import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { groupResourceSchema, type ResourceSchema, userResourceSchema } from "../schema/resource-schemas.js";
import { ScimError } from "../scim-error.js";
import { validateResource } from "./validate-resource.js";
import { ENTRA_AD_SCIM_GROUP_URN, type ValidationOptions } from "./validation-options.js";

type WantError = { status: number; scimType: string };

function errorOf(run: () => unknown): WantError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return { status: error.status, scimType: error.scimType ?? "" };
    throw error;
  }
  return undefined;
}

const U = ScimUrn.User;
const E = ScimUrn.EnterpriseUser;
const G = ScimUrn.Group;
const user = (body: Record<string, unknown>) => ({ schemas: [U], userName: "bjensen", ...body });

describe("validateResource rejects", () => {
  const invalidValue = { status: 400, scimType: "invalidValue" };
  const invalidSyntax = { status: 400, scimType: "invalidSyntax" };
  const cases: [string, { given: [unknown, ResourceSchema?, ValidationOptions?]; want: WantError }][] = [
    ["a body that is not an object", { given: ["userName"], want: invalidSyntax }],
    ["an array body", { given: [[user({})]], want: invalidSyntax }],
    ["null", { given: [null], want: invalidSyntax }],
    ["a missing schemas", { given: [{ userName: "b" }], want: invalidValue }],
    ["a null schemas", { given: [{ schemas: null, userName: "b" }], want: invalidValue }],
    ["schemas that is a string", { given: [{ schemas: U, userName: "b" }], want: invalidValue }],
    ["schemas with a non-string", { given: [{ schemas: [U, 1], userName: "b" }], want: invalidValue }],
    ["schemas without the core URN", { given: [{ schemas: [E], userName: "b" }], want: invalidValue }],
    ["schemas of another resource type", { given: [{ schemas: [G], userName: "b" }], want: invalidValue }],
    [
      "a malformed schemas even when not required",
      {
        given: [{ schemas: "x", userName: "b" }, userResourceSchema, { requireSchemas: false }],
        want: invalidValue,
      },
    ],
    [
      "an unknown schema URN",
      { given: [{ schemas: [U, "urn:example:other"], userName: "b" }], want: invalidSyntax },
    ],
    [
      "Entra's group URN when no URN is ignored",
      {
        given: [
          { schemas: [G, ENTRA_AD_SCIM_GROUP_URN], displayName: "g" },
          groupResourceSchema,
          { ignoredSchemaUrns: [] },
        ],
        want: invalidSyntax,
      },
    ],
    ["an unknown attribute", { given: [user({ nick: "x" })], want: invalidSyntax }],
    [
      "an unknown URN-qualified key",
      { given: [user({ "urn:example:other:nick": "x" })], want: invalidSyntax },
    ],
    ["an unknown extension attribute", { given: [user({ [E]: { badge: "x" } })], want: invalidSyntax }],
    ["an unknown flat extension key", { given: [user({ [`${E}:badge`]: "x" })], want: invalidSyntax }],
    ["an unknown sub-attribute", { given: [user({ name: { nickname: "x" } })], want: invalidSyntax }],
    ["a dotted key in a resource body", { given: [user({ "name.givenName": "x" })], want: invalidSyntax }],
    [
      "an extension attribute at the top level",
      { given: [user({ employeeNumber: "1" })], want: invalidSyntax },
    ],
    [
      "two spellings with different values",
      { given: [{ schemas: [U], userName: "a", USERNAME: "b" }], want: invalidSyntax },
    ],
    [
      "nested and flat extension keys that disagree",
      { given: [user({ [E]: { employeeNumber: "1" }, [`${E}:employeeNumber`]: "2" })], want: invalidSyntax },
    ],
    [
      "sub-attribute spellings that disagree",
      { given: [user({ name: { givenName: "a", GIVENNAME: "b" } })], want: invalidSyntax },
    ],
    ["an extension that is not an object", { given: [user({ [E]: "x" })], want: invalidValue }],
    ["a number for a string", { given: [user({ displayName: 1 })], want: invalidValue }],
    ["an array for a single-valued string", { given: [user({ displayName: ["a"] })], want: invalidValue }],
    ["a string for a complex attribute", { given: [user({ name: "Babs" })], want: invalidValue }],
    [
      "a string item of a multi-valued complex attribute",
      { given: [user({ emails: ["a@x"] })], want: invalidValue },
    ],
    ["a non-boolean active", { given: [user({ active: "yes" })], want: invalidValue }],
    ["a non-string password", { given: [user({ password: 1234 })], want: invalidValue }],
    [
      "a number for an extension string",
      { given: [user({ [E]: { employeeNumber: 1 } })], want: invalidValue },
    ],
    ["a string for manager", { given: [user({ [E]: { manager: "m" } })], want: invalidValue }],
    ["a missing userName", { given: [{ schemas: [U] }], want: invalidValue }],
    ["a null userName", { given: [user({ userName: null })], want: invalidValue }],
    ["an empty userName", { given: [user({ userName: "" })], want: invalidValue }],
    [
      "a group without displayName",
      { given: [{ schemas: [G], members: [] }, groupResourceSchema], want: invalidValue },
    ],
    [
      "two primary emails",
      {
        given: [
          user({
            emails: [
              { value: "a", primary: true },
              { value: "b", primary: "True" },
            ],
          }),
        ],
        want: invalidValue,
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given: [input, schema = userResourceSchema, options], want }) => {
    expect(errorOf(() => validateResource(input, schema, options))).toEqual(want);
  });

  it("names every unknown attribute in the detail", () => {
    expect(() => validateResource(user({ nick: 1, [E]: { badge: 2 } }), userResourceSchema)).toThrow(
      `Unknown attribute(s): nick, ${E}:badge.`,
    );
  });

  it("names the attribute path of a wrong type", () => {
    expect(() => validateResource(user({ [E]: { manager: { value: 7 } } }), userResourceSchema)).toThrow(
      `"${E}:manager.value"`,
    );
  });
});
