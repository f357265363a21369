import { foldCase } from "../schema/case-fold.js";

interface EmailValue {
  readonly value?: unknown;
  readonly type?: unknown;
  readonly primary?: unknown;
}

function emailsOf(resource: Readonly<Record<string, unknown>>): EmailValue[] {
  const emails = resource.emails;
  return Array.isArray(emails)
    ? emails.filter((email): email is EmailValue => typeof email === "object" && email !== null)
    : [];
}

/**
 * The user's primary email (RFC 7643 §4.1.2): the value marked `primary`, else the only one,
 * else the `work` one, else the first. Undefined when the user has no email.
 */
export function primaryEmail(resource: Readonly<Record<string, unknown>>): string | undefined {
  const emails = emailsOf(resource).filter((email) => typeof email.value === "string" && email.value !== "");
  const chosen =
    emails.find((email) => email.primary === true) ??
    (emails.length === 1 ? emails[0] : undefined) ??
    emails.find((email) => typeof email.type === "string" && foldCase(email.type) === "work") ??
    emails[0];
  return chosen?.value as string | undefined;
}

/** Whether two emails are the same address (emails are caseExact: false, RFC 7643 §4.1.2). */
export function sameEmail(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && foldCase(a.trim()) === foldCase(b.trim());
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** A pragmatic email check: one `@` with something on both sides and no whitespace. `+` is allowed. */
export function looksLikeEmail(value: string): boolean {
  return EMAIL.test(value);
}
