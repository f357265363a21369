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
  emails: [
    { value: "ann@work.example", type: "work", primary: true },
    { value: "ann@home.example", type: "home" },
  ],
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
const invalidValue = { status: 400, scimType: "invalidValue" };
const invalidPath = { status: 400, scimType: "invalidPath" };
const mutability = { status: 400, scimType: "mutability" };

describe("add (RFC 7644 §3.5.2.1) with a path", () => {
  const cases: [string, { given: Given; want: Want }][] = [
    [
      "adds an absent single-valued attribute",
      {
        given: { operation: { op: "add", path: "nickName", value: "Babs" } },
        want: { attributes: { nickName: "Babs" }, changed: ["nickName"] },
      },
    ],
    [
      "replaces the value of a present single-valued attribute",
      {
        given: { operation: { op: "add", path: "userName", value: "ann.lee@example.com" } },
        want: { attributes: { userName: "ann.lee@example.com" }, changed: ["userName"] },
      },
    ],
    [
      "makes no change when the attribute already has the value",
      {
        given: { operation: { op: "add", path: "ACTIVE", value: true } },
        want: { attributes: { active: true }, changed: [] },
      },
    ],
    [
      "appends values to a multi-valued attribute",
      {
        given: {
          operation: { op: "add", path: "emails", value: [{ Value: "a@other.example", TYPE: "other" }] },
        },
        want: {
          attributes: { emails: [work, home, { value: "a@other.example", type: "other" }] },
          changed: ["emails"],
        },
      },
    ],
    [
      "skips a value already present, comparing caseExact:false strings case-insensitively",
      {
        given: {
          operation: { op: "add", path: "emails", value: [{ value: "ANN@home.example", type: "home" }] },
        },
        want: { attributes: { emails: [work, home] }, changed: [] },
      },
    ],
    [
      "adds a value sent twice in one array once",
      {
        given: {
          operation: {
            op: "add",
            path: "emails",
            value: [
              { value: "x@other.example", type: "other" },
              { value: "x@other.example", type: "other" },
            ],
          },
        },
        want: {
          attributes: { emails: [work, home, { value: "x@other.example", type: "other" }] },
          changed: ["emails"],
        },
      },
    ],
    [
      "demotes the current primary value when a new primary value is added (RFC 7643 §2.4)",
      {
        given: { operation: { op: "add", path: "emails", value: [{ value: "n@x.example", primary: true }] } },
        want: {
          attributes: {
            emails: [{ ...work, primary: false }, home, { value: "n@x.example", primary: true }],
          },
          changed: ["emails"],
        },
      },
    ],
    [
      "rejects two primary values in one value array with invalidValue",
      {
        given: {
          operation: {
            op: "add",
            path: "emails",
            value: [
              { value: "a@x.example", primary: true },
              { value: "b@x.example", primary: true },
            ],
          },
        },
        want: { error: invalidValue },
      },
    ],
    [
      "merges the sub-attributes of a complex value into the current value",
      {
        given: { operation: { op: "add", path: "name", value: { middleName: "J", givenName: "Anne" } } },
        want: {
          attributes: { name: { givenName: "Anne", familyName: "Lee", middleName: "J" } },
          changed: ["name.givenName", "name.middleName"],
        },
      },
    ],
    [
      "sets a sub-attribute named by the path",
      {
        given: { operation: { op: "add", path: "name.honorificPrefix", value: "Dr." } },
        want: {
          attributes: { name: { givenName: "Ann", familyName: "Lee", honorificPrefix: "Dr." } },
          changed: ["name.honorificPrefix"],
        },
      },
    ],
    [
      "creates a complex attribute for a sub-attribute path",
      {
        given: {
          operation: { op: "add", path: "name.formatted", value: "Ann Lee" },
          resource: { userName: "a" },
        },
        want: { attributes: { name: { formatted: "Ann Lee" } }, changed: ["name.formatted"] },
      },
    ],
    [
      "sets an extension attribute named by its URN-qualified path",
      {
        given: { operation: { op: "add", path: `${E}:employeeNumber`, value: "8" } },
        want: {
          attributes: { [E]: { employeeNumber: "8", manager: user[E].manager } },
          changed: [`${E}:employeeNumber`],
        },
      },
    ],
    [
      "sets a sub-attribute of an extension attribute",
      {
        given: { operation: { op: "add", path: `${E}:manager.value`, value: "u-5" } },
        want: {
          attributes: { [E]: { employeeNumber: "7", manager: { value: "u-5", displayName: "Boss" } } },
          changed: [`${E}:manager`],
        },
      },
    ],
    [
      "ignores a readOnly sub-attribute inside a complex value (RFC 7643 §2.2)",
      {
        given: {
          operation: { op: "add", path: `${E}:manager`, value: { value: "u-5", displayName: "Other" } },
        },
        want: {
          attributes: { [E]: { employeeNumber: "7", manager: { value: "u-5", displayName: "Boss" } } },
          changed: [`${E}:manager`],
        },
      },
    ],
    [
      "sets a sub-attribute on every element a value filter matches",
      {
        given: { operation: { op: "add", path: 'emails[type eq "work"].display', value: "Work" } },
        want: { attributes: { emails: [{ ...work, display: "Work" }, home] }, changed: ["emails"] },
      },
    ],
    [
      "merges a value into every element a value filter matches",
      {
        given: { operation: { op: "add", path: 'emails[type eq "home"]', value: { display: "Home" } } },
        want: { attributes: { emails: [work, { ...home, display: "Home" }] }, changed: ["emails"] },
      },
    ],
    [
      "adds the element an eq filter describes when nothing matches",
      {
        given: { operation: { op: "add", path: 'emails[type eq "other"].value', value: "o@x.example" } },
        want: {
          attributes: { emails: [work, home, { type: "other", value: "o@x.example" }] },
          changed: ["emails"],
        },
      },
    ],
    [
      "returns noTarget when nothing matches a filter that does not describe an element",
      {
        given: { operation: { op: "add", path: 'emails[value co "zzz"].display', value: "x" } },
        want: { error: { status: 400, scimType: "noTarget" } },
      },
    ],
    [
      "sets a sub-attribute on every element when a multi-valued path has no filter",
      {
        given: { operation: { op: "add", path: "emails.display", value: "E" } },
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
        given: { operation: { op: "add", path: "ims.value", value: "ann-chat" } },
        want: { attributes: { ims: [{ value: "ann-chat" }] }, changed: ["ims"] },
      },
    ],
    [
      "accepts a readOnly attribute re-sent with its current value",
      {
        given: { operation: { op: "add", path: "id", value: "u-1" } },
        want: { attributes: { id: "u-1" }, changed: [] },
      },
    ],
  ];
  it.each(cases)("%s", (_, { given, want }) => run(given, want));
});

