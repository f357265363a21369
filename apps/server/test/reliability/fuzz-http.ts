import fc from "fast-check";
import { attributePath, filterText, headerText, hostileString } from "./fuzz-values.js";

// The HTTP parts of fuzzed requests: authorization, content types, other headers, query strings, ids.

/** Authorization headers: mostly the tenant's SCIM token, else wrong, revoked, foreign or malformed ones. */
export const scimAuth = fc.oneof(
  { arbitrary: fc.constant("Bearer {scim}"), weight: 16 },
  {
    arbitrary: fc.constantFrom(
      "",
      "Bearer",
      "Bearer ",
      "bearer {scim}",
      "Bearer \t{scim}",
      "Bearer {scim} x",
      "Bearer {scim}x",
      "Bearer {scim}=",
      "{scim}",
      "Basic dXNlcjpwYXNz",
      "Bearer {admin}",
      "Bearer {revoked}",
      "Bearer {foreignScim}",
      "Bearer scimkit_",
      "Bearer scimkit_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ),
    weight: 2,
  },
  { arbitrary: headerText.map((text) => `Bearer ${text}`), weight: 1 },
);

/** The same for the app API, whose token has the admin scope. */
export const adminAuth = scimAuth.map((auth) => auth.replaceAll("{scim}", "{admin}"));

/** Content types: mostly the two accepted ones, else wrong or malformed. */
export const contentType = fc.oneof(
  { arbitrary: fc.constant("application/scim+json"), weight: 12 },
  { arbitrary: fc.constant("application/json"), weight: 4 },
  {
    arbitrary: fc.constantFrom(
      "",
      "text/plain",
      "application/xml",
      "application/json; charset=utf-8",
      "application/scim+json; charset=ISO-8859-1",
      "application/json; charset=utf-16",
      "multipart/form-data; boundary=x",
      "application/x-www-form-urlencoded",
      "application/json, text/plain",
      "*/*",
      "application/scim+jsonx",
    ),
    weight: 2,
  },
  { arbitrary: headerText, weight: 1 },
);

/** Conditional and other headers a request may carry besides authorization and content type. */
export const extraHeaders = fc.oneof(
  { arbitrary: fc.constant({}), weight: 5 },
  {
    arbitrary: fc.record(
      {
        "if-match": fc.oneof(headerText, fc.constant('W/"1"')),
        "if-none-match": headerText,
        accept: fc.oneof(headerText, fc.constantFrom("application/scim+json", "text/html", "*/*")),
        "x-request-id": headerText,
      },
      { requiredKeys: [] },
    ),
    weight: 1,
  },
);

const queryValue = fc.oneof(
  filterText,
  hostileString.filter((s) => s.length < 500),
  fc.integer().map(String),
  fc.constantFrom("0", "-1", "1", "1000000", "99999999999999999999", "1.5", " 2", "0x10", ""),
  fc.constantFrom("ascending", "descending", "userName", "emails.value", "members", "id,userName"),
  attributePath,
);

/** encodeURIComponent, with lone surrogates (which it refuses) made U+FFFD first. */
export function encode(text: string): string {
  return encodeURIComponent(
    text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"),
  );
}

/** The query parameters of SCIM list requests (RFC 7644 §3.4.2). */
export const LIST_PARAMS = [
  "filter",
  "startIndex",
  "count",
  "sortBy",
  "sortOrder",
  "attributes",
  "excludedAttributes",
];

/** A query string with known and unknown names, repeated names, hostile and raw values (under 8 KB). */
export function queryString(names: readonly string[]): fc.Arbitrary<string> {
  const pair = fc.tuple(fc.constantFrom(...names, "FILTER", "x", ""), queryValue, fc.boolean());
  return fc.array(pair, { maxLength: 5 }).map((pairs) => {
    if (pairs.length === 0) return "";
    const text = pairs
      .map(([name, value, raw]) => `${name}=${raw ? value.replace(/[#&]/g, "") : encode(value)}`)
      .join("&");
    return `?${text.slice(0, 8_000)}`;
  });
}

/** A path segment standing for an id: the fixtures, other tenants' ids, or anything at all. */
export function idSegment(own: string, other: string): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constant(own), weight: 10 },
    { arbitrary: fc.constantFrom(other, "{foreignUser}", "{foreignGroup}"), weight: 2 },
    { arbitrary: fc.uuid(), weight: 1 },
    {
      arbitrary: hostileString.filter((s) => s.length > 0 && s.length < 1_000).map(encode),
      weight: 2,
    },
    {
      arbitrary: fc.constantFrom(".search", "%2e%2e", "..%2F..", "%00", "%", "%zz", "a%2Fb", " "),
      weight: 1,
    },
  );
}
