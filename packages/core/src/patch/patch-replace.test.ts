import { ScimUrn } from "@scimkit/types";
import { describe, it } from "vitest";
import { deepFreeze, type Given, runPatchCase, type Want } from "../../test/patch-support.js";
import { groupResourceSchema } from "../schema/resource-schemas.js";

const E = ScimUrn.EnterpriseUser;

const meta = { resourceType: "User", created: "2026-11-01T09:00:00Z", lastModified: "2026-11-02T09:00:00Z" };
const user = deepFreeze({
  schemas: [ScimUrn.User, E],
  id: "u-1",
  userName: "ann@example.com",
  name: { givenName: "Ann", familyName: "Lee" },
  nickName: "Annie",
  emails: [
    { value: "ann@work.example", type: "work", primary: true },
    { value: "ann@home.example", type: "home" },
  ],
  active: true,
  groups: [{ value: "g-1", display: "Ops" }],
  [E]: { employeeNumber: "7", manager: { value: "u-9", displayName: "Boss" } },
  meta,
});
const group = deepFreeze({
  schemas: [ScimUrn.Group],
  id: "g-1",
  displayName: "Ops",
  members: [{ value: "u-1", display: "ann", type: "User" }, { value: "u-2" }],
});

const run = (given: Given, want: Want): void => runPatchCase(given, want, user);

const [work, home] = user.emails;
const mutability = { status: 400, scimType: "mutability" };
const noTarget = { status: 400, scimType: "noTarget" };
const invalidValue = { status: 400, scimType: "invalidValue" };

describe("replace (RFC 7644 §3.5.2.3) with a path", () => {
  const cases: [string, { given: Given; want: Want }][] = [
    [
      "replaces a single-valued attribute",
      {
        given: { operation: { op: "replace", path: "displayName", value: "Ann L." } },
        want: { attributes: { displayName: "Ann L." }, changed: ["displayName"] },
      },
    ],
    [
      "adds an attribute that has no value",
      {
        given: { operation: { op: "replace", path: "title", value: "CTO" } },
        want: { attributes: { title: "CTO" }, changed: ["title"] },
      },
    ],
    [
      "replaces all values of a multi-valued attribute",
      {
        given: {
          operation: { op: "replace", path: "emails", value: [{ value: "new@x.example", type: "work" }] },
        },
        want: { attributes: { emails: [{ value: "new@x.example", type: "work" }] }, changed: ["emails"] },
      },
    ],
    [
      "unassigns a multi-valued attribute replaced by an empty array",
      {
        given: { operation: { op: "replace", path: "emails", value: [] } },
        want: { attributes: { emails: undefined }, changed: ["emails"] },
      },
    ],
    [
      "keeps sub-attributes a complex value does not name (RFC 7644 §3.5.2.3)",
      {
        given: { operation: { op: "replace", path: "name", value: { givenName: "Anne" } } },
        want: { attributes: { name: { givenName: "Anne", familyName: "Lee" } }, changed: ["name.givenName"] },
      },
    ],
    [
      "replaces a sub-attribute named by the path",
      {
        given: { operation: { op: "replace", path: "name.familyName", value: "Lee-Smith" } },
        want: {
          attributes: { name: { givenName: "Ann", familyName: "Lee-Smith" } },
          changed: ["name.familyName"],
        },
      },
    ],
    [
      "replaces the sub-attribute of every element a value filter matches",
      {
        given: {
          operation: { op: "replace", path: 'emails[type eq "work"].value', value: "ann@new.example" },
        },
        want: { attributes: { emails: [{ ...work, value: "ann@new.example" }, home] }, changed: ["emails"] },
      },
    ],
    [
      "replaces every element a value filter matches",
      {
        given: {
          operation: {
            op: "replace",
            path: 'emails[type eq "home"]',
            value: { value: "h@x.example", type: "home" },
          },
        },
        want: { attributes: { emails: [work, { value: "h@x.example", type: "home" }] }, changed: ["emails"] },
      },
    ],
    [
      "demotes the other values when a filter makes a value primary (RFC 7643 §2.4)",
      {
        given: { operation: { op: "replace", path: 'emails[type eq "home"].primary', value: true } },
        want: {
          attributes: {
            emails: [
              { ...work, primary: false },
              { ...home, primary: true },
            ],
          },
          changed: ["emails"],
        },
      },
    ],
    [
      "replaces a sub-attribute on every element when a multi-valued path has no filter",
      {
        given: { operation: { op: "replace", path: "emails.display", value: "E" } },
        want: {
          attributes: {
            emails: [
              { ...work, display: "E" },
              { ...home, display: "E" },
            ],
          },
          changed: ["emails"],
        },
      },
    ],
    [
      "adds a first element for a sub-attribute path of an empty multi-valued attribute",
      {
        given: { operation: { op: "replace", path: "phoneNumbers.value", value: "+1 555 0100" } },
        want: { attributes: { phoneNumbers: [{ value: "+1 555 0100" }] }, changed: ["phoneNumbers"] },
      },
    ],
    [
      "unassigns an attribute replaced by null (RFC 7643 §2.5)",
      {
        given: { operation: { op: "replace", path: "nickName", value: null } },
        want: { attributes: { nickName: undefined }, changed: ["nickName"] },
      },
    ],
    [
      "unassigns a sub-attribute replaced by null",
      {
        given: { operation: { op: "replace", path: "name.givenName", value: null } },
        want: { attributes: { name: { familyName: "Lee" } }, changed: ["name.givenName"] },
      },
    ],
    [
      "merges into a complex extension attribute and keeps its readOnly sub-attribute",
      {
        given: { operation: { op: "replace", path: `${E}:manager`, value: { value: "u-5" } } },
        want: {
          attributes: { [E]: { employeeNumber: "7", manager: { value: "u-5", displayName: "Boss" } } },
          changed: [`${E}:manager`],
        },
      },
    ],
    [
      "accepts a readOnly attribute replaced by its current value",
      {
        given: { operation: { op: "replace", path: "meta", value: { resourceType: "User" } } },
        want: { attributes: { meta }, changed: [] },
      },
    ],
  ];
  it.each(cases)("%s", (_, { given, want }) => run(given, want));
});

