import type { PatchOp } from "@scimkit/types";
import type { CaseContext } from "../../suite-types.js";
import { check, checkStatus } from "../checks.js";
import { attributeOf, complexOf, type JsonBody, readJson } from "./scim-responses.js";
import { userPath } from "./user-fixtures.js";

/** Sends a PATCH (RFC 7644 §3.5.2) with the body as given, for malformed requests too. */
export function sendPatch(
  ctx: CaseContext,
  id: string,
  body: PatchOp | Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return ctx.raw("PATCH", userPath(id), { body: JSON.stringify(body), headers });
}

/** Reads a user as JSON with `GET /Users/{id}`. */
export async function readUser(ctx: CaseContext, id: string, what: string): Promise<JsonBody> {
  const response = await ctx.raw("GET", userPath(id));
  await checkStatus(response, 200, what);
  return readJson(response, what);
}

/**
 * Applies a PATCH and returns the resulting user: the 200 body, or after a 204 the user read back
 * (RFC 7644 §3.5.2: either is a success).
 */
export async function patchUser(
  ctx: CaseContext,
  id: string,
  body: PatchOp,
  what: string,
): Promise<JsonBody> {
  const response = await sendPatch(ctx, id, body);
  await checkStatus(response, [200, 204], what);
  if (response.status === 204) return readUser(ctx, id, `GET /Users/${id} after ${what}`);
  return readJson(response, what);
}

/** The emails of a user as `type → value` (lower-cased values, as emails are caseExact false). */
export function emailsByType(user: JsonBody): Map<string, string[]> {
  const byType = new Map<string, string[]>();
  const emails = Object.entries(user).find(([key]) => key.toLowerCase() === "emails")?.[1];
  check(emails === undefined || Array.isArray(emails), '"emails" is not an array');
  for (const email of (emails ?? []) as JsonBody[]) {
    const type = String(email.type ?? "");
    byType.set(type, [...(byType.get(type) ?? []), String(email.value ?? "").toLowerCase()]);
  }
  return byType;
}

/** A sub-attribute of a complex attribute, e.g. `name.givenName`. */
export function subAttributeOf(user: JsonBody, attribute: string, sub: string): unknown {
  return attributeOf(complexOf(user, attribute), sub);
}
