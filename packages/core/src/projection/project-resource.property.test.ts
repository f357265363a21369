import { ScimUrn } from "@scimkit/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { userResourceSchema } from "../schema/resource-schemas.js";
import { ScimError } from "../scim-error.js";
import { validateResource } from "../validation/validate-resource.js";
import { parseAttributeList } from "./attribute-list.js";
import { projectResource } from "./project-resource.js";

const U = ScimUrn.User;
const E = ScimUrn.EnterpriseUser;

/** Stored users: a validated body plus what the server adds (id, meta) and what a careless store keeps (password). */
const storedUser = fc
  .record(
    {
      userName: fc.string({ minLength: 1 }),
      displayName: fc.string(),
      active: fc.boolean(),
      name: fc.record({ givenName: fc.string(), familyName: fc.string() }, { requiredKeys: [] }),
      emails: fc.array(fc.record({ value: fc.string(), type: fc.constantFrom("work", "home") }), {
        maxLength: 3,
      }),
      [E]: fc.record(
        { employeeNumber: fc.string(), manager: fc.record({ value: fc.string() }) },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ["userName"] },
  )
  .chain((body) =>
    fc.record({ id: fc.uuid(), password: fc.string() }).map(
      ({ id, password }): Record<string, unknown> => ({
        ...validateResource({ schemas: [U], ...body }, userResourceSchema).resource,
        id,
        password,
        meta: { resourceType: "User" },
      }),
    ),
  );

const names = [
  "id",
  "schemas",
  "password",
  "userName",
  "PASSWORD",
  "name.givenName",
  "emails.value",
  "meta",
  E,
  `${E}:manager.value`,
  U,
  "nick",
];
const list = fc.option(
  fc.subarray(names, { minLength: 1 }).map((picked) => picked.join(",")),
  { nil: undefined },
);

describe("projectResource properties", () => {
  it("never returns password and always returns id and schemas", () => {
    fc.assert(
      fc.property(storedUser, list, list, (user, attributes, excludedAttributes) => {
        const projected = projectResource(user, userResourceSchema, {
          attributes: parseAttributeList(attributes),
          excludedAttributes: parseAttributeList(excludedAttributes),
        });
        expect(projected).not.toHaveProperty("password");
        expect(projected.id).toBe(user.id);
        expect(projected.schemas).toEqual(user.schemas);
      }),
      { numRuns: 200 },
    );
  });

  it("returns the validated resource unchanged by default, with id and meta", () => {
    fc.assert(
      fc.property(storedUser, (user) => {
        const { password: _password, ...expected } = user;
        expect(projectResource(user, userResourceSchema)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it("throws nothing but ScimError on random attribute lists", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseAttributeList(text);
        } catch (error) {
          expect(error).toBeInstanceOf(ScimError);
          expect((error as ScimError).scimType).toBe("invalidValue");
        }
      }),
      { numRuns: 300 },
    );
  });
});
