/**
 * One check per value rule for POST/PUT validation and PATCH values: both call normaliseScalar
 * (src/validation/scalar-values.ts: isXsdDateTime for dateTime, safe integers for integer) and
 * assertOnePrimary (src/validation/attribute-values.ts, RFC 7643 §2.4).
 */
import { describe, expect, it } from "vitest";
import type { ResourceSchema } from "../../src/schema/resource-schemas.js";
import { attribute } from "../support.js";
import { invalidValue, type Outcome, outcomeOf, viaPatch, viaValidation } from "./both-paths.js";

/** A resource type with a writable dateTime and integer; the stock schemas have neither. */
const device: ResourceSchema = {
  name: "Device",
  core: {
    id: "urn:example:scim:schemas:Device",
    attributes: [attribute("seenAt", "dateTime"), attribute("ports", "integer")],
  },
  extensions: [],
};

/** The ways a value reaches an attribute of a device: a POST or PUT body, and PATCH with and without path. */
const devicePaths = (name: string): [string, (value: unknown) => unknown][] => [
  ["POST/PUT body", (value) => viaValidation({ [name]: value }, device)[name]],
  ["PATCH add with path", (value) => viaPatch([{ op: "add", path: name, value }], {}, device)[name]],
  [
    "PATCH replace without path",
    (value) => viaPatch([{ op: "replace", value: { [name]: value } }], {}, device)[name],
  ],
];

describe("dateTime values (RFC 7643 §2.3.5): isXsdDateTime on every path", () => {
  const cases: [string, { given: unknown; want: Outcome }][] = [
    ["keeps UTC", { given: "2008-01-23T04:56:22Z", want: { value: "2008-01-23T04:56:22Z" } }],
    [
      "keeps an offset and fractions",
      { given: "2011-05-13T04:42:34.123+02:00", want: { value: "2011-05-13T04:42:34.123+02:00" } },
    ],
    [
      "keeps the largest offset",
      { given: "2011-05-13T04:42:34-14:00", want: { value: "2011-05-13T04:42:34-14:00" } },
    ],
    ["rejects a value without time zone", { given: "2011-05-13T04:42:34", want: invalidValue }],
    ["rejects lower-case t and z", { given: "2011-05-13t04:42:34z", want: invalidValue }],
    ["rejects an offset beyond 14 hours", { given: "2011-05-13T04:42:34+14:30", want: invalidValue }],
    ["rejects 30 February", { given: "2024-02-30T00:00:00Z", want: invalidValue }],
    ["rejects hour 24", { given: "2024-02-01T24:00:00Z", want: invalidValue }],
    ["rejects a date alone", { given: "2024-02-01", want: invalidValue }],
    ["rejects a number", { given: 1_700_000_000, want: invalidValue }],
  ];
  describe.each(devicePaths("seenAt"))("through %s", (_path, run) => {
    it.each(cases)("%s", (_name, { given, want }) => {
      expect(outcomeOf(() => run(given))).toEqual(want);
    });
  });
});

describe("integer values (RFC 7643 §2.3.4): safe integers on every path", () => {
  const cases: [string, { given: unknown; want: Outcome }][] = [
    ["keeps an integer", { given: 443, want: { value: 443 } }],
    ["keeps a negative integer", { given: -1, want: { value: -1 } }],
    ["keeps the largest safe integer", { given: 2 ** 53 - 1, want: { value: 2 ** 53 - 1 } }],
    ["rejects an integer JSON cannot carry exactly", { given: 2 ** 53, want: invalidValue }],
    ["rejects a fraction", { given: 1.5, want: invalidValue }],
    ["rejects a numeric string", { given: "443", want: invalidValue }],
  ];
  describe.each(devicePaths("ports"))("through %s", (_path, run) => {
    it.each(cases)("%s", (_name, { given, want }) => {
      expect(outcomeOf(() => run(given))).toEqual(want);
    });
  });
});

describe("at most one primary value (RFC 7643 §2.4): assertOnePrimary on every path", () => {
  const email = (value: string, primary?: unknown) => ({
    value,
    ...(primary === undefined ? {} : { primary }),
  });
  const cases: [string, { given: unknown[]; want: Outcome }][] = [
    [
      "keeps one primary value",
      {
        given: [email("a@x.io", true), email("b@x.io")],
        want: { value: [email("a@x.io", true), email("b@x.io")] },
      },
    ],
    [
      "keeps values that are all not primary",
      {
        given: [email("a@x.io", false), email("b@x.io", false)],
        want: { value: [email("a@x.io", false), email("b@x.io", false)] },
      },
    ],
    [
      "rejects two primary values",
      { given: [email("a@x.io", true), email("b@x.io", true)], want: invalidValue },
    ],
    [
      'rejects two primary values given as Entra\'s "True"',
      { given: [email("a@x.io", "True"), email("b@x.io", true)], want: invalidValue },
    ],
  ];
  const paths: [string, (value: unknown[]) => unknown][] = [
    ["POST/PUT body", (value) => viaValidation({ emails: value }).emails],
    ["PATCH add emails", (value) => viaPatch([{ op: "add", path: "emails", value }]).emails],
    ["PATCH replace emails", (value) => viaPatch([{ op: "replace", path: "emails", value }]).emails],
    ["PATCH replace without path", (value) => viaPatch([{ op: "replace", value: { emails: value } }]).emails],
  ];
  describe.each(paths)("through %s", (_path, run) => {
    it.each(cases)("%s", (_name, { given, want }) => {
      expect(outcomeOf(() => run(given))).toEqual(want);
    });
  });
});
