/**
 * Group PATCH forms beyond the IdPs' documented ones (RFC 7644 §3.5.2): value filters on other
 * sub-attributes of `members` and fully qualified attribute names (§3.10). group-patch.ts plans the
 * common forms as row changes and applies the rest to the full resource; either way the members a
 * request names must change, or the request must fail — never a 204 that did nothing.
 */
import { formatContractViolation } from "@scimkit/conformance";
import { ScimUrn } from "@scimkit/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type IdpHarness, startIdpHarness } from "../idp/idp-harness.js";
import { createGroup, createUser, memberValues, type PatchOperation, patchGroup } from "./group-helpers.js";

let idp: IdpHarness;
beforeEach(async () => {
  idp = await startIdpHarness("scimkit-group-patch-forms");
});
afterEach(async () => {
  expect(idp.server.violations.map(formatContractViolation)).toEqual([]);
  await idp.close();
});

type Users = { ann: string; bob: string; cat: string };

const membersAttribute = `${ScimUrn.Group}:members`;

const cases: [string, { given: (u: Users) => PatchOperation; want: (u: Users) => string[] }][] = [
  [
    "removes the member a members[display eq] filter matches (display as GET shows it)",
    { given: () => ({ op: "remove", path: 'members[display eq "Ann Lee"]' }), want: (u) => [u.bob] },
  ],
  [
    'removes every member with members[type eq "User"] (type as GET shows it)',
    { given: () => ({ op: "remove", path: 'members[type eq "User"]' }), want: () => [] },
  ],
  [
    "removes by members[value eq] and type eq together",
    {
      given: (u) => ({ op: "remove", path: `members[value eq "${u.bob}" and type eq "User"]` }),
      want: (u) => [u.ann],
    },
  ],
  [
    "adds with the fully qualified path urn:…:Group:members",
    {
      given: (u) => ({ op: "add", path: membersAttribute, value: [{ value: u.cat }] }),
      want: (u) => [u.ann, u.bob, u.cat],
    },
  ],
  [
    "adds with a fully qualified members key in a value without path",
    {
      given: (u) => ({ op: "add", value: { [membersAttribute]: [{ value: u.cat }] } }),
      want: (u) => [u.ann, u.bob, u.cat],
    },
  ],
  [
    "replaces with a fully qualified members key in a value without path",
    {
      given: (u) => ({ op: "replace", value: { [membersAttribute]: [{ value: u.cat }] } }),
      want: (u) => [u.cat],
    },
  ],
];

describe("Group PATCH forms outside the row plan", () => {
  for (const [name, { given, want }] of cases) {
    it(name, async () => {
      const users = {
        ann: (await createUser(idp.scim, "ann@acme.io", "Ann Lee")).id,
        bob: (await createUser(idp.scim, "bob@acme.io")).id,
        cat: (await createUser(idp.scim, "cat@acme.io")).id,
      };
      const group = await createGroup(idp.scim, "Engineering", [users.ann, users.bob]);
      const result = await patchGroup(idp.scim, group.id, given(users));
      expect(result.error).toBeUndefined();
      expect(await memberValues(idp.scim, group.id)).toEqual(want(users).sort());
      expect(result.etag, "the version moves when members change").not.toBe(group.meta?.version);
    });
  }
});
