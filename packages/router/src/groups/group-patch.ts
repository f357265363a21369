import {
  type FilterNode,
  groupResourceSchema,
  listedRemoval,
  logicalOperands,
  type PatchInstruction,
  parseScimPatchPath,
  ScimError,
} from "@scimkit/core";
import { ScimUrn } from "@scimkit/types";

/** A change to a group's membership rows, decided without reading the member list. */
export type MemberChange =
  | { readonly kind: "add"; readonly ids: readonly string[] }
  | { readonly kind: "remove"; readonly ids: readonly string[] }
  | { readonly kind: "replace"; readonly ids: readonly string[] };

/** A PATCH split into membership row changes and operations on the group's own attributes. */
export type GroupPatchPlan =
  | {
      readonly mode: "rows";
      readonly members: readonly MemberChange[];
      readonly attributes: readonly PatchInstruction[];
    }
  /** A form the row plan does not cover (e.g. `members[display eq "x"]`): apply it to the full resource. */
  | { readonly mode: "full" };

const FULL = { mode: "full" } as const;

/** `members`, also fully qualified with the Group schema URN (RFC 7644 §3.10). */
const isMembers = (name: string) => {
  const folded = name.toLowerCase();
  return folded === "members" || folded === `${ScimUrn.Group.toLowerCase()}:members`;
};

/**
 * Reads member values as Okta (`{value, display}`), Entra ID (`{value, "$ref": null}`) and
 * JumpCloud (`{value}`) send them: an array or a single object (Entra), each with a string
 * `value`. Only users can be members here: a `type` other than `User` is refused.
 */
export function memberIds(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items.map((item, index) => {
    const record = typeof item === "object" && item !== null ? (item as Record<string, unknown>) : undefined;
    const id = record?.value;
    if (typeof id !== "string" || id === "")
      throw ScimError.invalidValue(`members[${index}] needs a string "value" (the user id).`);
    const type = record?.type;
    if (type !== undefined && type !== null && (typeof type !== "string" || type.toLowerCase() !== "user")) {
      throw ScimError.invalidValue(`members[${index}]: only users can be members of a group (type "User").`);
    }
    return id;
  });
}

/** `value eq "a" or value eq "b"` → ["a", "b"]; undefined for any other filter. */
function idsOfValueFilter(filter: FilterNode): string[] | undefined {
  const parts = filter.kind === "or" ? logicalOperands(filter) : [filter];
  const ids: string[] = [];
  for (const part of parts) {
    if (
      part.kind !== "compare" ||
      part.op !== "eq" ||
      part.path.name.toLowerCase() !== "value" ||
      part.path.subAttr !== undefined
    )
      return undefined;
    if (typeof part.value !== "string") return undefined;
    // An id holding U+0000 is no member's (and PostgreSQL cannot bind it): removing it is a no-op.
    if (!part.value.includes("\u0000")) ids.push(part.value);
  }
  return ids;
}

function pathlessMembers(op: PatchInstruction): { change?: MemberChange; rest?: PatchInstruction } {
  const value = op.value;
  if (op.op === "remove" || typeof value !== "object" || value === null || Array.isArray(value))
    return { rest: op };
  const entries = Object.entries(value as Record<string, unknown>);
  const members = entries.filter(([key]) => isMembers(key));
  const others = entries.filter(([key]) => !isMembers(key));
  const rest = others.length === 0 ? undefined : { ...op, value: Object.fromEntries(others) };
  if (members.length === 0) return { rest: op };
  const ids = memberIds(members[0]?.[1]);
  const change: MemberChange = op.op === "add" ? { kind: "add", ids } : { kind: "replace", ids };
  return rest === undefined ? { change } : { change, rest };
}

function pathMembers(op: PatchInstruction, path: string): MemberChange | typeof FULL | undefined {
  const parsed = parseScimPatchPath(path);
  if (!isMembers(parsed.attribute.name) || parsed.attribute.subAttr !== undefined) return undefined;
  if (parsed.subAttr !== undefined) return FULL;
  if (parsed.filter !== undefined) {
    const ids = op.op === "remove" ? idsOfValueFilter(parsed.filter) : undefined;
    return ids === undefined ? FULL : { kind: "remove", ids };
  }
  if (op.op === "add") return { kind: "add", ids: memberIds(op.value) };
  if (op.op === "replace") return { kind: "replace", ids: memberIds(op.value) };
  return listedMembers(op.value);
}

/** The Group schema's `members` (RFC 7643 §4.2), as core's PATCH reads it. */
const membersAttribute = groupResourceSchema.core.attributes.find(
  (attribute) => attribute.name === "members",
);

/**
 * `remove` of `members` without a filter, read by core's listedRemoval so the rows deleted are the
 * members core's PATCH would remove: no value, every member goes; Entra ID's and JumpCloud's value
 * list (docs/reference/idp-requests.md#group-push-forms), the listed ids go. A list whose items do
 * not all carry a string `value` is applied by core to the full member list instead.
 */
function listedMembers(value: unknown): MemberChange | typeof FULL {
  if (membersAttribute === undefined) return FULL;
  const listed = listedRemoval(membersAttribute, value, "members");
  if (listed === undefined) return { kind: "replace", ids: [] };
  const ids = listed.values;
  return ids?.every((id): id is string => typeof id === "string") ? { kind: "remove", ids } : FULL;
}

/**
 * Plans a Group PATCH (RFC 7644 §3.5.2) so membership changes become row inserts and deletes:
 * adding or removing one member of a 50,000-member group never reads or rewrites the list.
 * Operations on other attributes are kept for core's applyScimPatch on the group's own row.
 */
export function planGroupPatch(operations: readonly PatchInstruction[]): GroupPatchPlan {
  const members: MemberChange[] = [];
  const attributes: PatchInstruction[] = [];
  for (const op of operations) {
    if (op.path === undefined) {
      const { change, rest } = pathlessMembers(op);
      if (change !== undefined) members.push(change);
      if (rest !== undefined) attributes.push(rest);
      continue;
    }
    const change = pathMembers(op, op.path);
    if (change !== undefined && "mode" in change) return FULL;
    if (change === undefined) attributes.push(op);
    else members.push(change);
  }
  return { mode: "rows", members, attributes };
}
