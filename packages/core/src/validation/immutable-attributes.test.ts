import { type SchemaAttribute, ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { attribute } from "../../test/support.js";
import { groupResourceSchema, type ResourceSchema } from "../schema/resource-schemas.js";
import { ScimError } from "../scim-error.js";
import { sameAttributeValue } from "./same-value.js";
import { validateResource } from "./validate-resource.js";

function errorOf(run: () => unknown): { status: number; scimType: string } | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return { status: error.status, scimType: error.scimType ?? "" };
    throw error;
  }
  return undefined;
}

const immutable = { mutability: "immutable" } as const;

const D = "urn:example:scim:schemas:Device";
const DX = "urn:example:scim:schemas:DeviceExtension";
/** Immutable attributes of every shape: simple, case-exact, multi-valued, complex, immutable sub-attributes. */
const deviceSchema: ResourceSchema = {
  name: "Device",
  core: {
    id: D,
    attributes: [
      attribute("serial", "string", immutable),
      attribute("code", "string", { ...immutable, caseExact: true }),
      attribute("ports", "string", { ...immutable, multiValued: true }),
      attribute("spec", "complex", {
        ...immutable,
        subAttributes: [attribute("size", "integer"), attribute("shape", "string")],
      }),
      attribute("slot", "complex", {
        subAttributes: [attribute("bay", "string", immutable), attribute("label", "string")],
      }),
      attribute("tags", "complex", {
        multiValued: true,
        subAttributes: [attribute("kind", "string", immutable), attribute("note", "string")],
      }),
      attribute("note", "string"),
    ],
  },
  extensions: [{ id: DX, attributes: [attribute("asset", "string", immutable)] }],
};

const G = ScimUrn.Group;
const group = (members: unknown[]) => ({ schemas: [G], id: "g1", displayName: "Tour Guides", members });
const existingGroup = group([
  { value: "u1", type: "User", $ref: "https://example.com/v2/Users/u1" },
  { value: "u2", type: "User" },
]);
const device = (body: Record<string, unknown>) => ({ schemas: [D], ...body });

