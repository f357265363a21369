import { type SchemaAttribute, ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { attribute } from "../../test/support.js";
import type { ResourceSchema } from "../schema/resource-schemas.js";
import { ScimError } from "../scim-error.js";
import { applyScimPatch } from "./patch-apply.js";
import { normalizeElement, normalizeValue } from "./patch-value.js";

function errorOf(run: () => unknown): { status: number; scimType: string | undefined } | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return { status: error.status, scimType: error.scimType };
    throw error;
  }
  return undefined;
}

const invalidValue = { status: 400, scimType: "invalidValue" };

describe("normalizeValue: attribute types (RFC 7643 §2.3)", () => {
  const cases: [string, { given: [SchemaAttribute, unknown]; want: unknown }][] = [
    ["accepts a string", { given: [attribute("s", "string"), "x"], want: "x" }],
    [
      "accepts a reference",
      { given: [attribute("r", "reference"), "https://x.example/a"], want: "https://x.example/a" },
    ],
    ["accepts a boolean", { given: [attribute("b", "boolean"), false], want: false }],
    ["coerces a boolean string", { given: [attribute("b", "boolean"), "fAlSe"], want: false }],
    ["accepts an integer", { given: [attribute("i", "integer"), 42], want: 42 }],
    ["accepts a decimal", { given: [attribute("d", "decimal"), 4.2], want: 4.2 }],
    [
      "accepts a dateTime",
      { given: [attribute("t", "dateTime"), "2026-11-01T09:00:00+01:00"], want: "2026-11-01T09:00:00+01:00" },
    ],
    ["accepts base64 binary", { given: [attribute("x", "binary"), "TWFu"], want: "TWFu" }],
    [
      "keeps null for the caller to read as unassigned",
      { given: [attribute("s", "string"), null], want: null },
    ],
    [
      "wraps a single value of a multi-valued attribute",
      { given: [attribute("m", "string", { multiValued: true }), "a"], want: ["a"] },
    ],
    [
      "keeps null sub-attributes inside a complex value as unassign markers",
      {
        given: [
          attribute("c", "complex", { subAttributes: [attribute("a", "string"), attribute("b", "string")] }),
          { A: null, b: "x" },
        ],
        want: { a: null, b: "x" },
      },
    ],
  ];
  it.each(cases)("%s", (_, { given: [definition, raw], want }) => {
    expect(normalizeValue(definition, raw, "attr")).toEqual(want);
  });

  const invalid: [string, { given: [SchemaAttribute, unknown]; want: typeof invalidValue }][] = [
    ["rejects a number for a string", { given: [attribute("s", "string"), 1], want: invalidValue }],
    [
      "rejects another string for a boolean",
      { given: [attribute("b", "boolean"), "yes"], want: invalidValue },
    ],
    ["rejects a fraction for an integer", { given: [attribute("i", "integer"), 1.5], want: invalidValue }],
    [
      "rejects a numeric string for a decimal",
      { given: [attribute("d", "decimal"), "1.5"], want: invalidValue },
    ],
    [
      "rejects an infinite decimal",
      { given: [attribute("d", "decimal"), Number.POSITIVE_INFINITY], want: invalidValue },
    ],
    [
      "rejects a date without time for a dateTime",
      { given: [attribute("t", "dateTime"), "2026-11-01"], want: invalidValue },
    ],
    [
      "rejects text that is not base64 for binary",
      { given: [attribute("x", "binary"), "not base64!"], want: invalidValue },
    ],
    ["rejects an object for a string", { given: [attribute("s", "string"), { a: 1 }], want: invalidValue }],
    [
      "rejects an array of two for a single value",
      { given: [attribute("s", "string"), ["a", "b"]], want: invalidValue },
    ],
    [
      "rejects null inside a list",
      { given: [attribute("m", "string", { multiValued: true }), ["a", null]], want: invalidValue },
    ],
  ];
  it.each(invalid)("%s", (_, { given: [definition, raw], want }) => {
    expect(errorOf(() => normalizeValue(definition, raw, "attr"))).toEqual(want);
  });

  it("normalises one element of a multi-valued attribute as a single value", () => {
    const tags = attribute("tags", "complex", {
      multiValued: true,
      subAttributes: [attribute("value", "string")],
    });
    expect(normalizeElement(tags, [{ VALUE: "a" }], "tags")).toEqual({ value: "a" });
  });
});

describe("schema mutability beyond the core schemas", () => {
  const D = "urn:example:scim:schemas:Device";
  const device: ResourceSchema = {
    name: "Device",
    core: {
      id: D,
      attributes: [
        attribute("serial", "string", { mutability: "immutable" }),
        attribute("ports", "integer", { multiValued: true }),
        attribute("spec", "complex", {
          subAttributes: [
            attribute("size", "integer", { mutability: "immutable" }),
            attribute("shape", "string"),
          ],
        }),
      ],
    },
    extensions: [],
  };
  const patch = (...operations: unknown[]) => ({ schemas: [ScimUrn.PatchOp], Operations: operations });
  const mutability = { status: 400, scimType: "mutability" };

  const cases: [string, { given: [Record<string, unknown>, unknown]; want: unknown }][] = [
    [
      "sets an immutable attribute that has no value",
      { given: [{}, { op: "add", path: "serial", value: "S1" }], want: { serial: "S1" } },
    ],
    [
      "returns mutability for changing an immutable attribute",
      { given: [{ serial: "S1" }, { op: "replace", path: "serial", value: "S2" }], want: mutability },
    ],
    [
      "returns mutability for removing an immutable attribute",
      { given: [{ serial: "S1" }, { op: "remove", path: "serial" }], want: mutability },
    ],
    [
      "accepts an immutable attribute re-sent in another case",
      { given: [{ serial: "S1" }, { op: "add", path: "serial", value: "s1" }], want: { serial: "S1" } },
    ],
    [
      "appends simple values to a multi-valued attribute, skipping present ones",
      {
        given: [{ ports: [80] }, { op: "add", path: "ports", value: [80, 443] }],
        want: { ports: [80, 443] },
      },
    ],
    [
      "removes listed simple values",
      { given: [{ ports: [80, 443] }, { op: "remove", path: "ports", value: [80] }], want: { ports: [443] } },
    ],
    [
      "returns mutability for an immutable sub-attribute of a single-valued complex attribute",
      {
        given: [{ spec: { size: 1 } }, { op: "replace", path: "spec", value: { size: 2, shape: "round" } }],
        want: mutability,
      },
    ],
    [
      "merges a writable sub-attribute next to an immutable one",
      {
        given: [{ spec: { size: 1 } }, { op: "replace", path: "spec", value: { shape: "round" } }],
        want: { spec: { size: 1, shape: "round" } },
      },
    ],
    [
      "returns invalidPath for a value filter on a multi-valued attribute of simple values",
      {
        given: [{ ports: [80] }, { op: "remove", path: "ports[value eq 80]" }],
        want: { status: 400, scimType: "invalidPath" },
      },
    ],
  ];
  it.each(cases)("%s", (_, { given: [resource, operation], want }) => {
    const run = () => applyScimPatch(resource, patch(operation), device).resource;
    const error = errorOf(run);
    expect(error ?? run()).toEqual(want);
  });
});
