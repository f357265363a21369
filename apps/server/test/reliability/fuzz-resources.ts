import { ScimUrn } from "@scimkit/types";
import fc from "fast-check";
import {
  attributePath,
  filterText,
  hostileString,
  hugeArray,
  jsonValue,
  maybe,
  patchBody,
  shortString,
} from "./fuzz-values.js";

/**
 * Request bodies in three kinds: valid ones carrying hostile strings where strings are allowed
 * (so they reach the database), valid ones with one member made wrong (so they reach the deeper
 * checks), and anything at all.
 */

/** `value` with the member at `path` ("a/b") set to `wrong`; a new object, the input untouched. */
function withMember(value: Record<string, unknown>, path: string, wrong: unknown): Record<string, unknown> {
  const [head = "", ...rest] = path.split("/");
  if (rest.length === 0) return { ...value, [head]: wrong };
  const inner = value[head];
  const object = typeof inner === "object" && inner !== null && !Array.isArray(inner) ? inner : {};
  return { ...value, [head]: withMember(object as Record<string, unknown>, rest.join("/"), wrong) };
}

/** Valid values of `good`, half of them with one member (of `paths`) replaced by any JSON. */
function nearlyValid(good: fc.Arbitrary<Record<string, unknown>>, paths: readonly string[]) {
  return fc.oneof(
    good,
    fc
      .tuple(good, fc.constantFrom(...paths), jsonValue)
      .map(([value, path, wrong]) => withMember(value, path, wrong)),
  );
}

const multiValue = (value: fc.Arbitrary<unknown>) =>
  fc.oneof(
    {
      arbitrary: fc.array(
        fc.record({ value, type: maybe(shortString), primary: maybe(fc.boolean()) }, { requiredKeys: [] }),
        { maxLength: 3 },
      ),
      weight: 4,
    },
    { arbitrary: hugeArray, weight: 1 },
    { arbitrary: jsonValue, weight: 1 },
  );

const ENTERPRISE = ScimUrn.EnterpriseUser;

