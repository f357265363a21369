import { ScimError } from "../scim-error.js";
import type { LifecyclePolicy } from "./lifecycle-policy.js";
import { looksLikeEmail, primaryEmail, sameEmail } from "./primary-email.js";

type Resource = Readonly<Record<string, unknown>>;

/**
 * Applies the create rules to a validated User (RFC 7643 §4.1 form): with
 * `userNameIsPrimaryEmail`, `userName` must be an email address and equal the primary email.
 * A user sent without any email gets its userName as the primary work email, so the rule
 * holds from the first write, and one sent without a `userType` gets the policy's default role.
 * Returns the resource to store; never mutates the input.
 */
export function applyUserCreatePolicy(user: Resource, policy: LifecyclePolicy): Record<string, unknown> {
  const withRole =
    user.userType === undefined && policy.defaultUserType !== undefined
      ? { ...user, userType: policy.defaultUserType }
      : user;
  return checkUserNameIsEmail(withRole, policy);
}

function checkUserNameIsEmail(user: Resource, policy: LifecyclePolicy): Record<string, unknown> {
  if (!policy.userNameIsPrimaryEmail) return { ...user };
  const userName = user.userName;
  if (typeof userName !== "string" || !looksLikeEmail(userName)) {
    throw ScimError.invalidValue(
      `userName must be the user's email address, got ${JSON.stringify(userName)}.`,
    );
  }
  const email = primaryEmail(user);
  if (email === undefined) {
    return { ...user, emails: [{ value: userName, type: "work", primary: true }] };
  }
  if (!sameEmail(email, userName)) {
    throw ScimError.invalidValue(
      `userName must equal the primary email: userName is ${JSON.stringify(userName)}, the primary email is ${JSON.stringify(email)}.`,
    );
  }
  return { ...user };
}

/**
 * Applies the update rules to a proposed new version of a User (after PUT or PATCH), given the
 * stored one. `userName`, the primary email and `userType` may not change through SCIM: a
 * different value is a `mutability` error whose detail says why; re-sending the same value (as
 * Okta's full PUT does) is fine, and so is a change of letter case only. A PUT that omits an
 * immutable value keeps the stored one (omission is not a change request the app honours); a
 * userType may be set while the user has none.
 */
export function applyUserUpdatePolicy(
  before: Resource,
  after: Resource,
  policy: LifecyclePolicy,
): Record<string, unknown> {
  let next: Record<string, unknown> = { ...after };
  const oldUserName = before.userName as string | undefined;
  if (policy.immutable.userName && oldUserName !== undefined) {
    const newUserName = next.userName;
    if (newUserName === undefined) next = { ...next, userName: oldUserName };
    else if (typeof newUserName !== "string" || !sameEmail(newUserName, oldUserName)) {
      throw ScimError.mutability(
        `userName cannot change: it must stay equal to the primary email ${oldUserName} (got ${JSON.stringify(newUserName)}).`,
      );
    }
  }
  next = keepPrimaryEmail(before, next, policy);
  next = keepUserType(before, next, policy);
  return next;
}

function keepPrimaryEmail(
  before: Resource,
  next: Record<string, unknown>,
  policy: LifecyclePolicy,
): Record<string, unknown> {
  const oldEmail = primaryEmail(before);
  if (!policy.immutable.primaryEmail || oldEmail === undefined) return next;
  const newEmail = primaryEmail(next);
  if (newEmail === undefined) return { ...next, emails: mergeEmails(before.emails, next.emails) };
  if (!sameEmail(newEmail, oldEmail)) {
    throw ScimError.mutability(
      `The primary email cannot change through SCIM: it is ${oldEmail} and must stay so (got ${newEmail}).`,
    );
  }
  return next;
}

/** The stored primary email comes back when a write sends no email; other emails sent are kept. */
function mergeEmails(stored: unknown, sent: unknown): unknown[] {
  const storedList = Array.isArray(stored) ? stored : [];
  const sentList = Array.isArray(sent) ? sent : [];
  const primary =
    storedList.find((email) => (email as { primary?: unknown }).primary === true) ?? storedList[0];
  return primary === undefined ? sentList : [primary, ...sentList];
}

function keepUserType(
  before: Resource,
  next: Record<string, unknown>,
  policy: LifecyclePolicy,
): Record<string, unknown> {
  if (!policy.immutable.userType) return next;
  const oldType = before.userType;
  const newType = next.userType;
  // Like RFC 7643 `immutable`: a userType may be set while it has none, never changed after.
  if (oldType === undefined) return next;
  if (newType === undefined) return { ...next, userType: oldType };
  if (newType !== oldType) {
    throw ScimError.mutability(
      `userType is the user's role in the app and cannot change through SCIM (it is ${JSON.stringify(oldType)}, got ${JSON.stringify(newType)}); change the role in the app.`,
    );
  }
  return next;
}
