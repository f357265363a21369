/**
 * One normaliser for Entra ID's boolean strings (`"True"` / `"False"`,
 * docs/reference/idp-requests.md#entra-default-job): coerceEntraBooleanString
 * (src/validation/scalar-values.ts), reached by POST/PUT validation and by PATCH values alike.
 */
import { describe, expect, it } from "vitest";
import { invalidValue, type Outcome, outcomeOf, viaPatch, viaValidation } from "./both-paths.js";

const cases: [string, { given: unknown; want: Outcome }][] = [
  ['reads Entra\'s "True" as true', { given: "True", want: { value: true } }],
  ['reads Entra\'s "False" as false', { given: "False", want: { value: false } }],
  ["ignores the case of a boolean string", { given: "fALSE", want: { value: false } }],
  ["keeps a boolean", { given: true, want: { value: true } }],
  ["rejects another string", { given: "yes", want: invalidValue }],
  ["rejects the empty string", { given: "", want: invalidValue }],
  ["rejects a number", { given: 0, want: invalidValue }],
  ["rejects a boolean string with spaces", { given: " True", want: invalidValue }],
];

const primaryOf = (resource: Record<string, unknown>): unknown =>
  (resource.emails as { primary?: unknown }[] | undefined)?.[0]?.primary;

/** The ways a boolean reaches a user: a POST or PUT body, and the PATCH forms Entra and Okta send. */
const paths: [string, (value: unknown) => unknown][] = [
  ["POST/PUT body: active", (value) => viaValidation({ active: value }).active],
  [
    "POST/PUT body: emails[].primary",
    (value) => primaryOf(viaValidation({ emails: [{ value: "a@x.io", primary: value }] })),
  ],
  ["PATCH Replace path active", (value) => viaPatch([{ op: "Replace", path: "active", value }]).active],
  ["PATCH replace without path", (value) => viaPatch([{ op: "replace", value: { active: value } }]).active],
  [
    'PATCH replace emails[type eq "work"].primary',
    (value) =>
      primaryOf(
        viaPatch([{ op: "replace", path: 'emails[type eq "work"].primary', value }], {
          userName: "ann",
          emails: [{ value: "a@x.io", type: "work" }],
        }),
      ),
  ],
  [
    "PATCH add emails with primary",
    (value) =>
      primaryOf(viaPatch([{ op: "add", path: "emails", value: [{ value: "a@x.io", primary: value }] }])),
  ],
];

describe.each(paths)("boolean values through %s (RFC 7643 §2.3.2)", (_path, run) => {
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(outcomeOf(() => run(given))).toEqual(want);
  });
});
