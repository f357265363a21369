/**
 * One "same value" for PUT and PATCH: a PUT's immutable check (validateResource with `existing`,
 * RFC 7644 §3.5.1) and PATCH's "no change" (guardChange, RFC 7644 §3.5.2) both call
 * sameAttributeValue (src/validation/same-value.ts), so re-sending an immutable value is accepted,
 * and changing it refused, alike on both.
 */
import { describe, expect, it } from "vitest";
import type { ResourceSchema } from "../../src/schema/resource-schemas.js";
import { validateResource } from "../../src/validation/validate-resource.js";
import { attribute } from "../support.js";
import { type Outcome, outcomeOf, viaPatch } from "./both-paths.js";

const D = "urn:example:scim:schemas:Device";
const immutable = { mutability: "immutable" } as const;
/** A resource type whose attributes are immutable, one of each kind the comparison treats apart. */
const device: ResourceSchema = {
  name: "Device",
  core: {
    id: D,
    attributes: [
      attribute("serial", "string", immutable),
      attribute("code", "string", { ...immutable, caseExact: true }),
      attribute("link", "reference", immutable),
      attribute("blob", "binary", immutable),
      attribute("ports", "integer", { ...immutable, multiValued: true }),
      attribute("spec", "complex", { ...immutable, subAttributes: [attribute("shape", "string")] }),
    ],
  },
  extensions: [],
};

const existing = {
  schemas: [D],
  serial: "SN-1",
  code: "AbC",
  link: "https://x.example/Devices/1",
  blob: "QUJD",
  ports: [80, 443],
  spec: { shape: "Round" },
};

const accepted: Outcome = { value: "accepted" };
const mutability: Outcome = { error: { status: 400, scimType: "mutability" } };

const cases: [string, { given: [string, unknown]; want: Outcome }][] = [
  ["accepts the same string", { given: ["serial", "SN-1"], want: accepted }],
  ["accepts a caseExact:false string in another case", { given: ["serial", "sn-1"], want: accepted }],
  ["refuses another string", { given: ["serial", "SN-2"], want: mutability }],
  ["refuses a caseExact:true string in another case", { given: ["code", "abc"], want: mutability }],
  ["accepts a reference in another case", { given: ["link", "HTTPS://X.EXAMPLE/Devices/1"], want: accepted }],
  [
    "refuses binary in another case (base64 is case-significant)",
    { given: ["blob", "qujd"], want: mutability },
  ],
  ["accepts multi-valued values in another order", { given: ["ports", [443, 80]], want: accepted }],
  ["refuses another multi-valued value", { given: ["ports", [80]], want: mutability }],
  [
    "accepts a complex value with a sub-attribute in another case",
    { given: ["spec", { shape: "round" }], want: accepted },
  ],
  ["refuses another complex value", { given: ["spec", { shape: "Square" }], want: mutability }],
];

/** PUT: the whole resource again, with one attribute as given. PATCH: replace of that attribute. */
const paths: [string, (name: string, value: unknown) => unknown][] = [
  [
    "PUT",
    (name, value) => validateResource({ ...existing, [name]: value }, device, { existing }) && "accepted",
  ],
  [
    "PATCH replace with path",
    (name, value) => viaPatch([{ op: "replace", path: name, value }], existing, device) && "accepted",
  ],
  [
    "PATCH replace without path",
    (name, value) => viaPatch([{ op: "replace", value: { [name]: value } }], existing, device) && "accepted",
  ],
];

describe.each(paths)("immutable values through %s (RFC 7643 §2.2)", (_path, run) => {
  it.each(cases)("%s", (_name, { given: [name, value], want }) => {
    expect(outcomeOf(() => run(name, value))).toEqual(want);
  });
});
