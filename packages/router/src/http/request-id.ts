import { randomUUID } from "node:crypto";

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * A request's id: the caller's `X-Request-Id` when it is a sane one (letters, digits, `._:-`, at
 * most 128), so logs across services line up; otherwise a new UUID, so a client cannot put
 * arbitrary text into the logs.
 */
export function requestIdFrom(offered: string | null | undefined): string {
  return offered !== null && offered !== undefined && SAFE_REQUEST_ID.test(offered) ? offered : randomUUID();
}
