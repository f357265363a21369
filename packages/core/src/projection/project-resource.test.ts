import { type SchemaAttribute, ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { groupResourceSchema, type ResourceSchema, userResourceSchema } from "../schema/resource-schemas.js";
import { parseAttributeList } from "./attribute-list.js";
import { compileProjection, projectResource } from "./project-resource.js";

const U = ScimUrn.User;
const E = ScimUrn.EnterpriseUser;
const G = ScimUrn.Group;

const meta = {
  resourceType: "User",
  created: "2010-01-23T04:56:22Z",
  location: "https://example.com/v2/Users/1",
};
const manager = { value: "m1", displayName: "John Smith" };
const emails = [{ value: "bjensen@example.com", type: "work", primary: true }, { value: "babs@jensen.org" }];
const stored = {
  schemas: [U, E],
  id: "1",
  externalId: "701984",
  userName: "bjensen",
  name: { familyName: "Jensen", givenName: "Barbara" },
  displayName: "Babs Jensen",
  emails,
  password: "t1meMa$heen",
  groups: [{ value: "g1", display: "Tour Guides" }],
  [E]: { employeeNumber: "701984", manager },
  meta,
};
const { password: _password, ...withoutPassword } = stored;
const base = { schemas: [U, E], id: "1" };

/** `attributes` / `excludedAttributes` query parameters as the server passes them. */
type Query = { attributes?: string; excludedAttributes?: string };
const project = (resource: Record<string, unknown>, schema: ResourceSchema, query: Query) =>
  projectResource(resource, schema, {
    attributes: parseAttributeList(query.attributes),
    excludedAttributes: parseAttributeList(query.excludedAttributes),
  });

describe("projectResource on users", () => {
  const cases: [string, { given: Query; want: Record<string, unknown> }][] = [
    ["returns every default attribute but never the password", { given: {}, want: withoutPassword }],
    [
      "returns only schemas, id and the named attribute",
      { given: { attributes: "userName" }, want: { ...base, userName: "bjensen" } },
    ],
    [
      "matches names case-insensitively",
      {
        given: { attributes: "USERNAME,DisplayName" },
        want: { ...base, userName: "bjensen", displayName: "Babs Jensen" },
      },
    ],
    [
      "returns only the named sub-attribute",
      { given: { attributes: "name.givenName" }, want: { ...base, name: { givenName: "Barbara" } } },
    ],
    [
      "returns the named sub-attribute of each value",
      {
        given: { attributes: "emails.value" },
        want: { ...base, emails: [{ value: emails[0]?.value }, { value: emails[1]?.value }] },
      },
    ],
    [
      "drops values without the named sub-attribute",
      { given: { attributes: "emails.type" }, want: { ...base, emails: [{ type: "work" }] } },
    ],
    [
      "returns the whole attribute when it and a sub-attribute are named",
      { given: { attributes: "name.givenName,name" }, want: { ...base, name: stored.name } },
    ],
    [
      "returns the whole extension when its URN is named",
      { given: { attributes: E }, want: { ...base, [E]: stored[E] } },
    ],
    [
      "returns an extension attribute under its URN",
      { given: { attributes: `${E}:employeeNumber` }, want: { ...base, [E]: { employeeNumber: "701984" } } },
    ],
    [
      "returns an extension sub-attribute",
      { given: { attributes: `${E}:manager.value` }, want: { ...base, [E]: { manager: { value: "m1" } } } },
    ],
    [
      "resolves an unqualified extension attribute",
      { given: { attributes: "employeeNumber" }, want: { ...base, [E]: { employeeNumber: "701984" } } },
    ],
    [
      "returns every core attribute when the core URN is named",
      { given: { attributes: U }, want: (({ [E]: _, ...core }) => core)(withoutPassword) },
    ],
    [
      "returns a meta sub-attribute",
      { given: { attributes: "meta.created" }, want: { ...base, meta: { created: meta.created } } },
    ],
    ["never returns the password, even when named", { given: { attributes: "password" }, want: base }],
    ["returns id when named, as always", { given: { attributes: "id" }, want: base }],
    [
      "ignores unknown names in attributes",
      { given: { attributes: "nick,name.nick,urn:example:x:y" }, want: base },
    ],
    [
      "leaves out an excluded attribute",
      {
        given: { excludedAttributes: "emails,groups" },
        want: (({ emails: _e, groups: _g, ...rest }) => rest)(withoutPassword),
      },
    ],
    [
      "leaves out an excluded sub-attribute",
      {
        given: { excludedAttributes: "name.givenName" },
        want: { ...withoutPassword, name: { familyName: "Jensen" } },
      },
    ],
    [
      "leaves out an excluded extension",
      { given: { excludedAttributes: E }, want: (({ [E]: _, ...rest }) => rest)(withoutPassword) },
    ],
    [
      "leaves an extension out when all its attributes are excluded",
      {
        given: { excludedAttributes: `${E}:employeeNumber,${E}:manager` },
        want: (({ [E]: _, ...rest }) => rest)(withoutPassword),
      },
    ],
    [
      "leaves out meta when excluded",
      { given: { excludedAttributes: "meta" }, want: (({ meta: _, ...rest }) => rest)(withoutPassword) },
    ],
    [
      "returns id even when excluded, as always",
      { given: { excludedAttributes: "id" }, want: withoutPassword },
    ],
    [
      "ignores unknown names in excludedAttributes",
      { given: { excludedAttributes: "nick" }, want: withoutPassword },
    ],
    [
      "lets attributes win when both lists are given",
      {
        given: { attributes: "userName", excludedAttributes: "userName" },
        want: { ...base, userName: "bjensen" },
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(project(stored, userResourceSchema, given)).toEqual(want);
  });

  it("orders keys like the RFC 7643 §8 examples: schemas, id, externalId, core, extensions, meta", () => {
    expect(Object.keys(projectResource(stored, userResourceSchema))).toEqual([
      "schemas",
      "id",
      "externalId",
      "userName",
      "name",
      "displayName",
      "emails",
      "groups",
      E,
      "meta",
    ]);
  });

  it("never mutates the input and shares nothing with it", () => {
    const input = structuredClone(stored);
    const projected = projectResource(input, userResourceSchema);
    (projected.name as Record<string, unknown>).givenName = "Changed";
    (projected.schemas as string[]).push("x");
    expect(input).toEqual(stored);
  });
});

describe("projectResource on unusual data", () => {
  const cases: [string, { given: Record<string, unknown>; want: Record<string, unknown> }][] = [
    [
      "derives schemas when the resource has none",
      {
        given: { id: "1", [E]: { division: "x" } },
        want: { schemas: [U, E], id: "1", [E]: { division: "x" } },
      },
    ],
    [
      "drops keys no schema defines",
      { given: { schemas: [U], id: "1", secretColumn: "x" }, want: { schemas: [U], id: "1" } },
    ],
    [
      "drops null values",
      {
        given: { schemas: [U], id: "1", displayName: null, name: { givenName: null } },
        want: { schemas: [U], id: "1" },
      },
    ],
    [
      "drops a non-object where a complex value belongs",
      { given: { schemas: [U], id: "1", name: "Babs", [E]: "x" }, want: { schemas: [U], id: "1" } },
    ],
    [
      "keeps a single complex value where an array belongs",
      {
        given: { schemas: [U], id: "1", emails: { value: "a" } },
        want: { schemas: [U], id: "1", emails: { value: "a" } },
      },
    ],
    [
      "drops sub-attributes no schema defines",
      {
        given: { schemas: [U], id: "1", emails: [{ value: "a", secret: 1 }] },
        want: { schemas: [U], id: "1", emails: [{ value: "a" }] },
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(projectResource(given, userResourceSchema)).toEqual(want);
  });
});

describe("compileProjection", () => {
  it("compiles once and projects every resource of a page (Entra: excludedAttributes=members)", () => {
    const projection = compileProjection(groupResourceSchema, {
      excludedAttributes: parseAttributeList("members"),
    });
    const groups = [1, 2, 3].map((n) => ({
      schemas: [G],
      id: `g${n}`,
      displayName: `G${n}`,
      members: [{ value: "u1" }],
    }));
    expect(groups.map(projection)).toEqual(groups.map(({ members: _, ...group }) => group));
  });

  it("projects without options like projectResource", () => {
    expect(compileProjection(userResourceSchema)(stored)).toEqual(withoutPassword);
  });
});

const attribute = (
  name: string,
  returned: SchemaAttribute["returned"],
  subAttributes?: SchemaAttribute[],
): SchemaAttribute => ({
  name,
  type: subAttributes === undefined ? "string" : "complex",
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned,
  uniqueness: "none",
  ...(subAttributes === undefined ? {} : { subAttributes }),
});

const K = "urn:example:scim:schemas:Kit";
const KX = "urn:example:scim:schemas:KitExtension";
/** Every `returned` characteristic on attributes, sub-attributes and an extension (RFC 7643 §2.4). */
const kitSchema: ResourceSchema = {
  name: "Kit",
  core: {
    id: K,
    attributes: [
      attribute("plain", "default"),
      attribute("secret", "never"),
      attribute("token", "request"),
      attribute("stamp", "always"),
      attribute("box", "default", [
        attribute("a", "default"),
        attribute("b", "request"),
        attribute("c", "always"),
        attribute("d", "never"),
      ]),
      attribute("vault", "never", [attribute("e", "always")]),
      attribute("extra", "request", [attribute("f", "default")]),
    ],
  },
  extensions: [{ id: KX, attributes: [attribute("note", "default"), attribute("hint", "request")] }],
};
const kit = {
  schemas: [K, KX],
  id: "k1",
  plain: "p",
  secret: "s",
  token: "t",
  stamp: "st",
  box: { a: "a", b: "b", c: "c", d: "d" },
  vault: { e: "e" },
  extra: { f: "f" },
  [KX]: { note: "n", hint: "h" },
};
const kitBase = { schemas: [K, KX], id: "k1", stamp: "st", box: { c: "c" } };

describe("projectResource by returned characteristic", () => {
  const cases: [string, { given: Query; want: Record<string, unknown> }][] = [
    [
      "returns default and always, not request or never",
      { given: {}, want: { ...kitBase, plain: "p", box: { a: "a", c: "c" }, [KX]: { note: "n" } } },
    ],
    [
      "returns a request attribute when named",
      { given: { attributes: "token" }, want: { ...kitBase, token: "t" } },
    ],
    [
      "returns a request extension attribute when named",
      { given: { attributes: `${KX}:hint` }, want: { ...kitBase, [KX]: { hint: "h" } } },
    ],
    [
      "does not return request attributes for a named schema URN",
      { given: { attributes: KX }, want: { ...kitBase, [KX]: { note: "n" } } },
    ],
    [
      "returns a request complex attribute when named",
      { given: { attributes: "extra" }, want: { ...kitBase, extra: { f: "f" } } },
    ],
    [
      "returns always sub-attributes even when not named",
      { given: { attributes: "plain" }, want: { ...kitBase, plain: "p" } },
    ],
    [
      "returns default and always sub-attributes of a named parent",
      { given: { attributes: "box" }, want: { ...kitBase, box: { a: "a", c: "c" } } },
    ],
    [
      "returns a request sub-attribute when named",
      { given: { attributes: "box.b" }, want: { ...kitBase, box: { b: "b", c: "c" } } },
    ],
    ["never returns a never sub-attribute", { given: { attributes: "box.d" }, want: kitBase }],
    [
      "never returns a never attribute's always sub-attribute",
      { given: { attributes: "vault.e" }, want: kitBase },
    ],
    [
      "keeps always sub-attributes of an excluded parent",
      { given: { excludedAttributes: "box" }, want: { ...kitBase, plain: "p", [KX]: { note: "n" } } },
    ],
    [
      "keeps an excluded always attribute",
      {
        given: { excludedAttributes: "stamp,box.c" },
        want: { ...kitBase, plain: "p", box: { a: "a", c: "c" }, [KX]: { note: "n" } },
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(project(kit, kitSchema, given)).toEqual(want);
  });
});