const goodUser = fc.record(
  {
    schemas: fc.constant([ScimUrn.User, ENTERPRISE]),
    userName: fc.oneof(
      fc.constant("{userName}"),
      fc.uuid().map((id) => `${id}@x.io`),
      shortString,
    ),
    name: fc.record({ givenName: shortString, familyName: shortString }),
    displayName: shortString,
    nickName: shortString,
    title: shortString,
    externalId: shortString,
    phoneNumbers: fc.array(fc.record({ value: shortString, type: fc.constantFrom("work", "mobile") }), {
      maxLength: 2,
    }),
    active: fc.boolean(),
    password: shortString,
    [ENTERPRISE]: fc.record(
      {
        employeeNumber: shortString,
        department: shortString,
        manager: fc.record({ value: fc.constantFrom("{user}", "{foreignUser}") }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ["schemas", "userName"] },
);

const anyUser = fc.record(
  {
    schemas: fc.oneof(fc.constant([ScimUrn.User]), jsonValue),
    userName: maybe(fc.oneof(fc.constantFrom("{userName}", "fuzz@x.io", "FUZZ@X.IO"), hostileString)),
    displayName: maybe(hostileString),
    name: maybe(fc.record({ givenName: maybe(hostileString) }, { requiredKeys: [] })),
    emails: multiValue(fc.oneof(fc.constantFrom("{userName}", "b@x.io"), hostileString)),
    active: maybe(fc.oneof(fc.boolean(), fc.constantFrom("True", "False", "yes"))),
    id: maybe(hostileString),
    meta: jsonValue,
    groups: multiValue(fc.constantFrom("{group}", "{foreignGroup}")),
    unknownAttribute: jsonValue,
  },
  { requiredKeys: [] },
);

/** A User (RFC 7643 §4.1). */
export const userResource: fc.Arbitrary<unknown> = fc.oneof(
  nearlyValid(goodUser, [
    "schemas",
    "userName",
    "name",
    "name/givenName",
    "emails",
    "phoneNumbers",
    "active",
    "id",
    "meta",
    "groups",
    "x509Certificates",
    ENTERPRISE,
    `${ENTERPRISE}/manager`,
    `${ENTERPRISE}/manager/value`,
  ]),
  anyUser,
);

const groupMember = fc.oneof(fc.constantFrom("{user}", "{foreignUser}", "{group}"), shortString);

const goodGroup = fc.record(
  {
    schemas: fc.constant([ScimUrn.Group]),
    displayName: fc.oneof(fc.uuid(), shortString),
    externalId: shortString,
    members: fc.array(fc.record({ value: groupMember }), { maxLength: 3 }),
  },
  { requiredKeys: ["schemas", "displayName"] },
);

/** A Group (RFC 7643 §4.2) with members of this tenant, of another, or of nothing. */
export const groupResource: fc.Arbitrary<unknown> = fc.oneof(
  nearlyValid(goodGroup, ["schemas", "displayName", "members", "members/0", "id", "meta"]),
  fc.record(
    { displayName: maybe(hostileString), members: multiValue(groupMember), meta: jsonValue },
    { requiredKeys: [] },
  ),
);

const patchMessage = (operation: fc.Arbitrary<unknown>) =>
  fc
    .array(operation, { minLength: 1, maxLength: 3 })
    .map((operations) => ({ schemas: [ScimUrn.PatchOp], Operations: operations }));

const userPaths = ["title", "displayName", "nickName", "name.givenName", `${ENTERPRISE}:department`];

/** PatchOp messages for a User: well-formed with hostile values, or anything (RFC 7644 §3.5.2). */
export const userPatch: fc.Arbitrary<unknown> = fc.oneof(
  patchMessage(
    fc.oneof(
      fc.record({
        op: fc.constantFrom("add", "replace", "Replace"),
        path: fc.constantFrom(...userPaths),
        value: shortString,
      }),
      fc.record({ op: fc.constant("remove"), path: fc.oneof(fc.constantFrom(...userPaths), attributePath) }),
      fc.record({
        op: fc.constant("replace"),
        value: fc.record({ title: shortString, active: fc.boolean() }),
      }),
      fc.record({
        op: fc.constantFrom("add", "replace"),
        path: fc.oneof(
          fc.constant("phoneNumbers"),
          filterText.map((f) => `phoneNumbers[${f}].value`),
        ),
        value: fc.oneof(shortString, fc.array(fc.record({ value: shortString, type: fc.constant("work") }))),
      }),
    ),
  ),
  patchBody,
);

/** PatchOp messages for a Group: member changes of this tenant's, another's and no users. */
export const groupPatch: fc.Arbitrary<unknown> = fc.oneof(
  patchMessage(
    fc.oneof(
      fc.record({
        op: fc.constantFrom("add", "replace", "Add"),
        path: fc.constant("members"),
        value: fc.array(fc.record({ value: groupMember }), { maxLength: 3 }),
      }),
      fc.record({
        op: fc.constant("remove"),
        path: fc.oneof(
          fc.constant('members[value eq "{user}"]'),
          fc.constant("members"),
          filterText.map((f) => `members[${f}]`),
        ),
      }),
      fc.record({ op: fc.constant("replace"), path: fc.constant("displayName"), value: shortString }),
      fc.record({ op: fc.constant("replace"), value: fc.record({ displayName: shortString }) }),
    ),
  ),
  patchBody,
);

/** A SearchRequest (RFC 7644 §3.4.3). */
export const searchRequest: fc.Arbitrary<unknown> = nearlyValid(
  fc.record(
    {
      schemas: fc.constant([ScimUrn.SearchRequest]),
      filter: filterText,
      startIndex: fc.integer({ min: -5, max: 50 }),
      count: fc.integer({ min: -5, max: 2_000 }),
      sortBy: attributePath,
      sortOrder: fc.constantFrom("ascending", "descending"),
      attributes: fc.array(attributePath, { maxLength: 3 }),
      excludedAttributes: fc.array(attributePath, { maxLength: 3 }),
    },
    { requiredKeys: ["schemas"] },
  ),
  ["schemas", "filter", "startIndex", "count", "sortBy", "sortOrder", "attributes", "excludedAttributes"],
);

/** The app API's login and local-user bodies (`email`, `name`). */
export const loginBody: fc.Arbitrary<unknown> = nearlyValid(
  fc.record(
    {
      email: fc.oneof(
        fc.constantFrom("{userName}", "nobody@x.io"),
        fc.uuid().map((id) => `${id}@x.io`),
        shortString,
      ),
      name: shortString,
    },
    { requiredKeys: ["email"] },
  ),
  ["email", "name"],
);

/** The app API's role change body. */
export const roleBody: fc.Arbitrary<unknown> = nearlyValid(
  fc.record({ role: fc.oneof(fc.constantFrom("admin", "member", ""), shortString) }),
  ["role"],
);
