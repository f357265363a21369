import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupResourceSchema, userResourceSchema } from "../schema/resource-schemas.js";
import {
  booleanColumn,
  dateTimeColumn,
  keyColumn,
  type ResourceMapping,
  textColumn,
} from "./resource-mapping.js";
import { columnFor, recordToScim, scimToRecord } from "./storage-record.js";

/** An app's users table: indexed columns, email rows, the rest as a document. */
const userMapping: ResourceMapping = {
  schema: userResourceSchema,
  columns: [
    textColumn("id", "id"),
    textColumn("external_id", "externalId"),
    textColumn("user_name", "userName"),
    keyColumn("user_name_key", "userName"),
    textColumn("display_name", "displayName"),
    keyColumn("display_name_key", "displayName"),
    booleanColumn("active", "active"),
    textColumn("user_type", "userType"),
    dateTimeColumn("created_at", "meta.created"),
    dateTimeColumn("updated_at", "meta.lastModified"),
    textColumn("version", "meta.version"),
  ],
  valueRows: [
    {
      attribute: "emails",
      fields: [
        { subAttribute: "value", column: "value_key", fold: true },
        { subAttribute: "type", column: "type_key", fold: true },
        { subAttribute: "primary", column: "is_primary", fold: false },
      ],
    },
  ],
  storedElsewhere: ["groups"],
};

/** An app's groups table; members are rows elsewhere. */
const groupMapping: ResourceMapping = {
  schema: groupResourceSchema,
  columns: [
    textColumn("id", "id"),
    textColumn("display_name", "displayName"),
    keyColumn("display_name_key", "displayName"),
  ],
  valueRows: [],
  storedElsewhere: ["members"],
};

const user = {
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
  id: "2819c223",
  externalId: "00ujl29u0le5T6Aj10h7",
  userName: "Ünal+Test@Example.com",
  name: { givenName: "Ünal", familyName: "Yıldız" },
  displayName: "Ünal Y.",
  active: false,
  emails: [
    { value: "Ünal+Test@Example.com", type: "Work", primary: true },
    { value: "home@example.com", type: "home" },
  ],
  meta: { created: "2026-11-01T09:00:00.000Z", lastModified: "2026-11-02T09:00:00.000Z", version: 'W/"3"' },
};

describe("scimToRecord", () => {
  it("puts mapped attributes in columns, folding the lookup keys", () => {
    const { columns } = scimToRecord(userMapping, user);
    expect(columns).toEqual({
      id: "2819c223",
      external_id: "00ujl29u0le5T6Aj10h7",
      user_name: "Ünal+Test@Example.com",
      user_name_key: "ünal+test@example.com",
      display_name: "Ünal Y.",
      display_name_key: "ünal y.",
      active: 0,
      user_type: null,
      created_at: "2026-11-01T09:00:00.000Z",
      updated_at: "2026-11-02T09:00:00.000Z",
      version: 'W/"3"',
    });
  });

  it("keeps only unmapped attributes in the document, and no emptied meta", () => {
    const { document } = scimToRecord(userMapping, user);
    expect(document).toEqual({ schemas: user.schemas, name: user.name, emails: user.emails });
  });

  it("writes one row per email with folded value and type", () => {
    expect(scimToRecord(userMapping, user).valueRows.emails).toEqual([
      { value_key: "ünal+test@example.com", type_key: "work", is_primary: 1 },
      { value_key: "home@example.com", type_key: "home", is_primary: null },
    ]);
  });

  it("keeps group members out of the document: they are stored as rows elsewhere", () => {
    const group = {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      id: "g1",
      displayName: "Ops",
      members: [{ value: "u1" }],
    };
    const record = scimToRecord(groupMapping, group);
    expect(record.document).toEqual({ schemas: group.schemas });
    expect(record.columns.display_name_key).toBe("ops");
  });
});

describe("recordToScim", () => {
  it("restores the resource from columns and document", () => {
    const { columns, document } = scimToRecord(userMapping, user);
    expect(recordToScim(userMapping, columns, document)).toEqual(user);
  });

  it("round-trips random users", () => {
    const optionalText = fc.option(fc.string({ minLength: 1 }), { nil: undefined });
    const arbitraryUser = fc.record(
      {
        id: fc.uuid(),
        userName: fc.string({ minLength: 1 }),
        externalId: optionalText,
        displayName: optionalText,
        userType: optionalText,
        active: fc.option(fc.boolean(), { nil: undefined }),
        name: fc.option(fc.record({ givenName: fc.string(), familyName: fc.string() }), { nil: undefined }),
        title: optionalText,
      },
      { requiredKeys: ["id", "userName"] },
    );
    fc.assert(
      fc.property(arbitraryUser, (generated) => {
        const resource = Object.fromEntries(
          Object.entries(generated).filter(([, value]) => value !== undefined),
        );
        const { columns, document } = scimToRecord(userMapping, resource);
        expect(recordToScim(userMapping, columns, document)).toEqual(resource);
      }),
      { numRuns: 200 },
    );
  });
});

describe("columnFor", () => {
  it.each([
    ["userName, case-insensitively", { given: ["userName", true], want: "user_name_key" }],
    ["userName as stored", { given: ["userName", false], want: "user_name" }],
    ["externalId (case-exact: no key column)", { given: ["externalId", true], want: "external_id" }],
    ["meta.lastModified", { given: ["meta.lastModified", false], want: "updated_at" }],
    ["an attribute of the document", { given: ["name.givenName", true], want: undefined }],
  ] as const)("finds the column for %s", (_name, { given: [attribute, folded], want }) => {
    expect(columnFor(userMapping, attribute, folded)?.column).toBe(want);
  });
});
