import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { groupResourceSchema, type ResourceSchema, userResourceSchema } from "../schema/resource-schemas.js";
import { validateResource } from "./validate-resource.js";
import { ENTRA_AD_SCIM_GROUP_URN, type ValidationOptions } from "./validation-options.js";

/** Request bodies as the identity providers send them (docs/reference/idp-requests.md). */
const U = ScimUrn.User;
const E = ScimUrn.EnterpriseUser;
const G = ScimUrn.Group;

const oktaEmails = [{ primary: true, value: "test.user@okta.local", type: "work" }];
const oktaStored = {
  schemas: [U],
  externalId: "00ujl29u0le5T6Aj10h7",
  userName: "test.user@okta.local",
  name: { familyName: "User", givenName: "Test" },
  displayName: "Test User",
  locale: "en-US",
  active: true,
  emails: [{ value: "test.user@okta.local", type: "work", primary: true }],
};
const oktaGet = {
  ...oktaStored,
  id: "23a35c27-23d3-4c03-b4c5-6443c09e7173",
  groups: [{ value: "e9e30dba", display: "Tour Guides", $ref: "https://example.com/v2/Groups/e9e30dba" }],
  meta: {
    resourceType: "User",
    created: "2024-01-23T04:56:22Z",
    lastModified: "2024-05-13T04:42:34Z",
    location: "https://example.com/v2/Users/23a35c27-23d3-4c03-b4c5-6443c09e7173",
  },
};

type Case = [
  string,
  {
    given: { body: unknown; schema: ResourceSchema; options?: ValidationOptions };
    want: { resource: Record<string, unknown>; writeOnly: string[] };
  },
];

