import { ScimUrn } from "@scimkit/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupResourceSchema, userResourceSchema } from "../schema/resource-schemas.js";
import { ScimError } from "../scim-error.js";
import { validateResource } from "./validate-resource.js";

const U = ScimUrn.User;
const E = ScimUrn.EnterpriseUser;

/** A key in random letter case: attribute names are case-insensitive (RFC 7643 §2.1). */
const anyCase = (name: string) =>
  fc
    .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
    .map((upper) =>
      [...name].map((char, index) => (upper[index] ? char.toUpperCase() : char.toLowerCase())).join(""),
    );

const optionalEntry = <T>(key: string, value: fc.Arbitrary<T>) =>
  fc.option(fc.tuple(anyCase(key), value), { nil: undefined });

const email = fc.record(
  {
    value: fc.string(),
    type: fc.constantFrom("work", "home", "other"),
    primary: fc.constantFrom(false, "False", "false"),
    display: fc.string(),
  },
  { requiredKeys: ["value"] },
);

const enterprise = fc.record(
  {
    employeeNumber: fc.string(),
    department: fc.string(),
    manager: fc.record({ value: fc.string(), displayName: fc.string() }),
  },
  { requiredKeys: [] },
);

/** Valid users as clients send them: random case, readOnly and writeOnly parts, "True", flat or nested extensions. */
const validUser = fc
  .record({
    userName: fc.string({ minLength: 1 }),
    entries: fc.tuple(
      optionalEntry("displayName", fc.oneof(fc.string(), fc.constant(null))),
      optionalEntry("active", fc.constantFrom(true, false, "True", "FALSE")),
      optionalEntry(
        "name",
        fc.record({ givenName: fc.string(), familyName: fc.string() }, { requiredKeys: [] }),
      ),
      optionalEntry("emails", fc.array(email, { maxLength: 3 })),
      optionalEntry("password", fc.string()),
      optionalEntry("id", fc.uuid()),
      optionalEntry("groups", fc.array(fc.record({ value: fc.uuid() }), { maxLength: 2 })),
      optionalEntry("meta", fc.record({ resourceType: fc.constant("User"), created: fc.string() })),
    ),
    primaryEmail: fc.boolean(),
    extension: fc.option(fc.tuple(fc.boolean(), enterprise), { nil: undefined }),
  })
  .map(({ userName, entries, primaryEmail, extension }) => {
    const user: Record<string, unknown> = { schemas: [U], userName };
    for (const entry of entries) if (entry !== undefined) user[entry[0]] = entry[1];
    const emails = user.emails ?? user.EMAILS;
    if (primaryEmail && Array.isArray(emails) && emails.length > 0)
      emails[0] = { ...emails[0], primary: "True" };
    if (extension !== undefined) {
      const [flat, values] = extension;
      if (!flat) user[E] = values;
      else for (const [key, value] of Object.entries(values)) user[`${E}:${key}`] = value;
    }
    return user;
  });

describe("validateResource properties", () => {
  it("is idempotent on valid users", () => {
    fc.assert(
      fc.property(validUser, (input) => {
        const once = validateResource(input, userResourceSchema).resource;
        expect(validateResource(once, userResourceSchema)).toEqual({ resource: once, writeOnly: [] });
      }),
      { numRuns: 200 },
    );
  });

  it("accepts its own output as an unchanged replacement", () => {
    fc.assert(
      fc.property(validUser, (input) => {
        const once = validateResource(input, userResourceSchema).resource;
        expect(validateResource(input, userResourceSchema, { existing: once }).resource).toEqual(once);
      }),
      { numRuns: 100 },
    );
  });

  it("throws nothing but ScimError on random JSON", () => {
    const keys = fc.constantFrom(
      "schemas",
      "userName",
      "name",
      "emails",
      "active",
      "members",
      "displayName",
      E,
      `${E}:manager`,
      "meta",
      "__proto__",
      "constructor",
    );
    const value = fc.jsonValue({ maxDepth: 3 });
    const body = fc.oneof(
      value,
      fc.dictionary(keys, value, { maxKeys: 5 }),
      fc.dictionary(keys, value, { maxKeys: 5 }).map((body) => ({ ...body, schemas: [U, E] })),
    );
    fc.assert(
      fc.property(
        body,
        fc.constantFrom(userResourceSchema, groupResourceSchema),
        fc.boolean(),
        (input, schema, requireSchemas) => {
          try {
            validateResource(input, schema, { requireSchemas });
          } catch (error) {
            expect(error).toBeInstanceOf(ScimError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
