import { type ScimTarget, scimCall } from "./scim-api.js";

// The big group of the member scenarios: created once, then filled by PATCH add operations in
// chunks well under the 1 MiB body limit (1,000 members is about 50 KiB).

const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const CHUNK = 1000;

/** The filled group, its members, and users left out of it (for the add scenario). */
export interface BigGroup {
  readonly id: string;
  readonly members: readonly string[];
  readonly nonMembers: readonly string[];
  /** Seconds spent filling it (one PATCH per chunk, one after another). */
  readonly fillSeconds: number;
}

/** A copy of `items` in random order (Fisher–Yates), so each scenario picks members spread out. */
export function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    const a = copy[i];
    const b = copy[j];
    if (a === undefined || b === undefined) continue;
    copy[i] = b;
    copy[j] = a;
  }
  return copy;
}

/**
 * Creates group `bench-big` and adds `size` of `userIds` to it: every other user while that
 * suffices, so members and non-members are both spread over the population.
 */
export async function createBigGroup(
  target: ScimTarget,
  userIds: readonly string[],
  size: number,
  onProgress: (members: number) => void,
): Promise<BigGroup> {
  if (size >= userIds.length) {
    throw new Error(`a group of ${size} needs more than ${userIds.length} users (some must stay out of it)`);
  }
  const step = userIds.length >= size * 2 ? 2 : 1;
  const members = userIds.filter((_, i) => i % step === 0).slice(0, size);
  const chosen = new Set(members);
  const nonMembers = userIds.filter((id) => !chosen.has(id));
  const created = await scimCall(target, "POST", "/Groups", 201, {
    schemas: [GROUP_SCHEMA],
    displayName: "bench-big",
  });
  const id: unknown = JSON.parse(created.text).id;
  if (typeof id !== "string") throw new Error("POST /Groups returned no id");
  const started = Date.now();
  for (let offset = 0; offset < members.length; offset += CHUNK) {
    const value = members.slice(offset, offset + CHUNK).map((member) => ({ value: member }));
    await scimCall(target, "PATCH", `/Groups/${id}`, 204, {
      schemas: [PATCH_OP_SCHEMA],
      Operations: [{ op: "add", path: "members", value }],
    });
    onProgress(offset + value.length);
  }
  return { id, members, nonMembers, fillSeconds: (Date.now() - started) / 1000 };
}
