import { ScimUrn } from "@scimkit/types";
import fc from "fast-check";

/**
 * The hostile values the HTTP fuzz is built from: odd strings, broken JSON, filters from a
 * grammar that is right, nearly right and wrong, PATCH operations and SCIM resources whose
 * attributes have the right or the wrong types.
 */

/** SQL metacharacters and injection attempts for both dialects. */
const sqlish = [
  "'",
  '"',
  "\\",
  "%",
  "_",
  "';--",
  "' or '1'='1",
  '" or 1=1 --',
  "'); drop table users; --",
  "1; select pg_sleep(0)",
  "x' union select token_hash from tokens --",
  "%' escape '\\",
  "$1",
  "?",
  "*/ /*",
  "json_extract(document, '$')",
];

/** Unicode that trips up case folding, normalisation, JSON and byte handling. */
const oddUnicode = [
  "\u0000",
  "a\u0000b",
  "\u202eRTL",
  "\uFEFF",
  "\u200d\u200b",
  "e\u0301",
  "é",
  "İı",
  "ß",
  "\u2028\u2029",
  "😀👩‍👩‍👧",
  "\ud800",
  "\udfff",
  "Ω".repeat(300),
  "\u0007\u001b[31m",
  "\r\n",
];

/** A short string: printable, any code point, control characters, or one of the hostile samples. */
export const shortString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string(), weight: 3 },
  { arbitrary: fc.string({ unit: "binary" }), weight: 2 },
  { arbitrary: fc.string({ unit: "binary-ascii" }), weight: 1 },
  { arbitrary: fc.constantFrom(...sqlish, ...oddUnicode), weight: 3 },
);

/** Any string, now and then a long one (10 k or 100 k characters). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: shortString, weight: 20 },
  { arbitrary: fc.constantFrom(10_000, 100_000).map((n) => "x".repeat(n)), weight: 1 },
);

/** A value for a header: fetch sends only printable Latin-1. */
export const headerText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "grapheme-ascii", maxLength: 60 }),
  fc.constantFrom("*", 'W/"1"', '"1"', 'W/"999"', "W/", 'W/"1", W/"2"', "", ",,,"),
);

/** Any JSON value, with hostile strings in it. */
export const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 3 },
  { arbitrary: fc.jsonValue({ maxDepth: 2, stringUnit: "binary" }), weight: 1 },
  { arbitrary: hostileString, weight: 2 },
  { arbitrary: fc.constantFrom(0, -1, 1e308, -0, 2 ** 53 + 1, true, false, null, [], {}), weight: 1 },
);

/** Deeply nested arrays or objects as JSON text, deeper than any recursive walk should go unguarded. */
export const deepJsonText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(64, 1_000, 20_000, 100_000), fc.boolean())
  .map(([depth, objects]) =>
    objects ? `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}` : `${"[".repeat(depth)}${"]".repeat(depth)}`,
  );

/** A long array of small values (at most about 1 MB of JSON), to try limits on multi-valued attributes. */
export const hugeArray: fc.Arbitrary<unknown[]> = fc
  .tuple(
    fc.constantFrom(1_000, 10_000, 60_000),
    fc.constantFrom(null, 1, "x", { value: "v" }, [], { type: 1 }),
  )
  .map(([length, item]) => Array.from({ length }, (_, i) => (item === null ? { value: String(i) } : item)));

/** A body's text from a value: its JSON, or that JSON truncated, padded or otherwise broken. */
export function bodyText(value: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: value.map((v) => JSON.stringify(v) ?? "null"), weight: 30 },
    {
      arbitrary: fc.tuple(value, fc.nat()).map(([v, cut]) => {
        const text = JSON.stringify(v) ?? "";
        return text.slice(0, text.length === 0 ? 0 : cut % text.length);
      }),
      weight: 3,
    },
    { arbitrary: value.map((v) => `${JSON.stringify(v)}${"}"}`), weight: 1 },
    { arbitrary: value.map((v) => `\uFEFF${JSON.stringify(v)}`), weight: 1 },
    { arbitrary: value.map((v) => `${JSON.stringify(v)}\u0000`), weight: 1 },
    { arbitrary: deepJsonText, weight: 1 },
    { arbitrary: hostileString, weight: 1 },
    {
      arbitrary: fc.constant(`{"schemas":["${ScimUrn.User}"],"userName":"${"x".repeat(1_100_000)}"}`),
      weight: 1,
    },
    {
      arbitrary: fc.constantFrom(
        "",
        " ",
        "null",
        "[]",
        "1",
        '"x"',
        "{",
        '{"schemas":',
        `{"userName":"a@x.io","userName":"b@x.io","schemas":["${ScimUrn.User}"]}`,
        "{'single': 'quotes'}",
        "NaN",
      ),
      weight: 2,
    },
  );
}

