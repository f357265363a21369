import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { ScimError } from "./scim-error.js";

describe("ScimError", () => {
  const cases: [string, { given: ScimError; want: { status: number; scimType?: string } }][] = [
    [
      "invalidFilter is 400",
      { given: ScimError.invalidFilter("x"), want: { status: 400, scimType: "invalidFilter" } },
    ],
    [
      "uniqueness is 409",
      { given: ScimError.uniqueness("x"), want: { status: 409, scimType: "uniqueness" } },
    ],
    ["conflict is 409 without a scimType", { given: ScimError.conflict("x"), want: { status: 409 } }],
    [
      "mutability is 400",
      { given: ScimError.mutability("x"), want: { status: 400, scimType: "mutability" } },
    ],
    ["noTarget is 400", { given: ScimError.noTarget("x"), want: { status: 400, scimType: "noTarget" } }],
    [
      "invalidValue is 400",
      { given: ScimError.invalidValue("x"), want: { status: 400, scimType: "invalidValue" } },
    ],
    ["notFound is 404 without scimType", { given: ScimError.notFound("User", "1"), want: { status: 404 } }],
    ["notImplemented is 501", { given: ScimError.notImplemented("x"), want: { status: 501 } }],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect({ status: given.status, scimType: given.scimType }).toEqual({ scimType: undefined, ...want });
  });

  it("renders the RFC 7644 §3.12 body with status as a string", () => {
    expect(ScimError.uniqueness("userName taken").toBody()).toEqual({
      schemas: [ScimUrn.Error],
      status: "409",
      scimType: "uniqueness",
      detail: "userName taken",
    });
  });

  it("omits scimType from the body when the RFC defines none", () => {
    expect(ScimError.notFound("User", "42").toBody()).not.toHaveProperty("scimType");
  });

  it("keeps status and scimType when the detail changes", () => {
    const error = ScimError.noTarget("x").withDetail("Operations[2]: x");
    expect({ status: error.status, scimType: error.scimType, detail: error.detail }).toEqual({
      status: 400,
      scimType: "noTarget",
      detail: "Operations[2]: x",
    });
  });

  it("keeps internal details out of a 500", () => {
    expect(ScimError.internal().toBody().detail).toBe("An unexpected error occurred.");
  });
});
