import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { userResourceSchema } from "../schema/resource-schemas.js";
import { changedAttributes } from "./changed-attributes.js";

const E = ScimUrn.EnterpriseUser;
const before = {
  schemas: [ScimUrn.User],
  id: "u-1",
  userName: "ann@example.com",
  name: { givenName: "Ann", familyName: "Lee" },
  emails: [{ value: "ann@example.com", type: "work" }],
  password: "s3cret",
  [E]: { employeeNumber: "7", manager: { value: "u-9" } },
};

describe("changedAttributes", () => {
  const cases: [string, { given: Record<string, unknown>; want: string[] }][] = [
    ["lists nothing for an equal resource", { given: structuredCopy(before), want: [] }],
    [
      "lists a changed top-level attribute",
      { given: { ...before, userName: "ANN@example.com" }, want: ["userName"] },
    ],
    ["lists an added attribute", { given: { ...before, active: false }, want: ["active"] }],
    ["lists a removed attribute", { given: { ...before, emails: undefined }, want: ["emails"] }],
    [
      "lists a multi-valued attribute by name when one element changes",
      { given: { ...before, emails: [{ value: "ann@example.com", type: "home" }] }, want: ["emails"] },
    ],
    [
      "lists changed sub-attributes of a single-valued complex attribute",
      {
        given: { ...before, name: { givenName: "Anne", middleName: "J", familyName: "Lee" } },
        want: ["name.givenName", "name.middleName"],
      },
    ],
    [
      "lists a complex attribute by name when only members outside the schema differ",
      { given: { ...before, name: { ...before.name, nick: "A" } }, want: ["name"] },
    ],
    [
      "lists extension attributes by URN-qualified name",
      {
        given: { ...before, [E]: { employeeNumber: "8", manager: { value: "u-5" } } },
        want: [`${E}:employeeNumber`, `${E}:manager`],
      },
    ],
    [
      "lists the name of a changed secret, never its value",
      { given: { ...before, password: "n3w" }, want: ["password"] },
    ],
    [
      "treats [] and an absent attribute as equal (RFC 7643 §2.5)",
      { given: { ...before, groups: [] }, want: [] },
    ],
    ["ignores members the schemas do not define", { given: { ...before, schemas: [], custom: 1 }, want: [] }],
  ];
  it.each(cases)("%s", (_, { given, want }) => {
    expect(changedAttributes(before, given, userResourceSchema)).toEqual(want);
  });

  it("sorts and de-duplicates the names", () => {
    const after = {
      ...before,
      userName: "x",
      active: true,
      name: { givenName: "B" },
      [E]: { employeeNumber: "1" },
    };
    expect(changedAttributes(before, after, userResourceSchema)).toEqual([
      "active",
      "name.familyName",
      "name.givenName",
      `${E}:employeeNumber`,
      `${E}:manager`,
      "userName",
    ]);
  });
});

function structuredCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
