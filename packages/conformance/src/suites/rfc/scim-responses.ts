import { type ScimType, ScimUrn } from "@scimkit/types";
import { check, checkStatus } from "../checks.js";

/** A parsed JSON object body. */
export type JsonBody = Record<string, unknown>;

/** Reads a response body as a JSON object (from a clone, so it can be read again); fails the case otherwise. */
export async function readJson(response: Response, what: string): Promise<JsonBody> {
  const text = await response.clone().text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    check(false, `${what}: the body is not JSON (${JSON.stringify(text.slice(0, 80))})`);
  }
  check(
    typeof body === "object" && body !== null && !Array.isArray(body),
    `${what}: the body is not a JSON object`,
  );
  return body as JsonBody;
}

/** The expected error: the HTTP status and, when the RFC names one, the `scimType` (one of several). */
export interface ExpectedScimError {
  readonly status: number;
  readonly scimType?: ScimType | readonly ScimType[];
}

/**
 * Checks a SCIM error response (RFC 7644 §3.12): the HTTP status, a body whose `schemas` lists the
 * Error URN, `status` as the same code in a JSON string, and the expected `scimType`. Returns the body.
 */
export async function checkScimError(
  response: Response,
  expected: ExpectedScimError,
  what: string,
): Promise<JsonBody> {
  await checkStatus(response, expected.status, what);
  const body = await readJson(response, what);
  const schemas = body.schemas;
  check(
    Array.isArray(schemas) && schemas.includes(ScimUrn.Error),
    `${what}: the error body's "schemas" does not list ${ScimUrn.Error} (RFC 7644 §3.12)`,
  );
  check(
    body.status === String(expected.status),
    `${what}: the error body's "status" must be the string "${expected.status}" (RFC 7644 §3.12), got ${JSON.stringify(body.status)}`,
  );
  if (expected.scimType !== undefined) {
    const allowed: readonly ScimType[] =
      typeof expected.scimType === "string" ? [expected.scimType] : expected.scimType;
    check(
      allowed.some((scimType) => scimType === body.scimType),
      `${what}: expected scimType ${allowed.map((t) => `"${t}"`).join(" or ")} (RFC 7644 §3.12 Table 9), got ${JSON.stringify(body.scimType)}`,
    );
  }
  return body;
}

/** Whether the resource has a value for the attribute, its name matched case-insensitively (RFC 7643 §2.1). */
export function hasAttribute(resource: JsonBody | undefined, name: string): boolean {
  if (resource === undefined) return false;
  const wanted = name.toLowerCase();
  return Object.keys(resource).some((key) => key.toLowerCase() === wanted && resource[key] !== undefined);
}

/** The value of an attribute, its name matched case-insensitively (RFC 7643 §2.1). */
export function attributeOf(resource: JsonBody | undefined, name: string): unknown {
  if (resource === undefined) return undefined;
  const wanted = name.toLowerCase();
  const key = Object.keys(resource).find((candidate) => candidate.toLowerCase() === wanted);
  return key === undefined ? undefined : resource[key];
}

/** A complex attribute as an object, or undefined. */
export function complexOf(resource: JsonBody | undefined, name: string): JsonBody | undefined {
  const value = attributeOf(resource, name);
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as JsonBody)
    : undefined;
}
