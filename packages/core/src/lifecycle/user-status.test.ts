import { describe, expect, it } from "vitest";
import { defaultLifecyclePolicy, type LifecyclePolicy } from "./lifecycle-policy.js";
import {
  isTeamMember,
  nextUserState,
  type UserLifecycleEvent,
  type UserLifecycleOutcome,
  type UserLifecycleState,
} from "./user-status.js";

const now = new Date("2026-11-23T12:00:00.000Z");
const joined = "2026-11-01T09:00:00.000Z";
const policy = defaultLifecyclePolicy;
const jitPolicy: LifecyclePolicy = { ...policy, jit: true };

const pending: UserLifecycleState = { status: "pending", joinedAt: null };
const active: UserLifecycleState = { status: "active", joinedAt: joined };
const deactivatedNeverJoined: UserLifecycleState = { status: "deactivated", joinedAt: null };
const deactivatedJoined: UserLifecycleState = { status: "deactivated", joinedAt: joined };
const deleted: UserLifecycleState = { status: "deleted", joinedAt: joined };

const to = (status: UserLifecycleState["status"], joinedAt: string | null): UserLifecycleOutcome => ({
  kind: "state",
  state: { status, joinedAt },
});

describe("nextUserState", () => {
  it.each<
    [
      string,
      {
        given: [UserLifecycleState | undefined, UserLifecycleEvent, LifecyclePolicy?];
        want: UserLifecycleOutcome["kind"] | UserLifecycleOutcome;
      },
    ]
  >([
    [
      "a provisioned user is pending until first login",
      { given: [undefined, { type: "provisioned", active: true }], want: to("pending", null) },
    ],
    [
      "a user provisioned inactive starts deactivated",
      { given: [undefined, { type: "provisioned", active: false }], want: to("deactivated", null) },
    ],
    [
      "the first login joins a pending user",
      { given: [pending, { type: "login" }], want: to("active", now.toISOString()) },
    ],
    [
      "a later login keeps the first join time",
      { given: [active, { type: "login" }], want: to("active", joined) },
    ],
    ["a deactivated user cannot log in", { given: [deactivatedJoined, { type: "login" }], want: "refused" }],
    [
      "deactivation keeps the join time",
      { given: [active, { type: "activeChanged", active: false }], want: to("deactivated", joined) },
    ],
    [
      "reactivation restores a joined user to active",
      { given: [deactivatedJoined, { type: "activeChanged", active: true }], want: to("active", joined) },
    ],
    [
      "reactivation of a never-joined user leaves it pending",
      { given: [deactivatedNeverJoined, { type: "activeChanged", active: true }], want: to("pending", null) },
    ],
    [
      "a soft delete keeps the row as deleted",
      { given: [active, { type: "deleted" }], want: to("deleted", joined) },
    ],
    [
      "a hard delete removes the row",
      {
        given: [active, { type: "deleted" }, { ...policy, deleteMode: "hard" }],
        want: { kind: "hardDelete" },
      },
    ],
    [
      "a deleted user cannot come back through login",
      { given: [deleted, { type: "login" }], want: "refused" },
    ],
    [
      "an unknown email cannot log in without JIT",
      { given: [undefined, { type: "login" }], want: "refused" },
    ],
    [
      "with JIT, an unknown email's first login creates it joined",
      { given: [undefined, { type: "login" }, jitPolicy], want: to("active", now.toISOString()) },
    ],
    [
      "provisioning an existing user is refused",
      { given: [active, { type: "provisioned", active: true }], want: "refused" },
    ],
  ])("%s", (_name, { given: [current, event, chosen], want }) => {
    const outcome = nextUserState(current, event, now, chosen ?? policy);
    if (typeof want === "string") expect(outcome.kind).toBe(want);
    else expect(outcome).toEqual(want);
  });
});

describe("isTeamMember", () => {
  it.each([
    ["pending", pending, false],
    ["active", active, true],
    ["deactivated", deactivatedJoined, false],
    ["deleted", deleted, false],
  ] as const)("a %s user is in the team list: %s", (_name, state, want) => {
    expect(isTeamMember(state)).toBe(want);
  });
});
