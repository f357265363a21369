import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { groupResourceSchema, type ResourceSchema, userResourceSchema } from "../schema/resource-schemas.js";
import { validateResource } from "./validate-resource.js";
import { ENTRA_AD_SCIM_GROUP_URN, type ValidationOptions } from "./validation-options.js";

type Want = { resource: Record<string, unknown>; writeOnly?: string[] };

const U = ScimUrn.User;
const E = ScimUrn.EnterpriseUser;
const G = ScimUrn.Group;
const user = (body: Record<string, unknown>) => ({ schemas: [U], userName: "bjensen", ...body });

describe("validateResource accepts and normalises", () => {
  const cases: [string, { given: [unknown, ResourceSchema?, ValidationOptions?]; want: Want }][] = [
    ["a minimal user", { given: [user({})], want: { resource: user({}) } }],
    [
      "attribute names in any case, in canonical spelling",
      {
        given: [{ SCHEMAS: [U], USERNAME: "b", Name: { GivenName: "Barbara" }, emails: [{ VALUE: "b@x" }] }],
        want: {
          resource: {
            schemas: [U],
            userName: "b",
            name: { givenName: "Barbara" },
            emails: [{ value: "b@x" }],
          },
        },
      },
    ],
    [
      "schema URNs in any case, in canonical spelling",
      {
        given: [{ schemas: [U.toUpperCase(), E.toLowerCase()], userName: "b" }],
        want: { resource: { schemas: [U, E], userName: "b" } },
      },
    ],
    [
      "attributes in schema order, sub-attributes too",
      {
        given: [user({ active: true, name: { givenName: "B", familyName: "J" }, externalId: "x" })],
        want: {
          resource: {
            schemas: [U],
            externalId: "x",
            userName: "bjensen",
            name: { familyName: "J", givenName: "B" },
            active: true,
          },
        },
      },
    ],
    [
      "an extension nested under its URN, listing it in schemas",
      {
        given: [{ schemas: [U], userName: "b", [E]: { employeeNumber: "1" } }],
        want: { resource: { schemas: [U, E], userName: "b", [E]: { employeeNumber: "1" } } },
      },
    ],
    [
      "URN-qualified flat keys, nested under the extension",
      {
        given: [
          {
            schemas: [U, E],
            userName: "b",
            [`${E}:employeeNumber`]: "1",
            [`${E.toLowerCase()}:DEPARTMENT`]: "R&D",
          },
        ],
        want: {
          resource: { schemas: [U, E], userName: "b", [E]: { employeeNumber: "1", department: "R&D" } },
        },
      },
    ],
    [
      "nested and flat keys together",
      {
        given: [
          { schemas: [U, E], userName: "b", [E]: { employeeNumber: "1" }, [`${E}:costCenter`]: "4130" },
        ],
        want: {
          resource: { schemas: [U, E], userName: "b", [E]: { employeeNumber: "1", costCenter: "4130" } },
        },
      },
    ],
    [
      "the same value given twice under two spellings",
      {
        given: [
          { schemas: [U, E], userName: "b", [E]: { employeeNumber: "1" }, [`${E}:employeeNumber`]: "1" },
        ],
        want: { resource: { schemas: [U, E], userName: "b", [E]: { employeeNumber: "1" } } },
      },
    ],
    [
      "core attributes qualified with the core URN",
      {
        given: [{ schemas: [U], [`${U}:userName`]: "b" }],
        want: { resource: { schemas: [U], userName: "b" } },
      },
    ],
    [
      "a listed extension without data, keeping it listed",
      { given: [{ schemas: [U, E], userName: "b" }], want: { resource: { schemas: [U, E], userName: "b" } } },
    ],
    [
      "an extension set to null, as unassigned",
      {
        given: [{ schemas: [U], userName: "b", [E]: null }],
        want: { resource: { schemas: [U], userName: "b" } },
      },
    ],
    [
      "readOnly attributes by dropping them (id, meta, groups)",
      {
        given: [
          user({ id: "1", meta: { resourceType: "User", created: "nonsense" }, groups: [{ value: "g" }] }),
        ],
        want: { resource: user({}) },
      },
    ],
    [
      "readOnly sub-attributes by dropping them (manager.displayName)",
      {
        given: [{ schemas: [U, E], userName: "b", [E]: { manager: { value: "m", displayName: "Boss" } } }],
        want: { resource: { schemas: [U, E], userName: "b", [E]: { manager: { value: "m" } } } },
      },
    ],
    [
      "a complex value left empty by readOnly sub-attributes, as unassigned",
      {
        given: [{ schemas: [U], userName: "b", [E]: { manager: { displayName: "Boss" } } }],
        want: { resource: { schemas: [U], userName: "b" } },
      },
    ],
    [
      "the password, logging it as writeOnly and dropping it",
      { given: [user({ password: "t1meMa$heen" })], want: { resource: user({}), writeOnly: ["password"] } },
    ],
    [
      "null as unassigned",
      { given: [user({ displayName: null, name: null })], want: { resource: user({}) } },
    ],
    [
      "null sub-attributes as unassigned",
      { given: [user({ name: { givenName: null } })], want: { resource: user({}) } },
    ],
    ["[] as unassigned", { given: [user({ emails: [] })], want: { resource: user({}) } }],
    [
      "null items of arrays as absent",
      {
        given: [user({ emails: [null, { value: "a@x" }] })],
        want: { resource: user({ emails: [{ value: "a@x" }] }) },
      },
    ],
    [
      "a single value where an array is expected, wrapped",
      {
        given: [user({ emails: { value: "a@x", type: "work" } })],
        want: { resource: user({ emails: [{ value: "a@x", type: "work" }] }) },
      },
    ],
    [
      'Entra\'s "True" / "False" as booleans',
      {
        given: [user({ active: "False", emails: [{ value: "a@x", primary: "True" }] })],
        want: { resource: user({ active: false, emails: [{ value: "a@x", primary: true }] }) },
      },
    ],
    [
      "one primary value, and any number of primary: false",
      {
        given: [
          user({
            emails: [
              { value: "a", primary: true },
              { value: "b", primary: false },
              { value: "c", primary: false },
            ],
          }),
        ],
        want: {
          resource: user({
            emails: [
              { value: "a", primary: true },
              { value: "b", primary: false },
              { value: "c", primary: false },
            ],
          }),
        },
      },
    ],
    [
      "a non-required empty string as a value",
      { given: [user({ nickName: "" })], want: { resource: user({ nickName: "" }) } },
    ],
    [
      "a group with members, dropping members.display and $ref: null",
      {
        given: [
          {
            schemas: [G],
            displayName: "Tour Guides",
            members: [{ value: "u1", display: "Babs", $ref: null }],
          },
          groupResourceSchema,
        ],
        want: { resource: { schemas: [G], displayName: "Tour Guides", members: [{ value: "u1" }] } },
      },
    ],
    [
      "a missing schemas when requireSchemas is off",
      {
        given: [{ userName: "b", [E]: { division: "x" } }, userResourceSchema, { requireSchemas: false }],
        want: { resource: { schemas: [U, E], userName: "b", [E]: { division: "x" } } },
      },
    ],
    [
      "unknown attributes by dropping them when told to ignore them",
      {
        given: [
          user({ nick: "x", name: { given: "y" }, [`${E}:foo`]: 1, [E]: { bar: 2 } }),
          userResourceSchema,
          { unknownAttributes: "ignore" },
        ],
        want: { resource: user({}) },
      },
    ],
    [
      "Entra's ADSCIM group URN, dropping it and attributes keyed under it",
      {
        given: [
          {
            schemas: [G, ENTRA_AD_SCIM_GROUP_URN],
            displayName: "g",
            [ENTRA_AD_SCIM_GROUP_URN]: { x: 1 },
            [`${ENTRA_AD_SCIM_GROUP_URN}:y`]: 2,
          },
          groupResourceSchema,
        ],
        want: { resource: { schemas: [G], displayName: "g" } },
      },
    ],
    [
      "other ignored URNs when configured",
      {
        given: [
          { schemas: [U, "urn:example:ignored"], userName: "b" },
          userResourceSchema,
          { ignoredSchemaUrns: ["urn:example:IGNORED"] },
        ],
        want: { resource: { schemas: [U], userName: "b" } },
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given: [input, schema = userResourceSchema, options], want }) => {
    expect(validateResource(input, schema, options)).toEqual({ writeOnly: [], ...want });
  });

  it("lays out the canonical form: schemas, then attributes in schema order, then extensions", () => {
    const input = { [`${E}:division`]: "x", active: true, userName: "b", schemas: [E, U], externalId: "e" };
    expect(Object.keys(validateResource(input, userResourceSchema).resource)).toEqual([
      "schemas",
      "externalId",
      "userName",
      "active",
      E,
    ]);
  });

  it("never mutates the input", () => {
    const input = user({
      id: "1",
      password: "p",
      emails: { value: "a", primary: "True" },
      [`${E}:employeeNumber`]: "1",
    });
    const copy = structuredClone(input);
    validateResource(input, userResourceSchema);
    expect(input).toEqual(copy);
  });
});
