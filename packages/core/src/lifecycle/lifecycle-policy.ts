/**
 * The app's provisioning rules as data (the defaults are the lifecycle rules README.md lists under
 * "What the reference server does"). A tenant's settings choose among them; the pure functions
 * beside this file apply them.
 */
export interface LifecyclePolicy {
  /** `userName` must equal the primary email (case-insensitively, as both are caseExact: false). */
  readonly userNameIsPrimaryEmail: boolean;
  /** SCIM may not change these; a different value is a `mutability` error, the same value is fine. */
  readonly immutable: {
    readonly userName: boolean;
    readonly primaryEmail: boolean;
    /** `userType` is the app's role: it changes in the app, never through SCIM. */
    readonly userType: boolean;
  };
  /** DELETE keeps the row (audit trail; 404 afterwards) or removes it. */
  readonly deleteMode: "soft" | "hard";
  /** First SSO login of an unknown email creates the user (just in time). */
  readonly jit: boolean;
  /**
   * The role (`userType`) a user gets when it is created without one. Stored, so the app's role and
   * SCIM's `userType` never disagree: an IdP cannot later "set" a role the app already shows.
   */
  readonly defaultUserType: string | undefined;
}

/** The defaults: userName = primary email, userName/primary email/userType immutable, soft delete, no JIT, role `member`. */
export const defaultLifecyclePolicy: LifecyclePolicy = {
  userNameIsPrimaryEmail: true,
  immutable: { userName: true, primaryEmail: true, userType: true },
  deleteMode: "soft",
  jit: false,
  defaultUserType: "member",
};
