import { describe, expect, it } from "vitest";
import { ScimError } from "../scim-error.js";
import {
  coerceEntraBooleanString,
  isXsdDateTime,
  normaliseBase64,
  normaliseScalar,
  type ScalarType,
} from "./scalar-values.js";

function errorOf(run: () => unknown): { status: number; scimType: string | undefined } | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return { status: error.status, scimType: error.scimType };
    throw error;
  }
  return undefined;
}

describe("isXsdDateTime", () => {
  const cases: [string, { given: string; want: boolean }][] = [
    ["accepts UTC", { given: "2008-01-23T04:56:22Z", want: true }],
    ["accepts fractional seconds", { given: "2011-05-13T04:42:34.123Z", want: true }],
    ["accepts a positive offset", { given: "2011-05-13T04:42:34+02:00", want: true }],
    ["accepts the largest offset", { given: "2011-05-13T04:42:34-14:00", want: true }],
    ["accepts 29 February of a leap year", { given: "2024-02-29T00:00:00Z", want: true }],
    ["accepts 29 February of a 400-year leap year", { given: "2000-02-29T00:00:00Z", want: true }],
    ["rejects 29 February of a century", { given: "1900-02-29T00:00:00Z", want: false }],
    ["rejects 29 February of a common year", { given: "2023-02-29T00:00:00Z", want: false }],
    ["rejects 31 April", { given: "2023-04-31T00:00:00Z", want: false }],
    ["accepts 31 December", { given: "2023-12-31T23:59:59Z", want: true }],
    ["rejects month 13", { given: "2023-13-01T00:00:00Z", want: false }],
    ["rejects month 0", { given: "2023-00-01T00:00:00Z", want: false }],
    ["rejects day 0", { given: "2023-01-00T00:00:00Z", want: false }],
    ["rejects hour 24", { given: "2023-01-01T24:00:00Z", want: false }],
    ["rejects minute 60", { given: "2023-01-01T00:60:00Z", want: false }],
    ["rejects second 60", { given: "2023-01-01T00:00:60Z", want: false }],
    ["rejects an offset beyond 14 hours", { given: "2023-01-01T00:00:00+14:30", want: false }],
    ["rejects offset minutes of 60", { given: "2023-01-01T00:00:00+01:60", want: false }],
    ["rejects a missing time zone", { given: "2023-01-01T00:00:00", want: false }],
    ["rejects a date alone", { given: "2023-01-01", want: false }],
    ["rejects a space for T", { given: "2023-01-01 00:00:00Z", want: false }],
    ["rejects prose", { given: "yesterday", want: false }],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(isXsdDateTime(given)).toBe(want);
  });
});

describe("normaliseBase64", () => {
  const cases: [string, { given: string; want: string | undefined }][] = [
    ["keeps padded base64", { given: "aGVsbG8=", want: "aGVsbG8=" }],
    ["keeps the empty string", { given: "", want: "" }],
    ["removes an LF line break", { given: "aGVs\nbG8=", want: "aGVsbG8=" }],
    ["removes CRLF line breaks and a trailing one", { given: "aGVs\r\nbG8=\r\n", want: "aGVsbG8=" }],
    ["removes spaces and tabs", { given: " aGVs\tbG8= ", want: "aGVsbG8=" }],
    ["rejects a wrong length", { given: "aGVsbG8", want: undefined }],
    ["rejects base64url characters", { given: "a-_b", want: undefined }],
    ["rejects padding in the middle", { given: "aG=sbG8=", want: undefined }],
    ["rejects three padding characters", { given: "a===", want: undefined }],
    ["rejects other white space", { given: "aGVs\u00a0bG8=", want: undefined }],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(normaliseBase64(given)).toBe(want);
  });
});

describe("coerceEntraBooleanString", () => {
  const cases: [string, { given: unknown; want: unknown }][] = [
    ['turns Entra\'s "True" into true', { given: "True", want: true }],
    ['turns Entra\'s "False" into false', { given: "False", want: false }],
    ["ignores case", { given: "tRUE", want: true }],
    ["keeps other strings", { given: "yes", want: "yes" }],
    ["keeps booleans", { given: false, want: false }],
    ["keeps numbers", { given: 1, want: 1 }],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(coerceEntraBooleanString(given)).toBe(want);
  });
});

describe("normaliseScalar", () => {
  const accepted: [string, { given: [ScalarType, unknown]; want: unknown }][] = [
    ["keeps a string as sent", { given: ["string", " Babs "], want: " Babs " }],
    ["keeps a reference string", { given: ["reference", "../Users/1"], want: "../Users/1" }],
    ["keeps a boolean", { given: ["boolean", true], want: true }],
    ['coerces "False" to a boolean', { given: ["boolean", "False"], want: false }],
    ["keeps an integer", { given: ["integer", -3], want: -3 }],
    ["keeps an integral decimal", { given: ["decimal", 2], want: 2 }],
    ["keeps a fractional decimal", { given: ["decimal", 2.5], want: 2.5 }],
    [
      "keeps a dateTime string",
      { given: ["dateTime", "2010-01-23T04:56:22Z"], want: "2010-01-23T04:56:22Z" },
    ],
    ["keeps a base64 string", { given: ["binary", "aGk="], want: "aGk=" }],
    ["joins MIME-wrapped base64", { given: ["binary", "aGVs\r\nbG8="], want: "aGVsbG8=" }],
  ];
  it.each(accepted)("%s", (_name, { given: [type, value], want }) => {
    expect(normaliseScalar(type, value, "x")).toBe(want);
  });

  const rejected: [string, { given: [ScalarType, unknown] }][] = [
    ["rejects a number for a string", { given: ["string", 1] }],
    ["rejects an object for a reference", { given: ["reference", {}] }],
    ["rejects a non-boolean string for a boolean", { given: ["boolean", "yes"] }],
    ["rejects 1 for a boolean", { given: ["boolean", 1] }],
    ["rejects a fraction for an integer", { given: ["integer", 1.5] }],
    ["rejects a numeric string for an integer", { given: ["integer", "1"] }],
    ["rejects NaN for a decimal", { given: ["decimal", Number.NaN] }],
    ["rejects Infinity for a decimal", { given: ["decimal", Number.POSITIVE_INFINITY] }],
    ["rejects a string for a decimal", { given: ["decimal", "1.5"] }],
    ["rejects a dateTime without zone", { given: ["dateTime", "2010-01-23T04:56:22"] }],
    ["rejects a number for a dateTime", { given: ["dateTime", 0] }],
    ["rejects non-base64 binary", { given: ["binary", "not base64!"] }],
    ["rejects null for a string", { given: ["string", null] }],
  ];
  it.each(rejected)("%s as invalidValue", (_name, { given: [type, value] }) => {
    expect(errorOf(() => normaliseScalar(type, value, "x"))).toEqual({
      status: 400,
      scimType: "invalidValue",
    });
  });

  it("names the attribute path and never echoes the value", () => {
    try {
      normaliseScalar("boolean", "s3cret-password", "emails.primary");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScimError);
      expect((error as ScimError).detail).toContain('"emails.primary"');
      expect((error as ScimError).detail).not.toContain("s3cret");
    }
  });
});