describe("replace: errors", () => {
  const cases: [string, { given: Given; want: Want }][] = [
    [
      "returns noTarget when a value filter matches nothing (RFC 7644 §3.5.2.3)",
      {
        given: { operation: { op: "replace", path: 'emails[type eq "other"].value', value: "x" } },
        want: { error: noTarget },
      },
    ],
    [
      "returns noTarget for a value filter on an attribute without values",
      {
        given: { operation: { op: "replace", path: 'ims[type eq "xmpp"]', value: { value: "x" } } },
        want: { error: noTarget },
      },
    ],
    [
      "returns invalidValue without a value",
      { given: { operation: { op: "replace", path: "nickName" } }, want: { error: invalidValue } },
    ],
    [
      "returns invalidValue when a filter makes two values primary",
      {
        given: { operation: { op: "replace", path: "emails[value pr].primary", value: true } },
        want: { error: invalidValue },
      },
    ],
    [
      "returns mutability for removing the required userName with null (RFC 7644 §3.5.2.2)",
      { given: { operation: { op: "replace", path: "userName", value: null } }, want: { error: mutability } },
    ],
    [
      "returns mutability for a different id",
      { given: { operation: { op: "replace", path: "id", value: "u-2" } }, want: { error: mutability } },
    ],
    [
      "returns mutability for a meta with another created",
      {
        given: { operation: { op: "replace", path: "meta", value: { created: "2020-01-01T00:00:00Z" } } },
        want: { error: mutability },
      },
    ],
    [
      "returns mutability for the readOnly groups",
      { given: { operation: { op: "replace", path: "groups", value: [] } }, want: { error: mutability } },
    ],
  ];
  it.each(cases)("%s", (_, { given, want }) => run(given, want));
});

