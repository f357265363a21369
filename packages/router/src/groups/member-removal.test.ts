/**
 * One rule for removing group members by value (Entra ID's and JumpCloud's
 * `{"op":"Remove","path":"members","value":[{"value":"<id>"}]}`,
 * docs/reference/idp-requests.md#group-push-forms): core's PATCH and the server's row plan
 * (group-patch.ts) both read the list with core's listedRemoval, so deleting rows by id
 * leaves the members core's `remove` leaves. The row side is run as groups.service.ts runs it: a
 * row plan changes the member set; a "full" plan applies core's PATCH to the whole member list.
 */
import { applyScimPatch, groupResourceSchema, readPatchOperations, ScimError } from "@scimkit/core";
import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { planGroupPatch } from "./group-patch.js";

type Operation = { op: string; path?: string; value?: unknown };
type Outcome = { members: string[] } | { error: { status: number; scimType?: string } };

/** The group both paths start from: ann and bob, as GET /Groups/{id} shows members. */
const before = ["ann", "bob"];
const group = (ids: readonly string[]) => ({
  schemas: [ScimUrn.Group],
  id: "g-1",
  displayName: "Engineering",
  members: ids.map((value) => ({ value, display: value, type: "User" })),
});
const patchOf = (operation: Operation) => ({ schemas: [ScimUrn.PatchOp], Operations: [operation] });

function outcomeOf(run: () => string[]): Outcome {
  try {
    return { members: run().sort() };
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    return {
      error: { status: error.status, ...(error.scimType === undefined ? {} : { scimType: error.scimType }) },
    };
  }
}

/** core's applyScimPatch on the group with its members. */
function viaCore(operation: Operation): string[] {
  const { resource } = applyScimPatch(group(before), patchOf(operation), groupResourceSchema);
  return ((resource.members ?? []) as { value: string }[]).map((member) => member.value);
}

/** The server's row plan: membership rows changed by id, or core over the full list when the plan says so. */
function viaRows(operation: Operation): string[] {
  const plan = planGroupPatch(readPatchOperations(patchOf(operation)));
  if (plan.mode === "full") return viaCore(operation);
  let ids = [...before];
  for (const change of plan.members) {
    if (change.kind === "replace") ids = [...change.ids];
    else if (change.kind === "add") ids = [...new Set([...ids, ...change.ids])];
    else ids = ids.filter((id) => !change.ids.includes(id));
  }
  return ids;
}

const invalidValue: Outcome = { error: { status: 400, scimType: "invalidValue" } };

const cases: [string, { given: Operation; want: Outcome }][] = [
  [
    'removes Entra\'s listed {"$ref": null, value}',
    {
      given: { op: "Remove", path: "members", value: [{ $ref: null, value: "bob" }] },
      want: { members: ["ann"] },
    },
  ],
  [
    "removes JumpCloud's listed {value}",
    { given: { op: "remove", path: "members", value: [{ value: "ann" }] }, want: { members: ["bob"] } },
  ],
  [
    "removes every listed member",
    {
      given: { op: "remove", path: "members", value: [{ value: "ann" }, { value: "bob" }] },
      want: { members: [] },
    },
  ],
  [
    "reads a single object as a one-element list",
    { given: { op: "remove", path: "members", value: { value: "bob" } }, want: { members: ["ann"] } },
  ],
  [
    "reads a bare id as { value }",
    { given: { op: "remove", path: "members", value: ["bob"] }, want: { members: ["ann"] } },
  ],
  [
    "reads member names in any case",
    { given: { op: "remove", path: "members", value: [{ VALUE: "bob" }] }, want: { members: ["ann"] } },
  ],
  [
    "removes by value whatever the listed type",
    {
      given: { op: "remove", path: "members", value: [{ value: "bob", type: "Group" }] },
      want: { members: ["ann"] },
    },
  ],
  [
    "removes nothing for an id that is no member",
    {
      given: { op: "remove", path: "members", value: [{ value: "zed" }] },
      want: { members: ["ann", "bob"] },
    },
  ],
  [
    "removes nothing for an empty id",
    { given: { op: "remove", path: "members", value: [{ value: "" }] }, want: { members: ["ann", "bob"] } },
  ],
  [
    "removes nothing for an empty list",
    { given: { op: "remove", path: "members", value: [] }, want: { members: ["ann", "bob"] } },
  ],
  [
    "removes nothing for an item without value",
    {
      given: { op: "remove", path: "members", value: [{ display: "bob" }] },
      want: { members: ["ann", "bob"] },
    },
  ],
  ["removes every member without value", { given: { op: "remove", path: "members" }, want: { members: [] } }],
  [
    "removes every member with a null value",
    { given: { op: "remove", path: "members", value: null }, want: { members: [] } },
  ],
  [
    "removes the member a value filter names",
    { given: { op: "remove", path: 'members[value eq "bob"]' }, want: { members: ["ann"] } },
  ],
  [
    "refuses an item with an unknown sub-attribute",
    {
      given: { op: "remove", path: "members", value: [{ value: "bob", colour: "red" }] },
      want: invalidValue,
    },
  ],
  [
    "refuses an id that is not a string",
    { given: { op: "remove", path: "members", value: [{ value: 5 }] }, want: invalidValue },
  ],
  [
    "refuses null inside the list",
    { given: { op: "remove", path: "members", value: [null] }, want: invalidValue },
  ],
];

describe.each([
  ["core's PATCH", viaCore],
  ["the server's membership rows", viaRows],
] as const)("member removal by value through %s (RFC 7644 §3.5.2.2)", (_path, run) => {
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(outcomeOf(() => run(given))).toEqual(want);
  });
});
