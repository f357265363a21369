import type { StoredUser, UserRead } from "../ports/records.js";
import { groupRefsOf } from "./memory-memberships.js";
import { copyOf, idOf } from "./memory-records.js";
import type { MemoryView } from "./memory-state.js";

/** Whether the user counts for uniqueness and reads: every status but soft-deleted. */
export const isLive = (user: StoredUser): boolean => user.status !== "deleted";

/** The user's userName (RFC 7643 §4.1.1: required). */
export function userNameOf(user: StoredUser): string {
  const userName = user.resource.userName;
  if (typeof userName !== "string") throw new Error("A stored user needs a userName.");
  return userName;
}

/** The user as a read returns it: a copy, with its groups. */
export function userRead(view: MemoryView, tenantId: string, user: StoredUser): UserRead {
  return { ...copyOf(user), groups: groupRefsOf(view, tenantId, idOf(user.resource)) };
}
