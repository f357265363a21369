import { ScimUrn } from "@scimkit/types";
import { describe, it } from "vitest";
import { deepFreeze, type Given, runPatchCase, type Want } from "../../test/patch-support.js";
import { groupResourceSchema } from "../schema/resource-schemas.js";

const E = ScimUrn.EnterpriseUser;

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
  ims: [{ value: "ann-chat" }],
  active: true,
  groups: [{ value: "g-1", display: "Ops" }],
  [E]: { employeeNumber: "7", manager: { value: "u-9", displayName: "Boss" } },
  meta: { resourceType: "User", created: "2026-11-01T09:00:00Z" },
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

describe("remove (RFC 7644 §3.5.2.2)", () => {
  const cases: [string, { given: Given; want: Want }][] = [
    [
      "unassigns a single-valued attribute",
      {
        given: { operation: { op: "remove", path: "nickName" } },
        want: { attributes: { nickName: undefined }, changed: ["nickName"] },
      },
    ],
    [
      "is no change for an attribute without a value",
      {
        given: { operation: { op: "remove", path: "title" } },
        want: { attributes: { title: undefined }, changed: [] },
      },
    ],
    [
      "unassigns all values of a multi-valued attribute",
      {
        given: { operation: { op: "remove", path: "emails" } },
        want: { attributes: { emails: undefined }, changed: ["emails"] },
      },
    ],
    [
      "unassigns a complex attribute",
      {
        given: { operation: { op: "remove", path: "name" } },
        want: { attributes: { name: undefined }, changed: ["name.familyName", "name.givenName"] },
      },
    ],
    [
      "removes the elements a value filter matches",
      {
        given: { operation: { op: "remove", path: 'emails[type eq "home"]' } },
        want: { attributes: { emails: [work] }, changed: ["emails"] },
      },
    ],
    [
      "is no change when a value filter matches nothing (idempotent for retries)",
      {
        given: { operation: { op: "remove", path: 'emails[type eq "other"]' } },
        want: { attributes: { emails: [work, home] }, changed: [] },
      },
    ],
    [
      "unassigns the attribute when the filter removes its last element",
      {
        given: { operation: { op: "remove", path: 'ims[value eq "ann-chat"]' } },
        want: { attributes: { ims: undefined }, changed: ["ims"] },
      },
    ],
    [
      "removes a sub-attribute named by the path",
      {
        given: { operation: { op: "remove", path: "name.givenName" } },
        want: { attributes: { name: { familyName: "Lee" } }, changed: ["name.givenName"] },
      },
    ],
    [
      "removes a sub-attribute from the elements a filter matches",
      {
        given: { operation: { op: "remove", path: 'emails[type eq "work"].primary' } },
        want: {
          attributes: { emails: [{ value: "ann@work.example", type: "work" }, home] },
          changed: ["emails"],
        },
      },
    ],
    [
      "removes a sub-attribute from every element without a filter",
      {
        given: { operation: { op: "remove", path: "emails.type" } },
        want: {
          attributes: {
            emails: [{ value: "ann@work.example", primary: true }, { value: "ann@home.example" }],
          },
          changed: ["emails"],
        },
      },
    ],
    [
      "removes an element left without sub-attributes",
      {
        given: { operation: { op: "remove", path: "ims.value" } },
        want: { attributes: { ims: undefined }, changed: ["ims"] },
      },
    ],
    [
      "removes an extension attribute and keeps the others",
      {
        given: { operation: { op: "remove", path: `${E}:manager` } },
        want: { attributes: { [E]: { employeeNumber: "7" } }, changed: [`${E}:manager`] },
      },
    ],
    [
      "ignores a value on a single-valued attribute; RFC 7644 defines none for remove",
      {
        given: { operation: { op: "remove", path: "nickName", value: "someone else" } },
        want: { attributes: { nickName: undefined }, changed: ["nickName"] },
      },
    ],
    [
      "removes readOnly groups that have no value as no change",
      {
        given: { operation: { op: "remove", path: "groups" }, resource: { userName: "a" } },
        want: { attributes: { groups: undefined }, changed: [] },
      },
    ],
  ];
  it.each(cases)("%s", (_, { given, want }) => run(given, want));
});

describe("remove: errors", () => {
  const cases: [string, { given: Given; want: Want }][] = [
    [
      "returns noTarget without a path (RFC 7644 §3.5.2.2)",
      { given: { operation: { op: "remove" } }, want: { error: { status: 400, scimType: "noTarget" } } },
    ],
    [
      "returns mutability for the required userName",
      { given: { operation: { op: "remove", path: "userName" } }, want: { error: mutability } },
    ],
    [
      "returns mutability for the readOnly id",
      { given: { operation: { op: "remove", path: "id" } }, want: { error: mutability } },
    ],
    [
      "returns mutability for the readOnly meta",
      { given: { operation: { op: "remove", path: "meta.created" } }, want: { error: mutability } },
    ],
    [
      "returns mutability for the readOnly groups",
      { given: { operation: { op: "remove", path: "groups" } }, want: { error: mutability } },
    ],
    [
      "returns invalidPath for an unknown attribute",
      {
        given: { operation: { op: "remove", path: "shoeSize" } },
        want: { error: { status: 400, scimType: "invalidPath" } },
      },
    ],
    [
      "returns invalidPath for a value filter on a single-valued attribute",
      {
        given: { operation: { op: "remove", path: 'name[givenName eq "Ann"]' } },
        want: { error: { status: 400, scimType: "invalidPath" } },
      },
    ],
    [
      "returns invalidFilter for an unknown sub-attribute inside the brackets",
      {
        given: { operation: { op: "remove", path: 'emails[kind eq "work"]' } },
        want: { error: { status: 400, scimType: "invalidFilter" } },
      },
    ],
    [
      "returns invalidFilter for a malformed value filter",
      {
        given: { operation: { op: "remove", path: "emails[type eq]" } },
        want: { error: { status: 400, scimType: "invalidFilter" } },
      },
    ],
  ];
  it.each(cases)("%s", (_, { given, want }) => run(given, want));
});

describe("remove on Group members", () => {
  const [ann, bob] = group.members;
  const cases: [string, { given: Given; want: Want }][] = [
    [
      "removes the member a filter names",
      {
        given: { operation: { op: "remove", path: 'members[value eq "u-1"]' } },
        want: { attributes: { members: [bob] }, changed: ["members"] },
      },
    ],
    [
      "removes the members listed in value, here as a bare id",
      {
        given: { operation: { op: "remove", path: "members", value: "u-2" } },
        want: { attributes: { members: [ann] }, changed: ["members"] },
      },
    ],
    [
      "is no change when no listed member is present",
      {
        given: { operation: { op: "remove", path: "members", value: [{ value: "u-3" }] } },
        want: { attributes: { members: [ann, bob] }, changed: [] },
      },
    ],
    [
      "removes every member for a path without filter or value",
      {
        given: { operation: { op: "remove", path: "members" } },
        want: { attributes: { members: undefined }, changed: ["members"] },
      },
    ],
    [
      "returns mutability for removing a member's immutable value",
      {
        given: { operation: { op: "remove", path: 'members[value eq "u-1"].value' } },
        want: { error: mutability },
      },
    ],
    [
      "returns mutability for removing the required displayName",
      { given: { operation: { op: "remove", path: "displayName" } }, want: { error: mutability } },
    ],
  ];
  it.each(cases)("%s", (_, { given, want }) =>
    run({ ...given, resource: group, schema: groupResourceSchema }, want),
  );
});
