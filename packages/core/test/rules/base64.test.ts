/// <reference types="node" />
/**
 * One base64 rule (RFC 7643 §2.3.6, RFC 4648 §4) for POST/PUT and PATCH: both call
 * normaliseBase64 (src/validation/scalar-values.ts) through normaliseScalar, so a MIME-wrapped
 * certificate is accepted, and stored as one line, whichever way it arrives.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { invalidValue, type Outcome, outcomeOf, viaPatch, viaValidation } from "./both-paths.js";

/** The certificate of the RFC 7643 §8.2 sample user, one line of base64. */
const sample = JSON.parse(
  readFileSync(new URL("../../../../spec/examples/rfc7643-8.2-user-full.json", import.meta.url), "utf8"),
) as { x509Certificates: [{ value: string }] };
const der = sample.x509Certificates[0].value;

/** `text` broken into lines of `width` characters, as PEM (64) and MIME (76) encoders write it. */
const wrap = (text: string, width: number, eol: string): string =>
  (text.match(new RegExp(`.{1,${width}}`, "g")) ?? []).join(eol);

const cases: [string, { given: string; want: Outcome }][] = [
  ["keeps one line of base64", { given: der, want: { value: der } }],
  ["joins a PEM body wrapped at 64 with CRLF", { given: wrap(der, 64, "\r\n"), want: { value: der } }],
  ["joins a MIME body wrapped at 76 with LF", { given: wrap(der, 76, "\n"), want: { value: der } }],
  ["drops a final line break", { given: `${wrap(der, 64, "\n")}\n`, want: { value: der } }],
  ["rejects base64url", { given: der.replaceAll("+", "-"), want: invalidValue }],
  ["rejects the PEM armour lines", { given: `-----BEGIN CERTIFICATE-----\n${der}`, want: invalidValue }],
  ["rejects a truncated value", { given: der.slice(0, -1), want: invalidValue }],
];

const certificateOf = (resource: Record<string, unknown>): unknown =>
  (resource.x509Certificates as { value?: unknown }[] | undefined)?.[0]?.value;

/** The ways a certificate reaches a user: a POST or PUT body, and three PATCH forms. */
const paths: [string, (value: string) => unknown][] = [
  ["POST/PUT body", (value) => certificateOf(viaValidation({ x509Certificates: [{ value }] }))],
  [
    "PATCH add x509Certificates",
    (value) => certificateOf(viaPatch([{ op: "add", path: "x509Certificates", value: [{ value }] }])),
  ],
  [
    "PATCH replace without path",
    (value) => certificateOf(viaPatch([{ op: "replace", value: { x509Certificates: [{ value }] } }])),
  ],
  [
    'PATCH replace x509Certificates[type eq "work"].value',
    (value) =>
      certificateOf(
        viaPatch([{ op: "replace", path: 'x509Certificates[type eq "work"].value', value }], {
          userName: "ann",
          x509Certificates: [{ value: "AAAA", type: "work" }],
        }),
      ),
  ],
];

describe.each(paths)("binary values through %s (RFC 7643 §2.3.6)", (_path, run) => {
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(outcomeOf(() => run(given))).toEqual(want);
  });
});
