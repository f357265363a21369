import { describe, expect, it } from "vitest";
import { ScimError } from "../scim-error.js";
import { defaultLifecyclePolicy, type LifecyclePolicy } from "./lifecycle-policy.js";
import { primaryEmail } from "./primary-email.js";
import { applyUserCreatePolicy, applyUserUpdatePolicy } from "./user-policy.js";

type Resource = Record<string, unknown>;
const policy = defaultLifecyclePolicy;

function outcome(run: () => Resource): Resource | { status: number; scimType?: string } {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    return { status: error.status, ...(error.scimType === undefined ? {} : { scimType: error.scimType }) };
  }
}

const alice: Resource = {
  userName: "alice+test@x.io",
  name: { givenName: "Alice" },
  emails: [{ value: "alice+test@x.io", type: "work", primary: true }],
  userType: "member",
};

describe("primaryEmail", () => {
  it.each([
    ["the value marked primary", { given: [{ value: "a@x" }, { value: "b@x", primary: true }], want: "b@x" }],
    ["the only value", { given: [{ value: "a@x", type: "home" }], want: "a@x" }],
    [
      "the work value when none is primary",
      {
        given: [
          { value: "h@x", type: "home" },
          { value: "w@x", type: "Work" },
        ],
        want: "w@x",
      },
    ],
    ["the first value otherwise", { given: [{ value: "a@x" }, { value: "b@x" }], want: "a@x" }],
    ["nothing without emails", { given: [], want: undefined }],
    ["nothing when emails is not an array", { given: "a@x", want: undefined }],
  ])("picks %s", (_name, { given, want }) => {
    expect(primaryEmail({ emails: given })).toBe(want);
  });
});

describe("applyUserCreatePolicy", () => {
  it.each<[string, { given: Resource; want: Resource | { status: number; scimType?: string } }]>([
    ["accepts userName equal to the primary email, + included", { given: alice, want: alice }],
    [
      "accepts a difference in letter case only",
      { given: { ...alice, userName: "Alice+Test@X.io" }, want: { ...alice, userName: "Alice+Test@X.io" } },
    ],
    [
      "adds the userName as primary work email when none is sent",
      {
        given: { userName: "bob@x.io" },
        want: {
          userName: "bob@x.io",
          userType: "member",
          emails: [{ value: "bob@x.io", type: "work", primary: true }],
        },
      },
    ],
    [
      "refuses a userName that differs from the primary email",
      { given: { ...alice, userName: "someone@x.io" }, want: { status: 400, scimType: "invalidValue" } },
    ],
    [
      "refuses a userName that is not an email",
      { given: { userName: "alice" }, want: { status: 400, scimType: "invalidValue" } },
    ],
  ])("%s", (_name, { given, want }) => {
    expect(outcome(() => applyUserCreatePolicy(given, policy))).toEqual(want);
  });

  it("accepts any userName when the tenant does not tie it to the email", () => {
    const loose: LifecyclePolicy = { ...policy, userNameIsPrimaryEmail: false };
    expect(applyUserCreatePolicy({ userName: "alice" }, loose)).toEqual({
      userName: "alice",
      userType: "member",
    });
  });

  it("gives a user created without a role the default role, and keeps a role sent on create", () => {
    expect(applyUserCreatePolicy({ userName: "c@x.io" }, policy).userType).toBe("member");
    expect(applyUserCreatePolicy({ userName: "c@x.io", userType: "Employee" }, policy).userType).toBe(
      "Employee",
    );
    expect(
      applyUserCreatePolicy({ userName: "c@x.io" }, { ...policy, defaultUserType: undefined }),
    ).not.toHaveProperty("userType");
  });
});

describe("applyUserUpdatePolicy", () => {
  it.each<[string, { given: Resource; want: Resource | { status: number; scimType?: string } }]>([
    [
      "accepts a name change",
      {
        given: { ...alice, name: { givenName: "Alicia" } },
        want: { ...alice, name: { givenName: "Alicia" } },
      },
    ],
    ["accepts the same values re-sent, as Okta's PUT does", { given: { ...alice }, want: alice }],
    [
      "refuses a different userName",
      {
        given: { ...alice, userName: "alice2@x.io", emails: [{ value: "alice2@x.io", primary: true }] },
        want: { status: 400, scimType: "mutability" },
      },
    ],
    [
      "refuses a different primary email",
      {
        given: { ...alice, emails: [{ value: "other@x.io", primary: true }] },
        want: { status: 400, scimType: "mutability" },
      },
    ],
    [
      "refuses a different userType",
      { given: { ...alice, userType: "admin" }, want: { status: 400, scimType: "mutability" } },
    ],
    [
      "keeps the stored userName, email and userType when a PUT omits them",
      { given: { name: { givenName: "A" } }, want: { ...alice, name: { givenName: "A" } } },
    ],
    [
      "accepts extra emails beside the unchanged primary",
      {
        given: { ...alice, emails: [...(alice.emails as unknown[]), { value: "home@x.io", type: "home" }] },
        want: { ...alice, emails: [...(alice.emails as unknown[]), { value: "home@x.io", type: "home" }] },
      },
    ],
  ])("%s", (_name, { given, want }) => {
    expect(outcome(() => applyUserUpdatePolicy(alice, given, policy))).toEqual(want);
  });

  it("explains a refused userName change in words", () => {
    expect(() => applyUserUpdatePolicy(alice, { ...alice, userName: "new@x.io" }, policy)).toThrow(
      /userName cannot change: it must stay equal to the primary email alice\+test@x\.io/,
    );
  });

  it("lets a userType be set while the user has none", () => {
    const { userType: _, ...withoutType } = alice;
    expect(
      applyUserUpdatePolicy(withoutType, { ...withoutType, userType: "Employee" }, policy).userType,
    ).toBe("Employee");
  });

  it("allows every change when the policy makes nothing immutable", () => {
    const open: LifecyclePolicy = {
      ...policy,
      immutable: { userName: false, primaryEmail: false, userType: false },
    };
    const changed = {
      userName: "new@x.io",
      emails: [{ value: "new@x.io", primary: true }],
      userType: "admin",
    };
    expect(applyUserUpdatePolicy(alice, changed, open)).toEqual(changed);
  });

  it("never mutates its inputs", () => {
    const before = JSON.parse(JSON.stringify(alice)) as Resource;
    const after = { name: { givenName: "B" } };
    applyUserUpdatePolicy(Object.freeze(before), Object.freeze(after), policy);
    expect(before).toEqual(alice);
    expect(after).toEqual({ name: { givenName: "B" } });
  });
});