describe("replace without a path (RFC 7644 §3.5.2.3)", () => {
  const cases: [string, { given: Given; want: Want }][] = [
    [
      "replaces each attribute of the value, names matched case-insensitively",
      {
        given: {
          operation: {
            op: "replace",
            value: { DisplayName: "A", active: false, name: { givenName: "Anne" } },
          },
        },
        want: {
          attributes: { displayName: "A", active: false, name: { givenName: "Anne", familyName: "Lee" } },
          changed: ["active", "displayName", "name.givenName"],
        },
      },
    ],
    [
      "writes the attributes of an extension given under its URN",
      {
        given: { operation: { op: "replace", value: { [E]: { department: "R&D" } } } },
        want: {
          attributes: { [E]: { employeeNumber: "7", department: "R&D", manager: user[E].manager } },
          changed: [`${E}:department`],
        },
      },
    ],
    [
      "ignores id and meta re-sent with their current values",
      {
        given: { operation: { op: "replace", value: { id: "u-1", meta, nickName: "A" } } },
        want: { attributes: { id: "u-1", meta, nickName: "A" }, changed: ["nickName"] },
      },
    ],
    [
      "returns mutability for another id",
      { given: { operation: { op: "replace", value: { id: "u-2" } } }, want: { error: mutability } },
    ],
    [
      "returns invalidPath for an unknown attribute",
      {
        given: { operation: { op: "replace", value: { shoeSize: 9 } } },
        want: { error: { status: 400, scimType: "invalidPath" } },
      },
    ],
    [
      "returns invalidValue for a value that is not an object",
      { given: { operation: { op: "replace", value: "x" } }, want: { error: invalidValue } },
    ],
    [
      "returns invalidValue for an empty object",
      { given: { operation: { op: "replace", value: {} } }, want: { error: invalidValue } },
    ],
    [
      "returns invalidValue without a value",
      { given: { operation: { op: "replace" } }, want: { error: invalidValue } },
    ],
    [
      "returns invalidValue for a schema URN key that does not hold an object",
      { given: { operation: { op: "replace", value: { [E]: "x" } } }, want: { error: invalidValue } },
    ],
  ];
  it.each(cases)("%s", (_, { given, want }) => run(given, want));
});

describe("replace on Group members", () => {
  const [ann] = group.members;
  const cases: [string, { given: Given; want: Want }][] = [
    [
      "replaces all members",
      {
        given: { operation: { op: "replace", path: "members", value: [{ value: "u-3" }] } },
        want: { attributes: { members: [{ value: "u-3" }] }, changed: ["members"] },
      },
    ],
    [
      "keeps a member replaced by its own immutable values and its readOnly display",
      {
        given: {
          operation: {
            op: "replace",
            path: 'members[value eq "u-1"]',
            value: { value: "u-1", type: "User" },
          },
        },
        want: { attributes: { members: group.members }, changed: [] },
      },
    ],
    [
      "returns mutability for replacing a member's immutable value",
      {
        given: { operation: { op: "replace", path: 'members[value eq "u-1"]', value: { value: "u-8" } } },
        want: { error: mutability },
      },
    ],
    [
      "returns mutability for a member's readOnly display named by the path",
      {
        given: { operation: { op: "replace", path: 'members[value eq "u-1"].display', value: "x" } },
        want: { error: mutability },
      },
    ],
    [
      "renames with a path-less value that re-sends the group id (Okta)",
      {
        given: { operation: { op: "replace", value: { id: "g-1", displayName: "Renamed" } } },
        want: {
          attributes: { displayName: "Renamed", members: [ann, group.members[1]] },
          changed: ["displayName"],
        },
      },
    ],
    [
      "returns mutability for a path-less value with another group id",
      {
        given: { operation: { op: "replace", value: { id: "g-2", displayName: "Renamed" } } },
        want: { error: mutability },
      },
    ],
  ];
  it.each(cases)("%s", (_, { given, want }) =>
    run({ ...given, resource: group, schema: groupResourceSchema }, want),
  );
});