describe("add: errors", () => {
  const cases: [string, { given: Given; want: Want }][] = [
    [
      "returns invalidValue without a value",
      { given: { operation: { op: "add", path: "nickName" } }, want: { error: invalidValue } },
    ],
    [
      "returns invalidValue for a null value",
      { given: { operation: { op: "add", path: "nickName", value: null } }, want: { error: invalidValue } },
    ],
    [
      "returns invalidValue for a value of the wrong type",
      { given: { operation: { op: "add", path: "active", value: "yes" } }, want: { error: invalidValue } },
    ],
    [
      "returns invalidValue for a string where a complex value is expected",
      { given: { operation: { op: "add", path: "name", value: "Ann" } }, want: { error: invalidValue } },
    ],
    [
      "returns invalidValue for a sub-attribute the schema does not define inside a value",
      {
        given: { operation: { op: "add", path: "name", value: { nick: "A" } } },
        want: { error: invalidValue },
      },
    ],
    [
      "returns invalidValue for a sub-attribute named twice in different case",
      {
        given: { operation: { op: "add", path: "name", value: { givenName: "A", GIVENNAME: "B" } } },
        want: { error: invalidValue },
      },
    ],
    [
      "returns invalidPath for an unknown attribute",
      { given: { operation: { op: "add", path: "nope", value: "x" } }, want: { error: invalidPath } },
    ],
    [
      "returns invalidPath for an unknown sub-attribute",
      { given: { operation: { op: "add", path: "name.nope", value: "x" } }, want: { error: invalidPath } },
    ],
    [
      "returns invalidPath for an unknown sub-attribute after a value filter",
      {
        given: { operation: { op: "add", path: 'emails[type eq "work"].nope', value: "x" } },
        want: { error: invalidPath },
      },
    ],
    [
      "returns invalidPath for an unknown schema URN",
      {
        given: { operation: { op: "add", path: "urn:example:Nope:thing", value: "x" } },
        want: { error: invalidPath },
      },
    ],
    [
      "returns invalidPath for a malformed path",
      {
        given: { operation: { op: "add", path: "name..givenName", value: "x" } },
        want: { error: invalidPath },
      },
    ],
    [
      "returns mutability for a readOnly attribute with another value",
      { given: { operation: { op: "add", path: "id", value: "u-2" } }, want: { error: mutability } },
    ],
    [
      "returns mutability for adding to the readOnly groups",
      {
        given: { operation: { op: "add", path: "groups", value: [{ value: "g-2" }] } },
        want: { error: mutability },
      },
    ],
    [
      "returns mutability for a readOnly sub-attribute named by the path",
      {
        given: { operation: { op: "add", path: `${E}:manager.displayName`, value: "X" } },
        want: { error: mutability },
      },
    ],
    [
      "returns mutability for a different meta",
      {
        given: { operation: { op: "add", path: "meta", value: { created: "2020-01-01T00:00:00Z" } } },
        want: { error: mutability },
      },
    ],
  ];
  it.each(cases)("%s", (_, { given, want }) => run(given, want));
});

describe("add on Group members (immutable sub-attributes, RFC 7643 §4.2)", () => {
  const [ann, bob] = group.members;
  const cases: [string, { given: Given; want: Want }][] = [
    [
      "adds a new member and drops the readOnly display",
      {
        given: { operation: { op: "add", path: "members", value: [{ value: "u-3", display: "cat" }] } },
        want: { attributes: { members: [ann, bob, { value: "u-3" }] }, changed: ["members"] },
      },
    ],
    [
      "skips a member whose value is already present",
      {
        given: { operation: { op: "add", path: "members", value: [{ value: "u-2", type: "User" }] } },
        want: { attributes: { members: [ann, bob] }, changed: [] },
      },
    ],
    [
      "sets an immutable sub-attribute that has no value yet",
      {
        given: { operation: { op: "add", path: 'members[value eq "u-2"].type', value: "User" } },
        want: { attributes: { members: [ann, { value: "u-2", type: "User" }] }, changed: ["members"] },
      },
    ],
    [
      "returns mutability for changing an immutable sub-attribute",
      {
        given: { operation: { op: "add", path: 'members[value eq "u-1"].value', value: "u-7" } },
        want: { error: mutability },
      },
    ],
    [
      "returns invalidValue for a member with nothing but a readOnly display",
      {
        given: { operation: { op: "add", path: "members", value: [{ display: "ghost" }] } },
        want: { error: invalidValue },
      },
    ],
  ];
  it.each(cases)("%s", (_, { given, want }) =>
    run({ ...given, resource: group, schema: groupResourceSchema }, want),
  );
});