describe("validateResource with existing (replace, RFC 7644 §3.5.1)", () => {
  const accepted: [string, { given: [ResourceSchema, unknown, Record<string, unknown>] }][] = [
    ["accepts a group re-sent unchanged", { given: [groupResourceSchema, existingGroup, existingGroup] }],
    [
      "accepts members re-sent without the derived $ref and type (Okta PUT)",
      {
        given: [
          groupResourceSchema,
          group([{ value: "u1", display: "Babs" }, { value: "u2" }]),
          existingGroup,
        ],
      },
    ],
    [
      "accepts a member swapped for another by PUT",
      { given: [groupResourceSchema, group([{ value: "u3", type: "Group" }]), existingGroup] },
    ],
    ["accepts removing every member", { given: [groupResourceSchema, group([]), existingGroup] }],
    [
      "accepts the same immutable value",
      { given: [deviceSchema, device({ serial: "A1" }), device({ serial: "A1" })] },
    ],
    [
      "accepts a case change where caseExact is false",
      { given: [deviceSchema, device({ serial: "a1" }), device({ serial: "A1" })] },
    ],
    [
      "accepts setting an immutable attribute that had no value",
      { given: [deviceSchema, device({ serial: "A1" }), device({ note: "x" })] },
    ],
    [
      "accepts multi-valued immutable values in another order",
      { given: [deviceSchema, device({ ports: ["b", "a"] }), device({ ports: ["a", "b"] })] },
    ],
    [
      "accepts an immutable complex value re-sent",
      {
        given: [
          deviceSchema,
          device({ spec: { shape: "round", size: 2 } }),
          device({ spec: { size: 2, shape: "round" } }),
        ],
      },
    ],
    [
      "accepts an immutable sub-attribute left out",
      { given: [deviceSchema, device({ slot: { label: "top" } }), device({ slot: { bay: "1" } })] },
    ],
    [
      "accepts a whole complex attribute left out",
      { given: [deviceSchema, device({}), device({ slot: { bay: "1" } })] },
    ],
    [
      "accepts a multi-valued complex attribute without value sub-attribute",
      { given: [deviceSchema, device({ tags: [{ kind: "b" }] }), device({ tags: [{ kind: "a" }] })] },
    ],
    [
      "ignores readOnly attributes of existing",
      { given: [groupResourceSchema, group([]), { ...group([]), id: "other", meta: { version: 'W/"1"' } }] },
    ],
    [
      "accepts the same extension value",
      { given: [deviceSchema, device({ [DX]: { asset: "7" } }), device({ [DX]: { asset: "7" } })] },
    ],
  ];
  it.each(accepted)("%s", (_name, { given: [schema, input, existing] }) => {
    expect(errorOf(() => validateResource(input, schema, { existing }))).toBeUndefined();
  });

  const mutability = { status: 400, scimType: "mutability" };
  const rejected: [string, { given: [ResourceSchema, unknown, Record<string, unknown>] }][] = [
    [
      "rejects changing a member's type",
      { given: [groupResourceSchema, group([{ value: "u1", type: "Group" }]), existingGroup] },
    ],
    [
      "rejects changing a member's $ref, matching members case-insensitively",
      {
        given: [
          groupResourceSchema,
          group([{ value: "U1", $ref: "https://example.com/v2/Users/u9" }]),
          existingGroup,
        ],
      },
    ],
    [
      "rejects a different immutable value",
      { given: [deviceSchema, device({ serial: "B2" }), device({ serial: "A1" })] },
    ],
    [
      "rejects leaving out an immutable value",
      { given: [deviceSchema, device({}), device({ serial: "A1" })] },
    ],
    [
      "rejects a case change where caseExact is true",
      { given: [deviceSchema, device({ code: "x" }), device({ code: "X" })] },
    ],
    [
      "rejects a multi-valued immutable value with one value less",
      { given: [deviceSchema, device({ ports: ["a"] }), device({ ports: ["a", "b"] })] },
    ],
    [
      "rejects a multi-valued immutable value with one value changed",
      { given: [deviceSchema, device({ ports: ["a", "c"] }), device({ ports: ["a", "b"] })] },
    ],
    [
      "rejects an immutable complex value changed",
      { given: [deviceSchema, device({ spec: { size: 3 } }), device({ spec: { size: 2 } })] },
    ],
    [
      "rejects an immutable sub-attribute changed",
      { given: [deviceSchema, device({ slot: { bay: "2" } }), device({ slot: { bay: "1" } })] },
    ],
    [
      "rejects an immutable extension value changed",
      { given: [deviceSchema, device({ [DX]: { asset: "8" } }), device({ [DX]: { asset: "7" } })] },
    ],
  ];
  it.each(rejected)("%s", (_name, { given: [schema, input, existing] }) => {
    expect(errorOf(() => validateResource(input, schema, { existing }))).toEqual(mutability);
  });

  it("names the immutable attribute path", () => {
    expect(() =>
      validateResource(group([{ value: "u1", type: "Group" }]), groupResourceSchema, {
        existing: existingGroup,
      }),
    ).toThrow('"members.type"');
  });
});

describe("sameAttributeValue", () => {
  const tags = deviceSchema.core.attributes.find((candidate) => candidate.name === "tags") as SchemaAttribute;
  const cases: [string, { given: [unknown, unknown]; want: boolean }][] = [
    [
      "matches multi-valued complex values in any order",
      {
        given: [
          [{ kind: "a" }, { kind: "b" }],
          [{ kind: "B" }, { kind: "a" }],
        ],
        want: true,
      },
    ],
    [
      "tells apart duplicates from distinct values",
      {
        given: [
          [{ kind: "a" }, { kind: "a" }],
          [{ kind: "a" }, { kind: "b" }],
        ],
        want: false,
      },
    ],
    ["tells an array from a missing value", { given: [[{ kind: "a" }], undefined], want: false }],
    ["treats two missing values as the same", { given: [undefined, undefined], want: true }],
  ];
  it.each(cases)("%s", (_name, { given: [left, right], want }) => {
    expect(sameAttributeValue(tags, left, right)).toBe(want);
  });
});
