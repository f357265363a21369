import { describe, expect, it } from "vitest";
import { attribute } from "../../test/support.js";
import type { ResourceSchema } from "../schema/resource-schemas.js";
import { ScimError } from "../scim-error.js";
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

const W = "urn:example:scim:schemas:Widget";
const WX = "urn:example:scim:schemas:WidgetExtension";
/** A resource type with every attribute type (RFC 7643 §2.3) and the characteristics the stock schemas leave out. */
const widgetSchema: ResourceSchema = {
  name: "Widget",
  core: {
    id: W,
    attributes: [
      attribute("label", "string", { required: true }),
      attribute("count", "integer"),
      attribute("ratio", "decimal"),
      attribute("seenAt", "dateTime"),
      attribute("blob", "binary"),
      attribute("link", "reference"),
      attribute("tags", "string", { multiValued: true }),
      attribute("spec", "complex", {
        subAttributes: [attribute("size", "integer", { required: true }), attribute("shape", "string")],
      }),
    ],
  },
  extensions: [
    {
      id: WX,
      attributes: [
        attribute("code", "string", { required: true }),
        attribute("pin", "string", { mutability: "writeOnly" }),
      ],
    },
  ],
};
const widget = (body: Record<string, unknown>) => ({ schemas: [W], label: "w", ...body });

describe("validateResource on a custom schema", () => {
  const accepted: [
    string,
    { given: unknown; want: { resource: Record<string, unknown>; writeOnly: string[] } },
  ][] = [
    [
      "accepts every attribute type, wrapping a single value of a multi-valued one",
      {
        given: widget({
          count: 3,
          ratio: 0.5,
          seenAt: "2010-01-23T04:56:22Z",
          blob: "aGk=",
          link: "https://x/1",
          tags: "one",
          spec: { size: 2 },
        }),
        want: {
          resource: widget({
            count: 3,
            ratio: 0.5,
            seenAt: "2010-01-23T04:56:22Z",
            blob: "aGk=",
            link: "https://x/1",
            tags: ["one"],
            spec: { size: 2 },
          }),
          writeOnly: [],
        },
      },
    ],
    [
      "counts a required writeOnly extension attribute as present when given, and drops it",
      {
        given: widget({ [WX]: { code: "c", pin: "1234" } }),
        want: { resource: { schemas: [W, WX], label: "w", [WX]: { code: "c" } }, writeOnly: [`${WX}:pin`] },
      },
    ],
  ];
  it.each(accepted)("%s", (_name, { given, want }) => {
    expect(validateResource(given, widgetSchema)).toEqual(want);
  });

  const invalidValue = { status: 400, scimType: "invalidValue" };
  const rejected: [string, { given: unknown; want: { status: number; scimType: string } }][] = [
    ["rejects a fractional integer", { given: widget({ count: 1.5 }), want: invalidValue }],
    ["rejects a string decimal", { given: widget({ ratio: "0.5" }), want: invalidValue }],
    [
      "rejects a dateTime without zone",
      { given: widget({ seenAt: "2010-01-23T04:56:22" }), want: invalidValue },
    ],
    ["rejects a non-base64 binary", { given: widget({ blob: "%%%" }), want: invalidValue }],
    ["rejects a number for a reference", { given: widget({ link: 1 }), want: invalidValue }],
    [
      "rejects a missing required sub-attribute",
      { given: widget({ spec: { shape: "round" } }), want: invalidValue },
    ],
    [
      "rejects a missing required attribute of an extension in use",
      { given: widget({ [WX]: { pin: "1" } }), want: invalidValue },
    ],
    [
      "rejects a missing required attribute of a listed extension",
      { given: { schemas: [W, WX], label: "w" }, want: invalidValue },
    ],
    ["rejects a missing required core attribute", { given: { schemas: [W] }, want: invalidValue }],
  ];
  it.each(rejected)("%s", (_name, { given, want }) => {
    expect(errorOf(() => validateResource(given, widgetSchema))).toEqual(want);
  });
});