const cases: Case[] = [
  [
    "Okta POST /Users: drops groups: [] and the password, keeps the rest",
    {
      given: {
        body: {
          schemas: [U],
          userName: "test.user@okta.local",
          name: { givenName: "Test", familyName: "User" },
          emails: oktaEmails,
          displayName: "Test User",
          locale: "en-US",
          externalId: "00ujl29u0le5T6Aj10h7",
          groups: [],
          password: "1mz050nq",
          active: true,
        },
        schema: userResourceSchema,
      },
      want: { resource: oktaStored, writeOnly: ["password"] },
    },
  ],
  [
    "Okta PUT /Users/{id}: ignores the re-sent id, meta and groups, accepts unchanged values",
    {
      given: {
        body: { ...oktaGet, name: { givenName: "Another", familyName: "User" } },
        schema: userResourceSchema,
        options: { existing: oktaStored },
      },
      want: {
        resource: { ...oktaStored, name: { familyName: "User", givenName: "Another" } },
        writeOnly: [],
      },
    },
  ],
  [
    "Okta custom-app PUT deactivation: active false",
    {
      given: {
        body: { ...oktaGet, active: false },
        schema: userResourceSchema,
        options: { existing: oktaStored },
      },
      want: { resource: { ...oktaStored, active: false }, writeOnly: [] },
    },
  ],
  [
    "Okta POST /Groups with members: []",
    {
      given: { body: { schemas: [G], displayName: "Test SCIMv2", members: [] }, schema: groupResourceSchema },
      want: { resource: { schemas: [G], displayName: "Test SCIMv2" }, writeOnly: [] },
    },
  ],
  [
    "Okta custom-app group PUT: member display is readOnly and dropped",
    {
      given: {
        body: {
          schemas: [G],
          id: "g1",
          displayName: "Test SCIMv2",
          members: [{ value: "u1", display: "test.user@okta.local" }],
        },
        schema: groupResourceSchema,
        options: { existing: { schemas: [G], displayName: "Test SCIMv2" } },
      },
      want: {
        resource: { schemas: [G], displayName: "Test SCIMv2", members: [{ value: "u1" }] },
        writeOnly: [],
      },
    },
  ],
  [
    "Entra POST /Users: enterprise schema listed, meta dropped, roles: [] unassigned",
    {
      given: {
        body: {
          schemas: [U, E],
          externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
          userName: "Test_User_dfeef4c5-5681-4387-b016-bdf221e82081",
          active: true,
          emails: [{ primary: true, type: "work", value: "Test_User_22370c1a@testuser.com" }],
          meta: { resourceType: "User" },
          name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
          roles: [],
        },
        schema: userResourceSchema,
      },
      want: {
        resource: {
          schemas: [U, E],
          externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
          userName: "Test_User_dfeef4c5-5681-4387-b016-bdf221e82081",
          name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
          active: true,
          emails: [{ value: "Test_User_22370c1a@testuser.com", type: "work", primary: true }],
        },
        writeOnly: [],
      },
    },
  ],
  [
    'Entra user with "False" and a flat enterprise key',
    {
      given: {
        body: { schemas: [U, E], userName: "u@contoso.com", active: "False", [`${E}:employeeNumber`]: "42" },
        schema: userResourceSchema,
      },
      want: {
        resource: {
          schemas: [U, E],
          userName: "u@contoso.com",
          active: false,
          [E]: { employeeNumber: "42" },
        },
        writeOnly: [],
      },
    },
  ],
  [
    "Entra POST /Groups: the ADSCIM URN and meta are dropped",
    {
      given: {
        body: {
          schemas: [G, ENTRA_AD_SCIM_GROUP_URN],
          externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
          displayName: "displayName",
          meta: { resourceType: "Group" },
        },
        schema: groupResourceSchema,
      },
      want: {
        resource: {
          schemas: [G],
          externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
          displayName: "displayName",
        },
        writeOnly: [],
      },
    },
  ],
  [
    "JumpCloud plain core user: no extension required, '+' in e-mails kept",
    {
      given: {
        body: {
          schemas: [U],
          userName: "jdoe+test@example.com",
          name: { givenName: "John", familyName: "Doe" },
          displayName: "John Doe",
          emails: [{ value: "jdoe+test@example.com", type: "work", primary: true }],
          active: true,
        },
        schema: userResourceSchema,
      },
      want: {
        resource: {
          schemas: [U],
          userName: "jdoe+test@example.com",
          name: { familyName: "Doe", givenName: "John" },
          displayName: "John Doe",
          active: true,
          emails: [{ value: "jdoe+test@example.com", type: "work", primary: true }],
        },
        writeOnly: [],
      },
    },
  ],
  [
    "JumpCloud POST /Groups with its first member, value only",
    {
      given: {
        body: { schemas: [G], displayName: "Engineering", members: [{ value: "u1" }] },
        schema: groupResourceSchema,
      },
      want: {
        resource: { schemas: [G], displayName: "Engineering", members: [{ value: "u1" }] },
        writeOnly: [],
      },
    },
  ],
  [
    "OneLogin template with userType, title, department and manager.value",
    {
      given: {
        body: {
          schemas: [U, E],
          userName: "jane@example.com",
          name: { givenName: "Jane", familyName: "Roe" },
          emails: [{ value: "jane@example.com", type: "work", primary: true }],
          userType: "Employee",
          title: "Engineer",
          [E]: { department: "R&D", manager: { value: "m-42" } },
        },
        schema: userResourceSchema,
        options: {
          existing: {
            schemas: [U, E],
            userName: "jane@example.com",
            userType: "Employee",
            [E]: { department: "Ops" },
          },
        },
      },
      want: {
        resource: {
          schemas: [U, E],
          userName: "jane@example.com",
          name: { familyName: "Roe", givenName: "Jane" },
          title: "Engineer",
          userType: "Employee",
          emails: [{ value: "jane@example.com", type: "work", primary: true }],
          [E]: { department: "R&D", manager: { value: "m-42" } },
        },
        writeOnly: [],
      },
    },
  ],
];

describe("validateResource on identity provider bodies", () => {
  it.each(cases)("%s", (_name, { given: { body, schema, options }, want }) => {
    expect(validateResource(body, schema, options)).toEqual(want);
  });
});