/** Attribute paths of Users and Groups: valid, nearly valid, and not paths at all. */
export const attributePath: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "userName",
    "UserName",
    "displayName",
    "name.givenName",
    "name",
    "emails",
    "emails.value",
    "emails.type",
    "phoneNumbers.value",
    "meta.created",
    "meta.lastModified",
    "id",
    "externalId",
    "active",
    "title",
    "members",
    "members.value",
    "members.display",
    "groups.value",
    "password",
    `${ScimUrn.EnterpriseUser}:employeeNumber`,
    `${ScimUrn.EnterpriseUser}:manager.value`,
    `${ScimUrn.User}:userName`,
    "urn:x:y:z",
    "a.b.c.d",
    "emails[",
    "emails]",
    "x",
    "",
    "tenant_id",
    "document",
  ),
  hostileString.filter((s) => s.length < 200),
);

const compareOp = fc.oneof(
  fc.constantFrom("eq", "ne", "co", "sw", "ew", "gt", "lt", "ge", "le"),
  fc.constantFrom("EQ", "Eq", "like", "=", "==", "in", "regex"),
);

/** A filter literal: quoted strings (escaped or not), numbers, booleans, null, dates, junk. */
const filterLiteral: fc.Arbitrary<string> = fc.oneof(
  hostileString.filter((s) => s.length < 300).map((s) => JSON.stringify(s)),
  hostileString.filter((s) => s.length < 300).map((s) => `"${s}"`),
  fc.constantFrom("1", "-1.5e3", "1e999", "true", "false", "null", '"2026-01-01T00:00:00Z"', "unquoted", '"'),
);

type FilterTree = { filter: string; comparison: string };

/** Filters from the RFC 7644 §3.4.2.2 grammar, with wrong pieces mixed in. */
const filterTree = fc.letrec<FilterTree>((tie) => ({
  comparison: fc.oneof(
    fc.tuple(attributePath, compareOp, filterLiteral).map(([path, op, value]) => `${path} ${op} ${value}`),
    attributePath.map((path) => `${path} pr`),
    fc
      .tuple(attributePath, tie("filter"))
      .map(([path, inner]) => `${path}[${inner}]`)
      .filter((text) => text.length < 2_000),
  ),
  filter: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tie("comparison"),
    fc
      .tuple(tie("filter"), fc.constantFrom("and", "or", "AND", "Or", "xor", ""), tie("filter"))
      .map(([left, op, right]) => `${left} ${op} ${right}`),
    tie("filter").map((inner) => `not (${inner})`),
    tie("filter").map((inner) => `(${inner})`),
  ),
}));

/** A filter that is valid, broken, deeply nested or long (just under and over the length limit). */
export const filterText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: filterTree.filter, weight: 6 },
  { arbitrary: hostileString.filter((s) => s.length < 1_000), weight: 2 },
  {
    arbitrary: fc
      .constantFrom(10, 500, 4_000)
      .map((depth) => `${"(".repeat(depth)}userName eq "a"${")".repeat(depth)}`),
    weight: 1,
  },
  {
    arbitrary: fc
      .constantFrom(10, 300, 2_000)
      .map((n) => Array.from({ length: n }, (_, i) => `emails[value eq "${i}"]`).join(" or ")),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(200, 2_000).map((n) => `${"not (".repeat(n)}id pr${")".repeat(n)}`),
    weight: 1,
  },
);

/** One PATCH operation (RFC 7644 §3.5.2) with any op, path and value. */
export const patchOperation = fc.record(
  {
    op: fc.oneof(
      fc.constantFrom("add", "replace", "remove", "Add", "Replace", "REMOVE"),
      fc.constantFrom("copy", "move", "test", "", "delete"),
      jsonValue,
    ),
    path: fc.oneof(
      attributePath,
      filterText.map((f) => `emails[${f}].value`),
      filterText.map((f) => `members[${f}]`),
      jsonValue,
    ),
    value: fc.oneof(jsonValue, hugeArray),
  },
  { requiredKeys: [] },
);

/** A PatchOp message, right or wrong. */
export const patchBody = fc.record(
  {
    schemas: fc.oneof(fc.constant([ScimUrn.PatchOp]), jsonValue),
    Operations: fc.oneof(
      { arbitrary: fc.array(patchOperation, { maxLength: 4 }), weight: 5 },
      {
        arbitrary: fc.constantFrom(1_000, 20_000).map((n) => Array(n).fill({ op: "remove", path: "title" })),
        weight: 1,
      },
      { arbitrary: jsonValue, weight: 1 },
    ),
  },
  { requiredKeys: [] },
);

/** A value that is sometimes of the right shape (`good`) and sometimes anything at all. */
export function maybe<T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: good, weight: 3 }, { arbitrary: jsonValue, weight: 1 });
}
