import { type ListResponse, ScimUrn, type ScimUser } from "@scimkit/types";
import type { CaseContext } from "../../suite-types.js";
import { check, checkStatus } from "../checks.js";

/** A page of users as the IdP reads it. */
export type UserPage = ListResponse<ScimUser>;

/**
 * Fails unless `body` is a ListResponse (RFC 7644 §3.4.2): the ListResponse URN, an integer
 * `totalResults`, integer `startIndex`/`itemsPerPage` when present (Okta: "need to be exchanged as
 * integers, not as strings") and `Resources` an array when present.
 */
export function checkListResponse(body: unknown, what: string): asserts body is ListResponse<unknown> {
  check(typeof body === "object" && body !== null, `${what}: the body is not a JSON object`);
  const page = body as Record<string, unknown>;
  check(
    Array.isArray(page.schemas) && page.schemas.includes(ScimUrn.ListResponse),
    `${what}: schemas lacks ${ScimUrn.ListResponse}`,
  );
  for (const key of ["totalResults", "startIndex", "itemsPerPage"]) {
    const value = page[key];
    if (key !== "totalResults" && value === undefined) continue;
    check(Number.isInteger(value), `${what}: ${key} must be a JSON integer, got ${JSON.stringify(value)}`);
  }
  check(page.Resources === undefined || Array.isArray(page.Resources), `${what}: Resources must be an array`);
}

/** `GET /Users?<query>` with the query bytes exactly as given (percent-encoding included), checked for 200. */
export async function listUsersRaw(
  ctx: CaseContext,
  query: string,
  what: string,
  headers: Record<string, string> = {},
): Promise<UserPage> {
  const response = await ctx.raw("GET", `/Users?${query}`, { headers });
  await checkStatus(response, 200, what);
  const body: unknown = await response.json();
  checkListResponse(body, what);
  return body as UserPage;
}

/** The `filter` query of an `eq` lookup, percent-encoded as IdPs send it (`%20`, `%22`, `%40`, `%2B`). */
export function eqFilterQuery(attribute: string, value: string): string {
  return `filter=${encodeURIComponent(`${attribute} eq ${JSON.stringify(value)}`)}`;
}

/** Fails unless the page is empty: `totalResults` 0 and no resource (not a 404, RFC 7644 §3.4.2). */
export function checkEmptyPage(page: UserPage, what: string): void {
  check(page.totalResults === 0, `${what}: expected totalResults 0, got ${page.totalResults}`);
  check((page.Resources ?? []).length === 0, `${what}: expected no Resources`);
}

/** Fails unless the page holds exactly one user, the one with this id; returns it. */
export function onlyUser(page: UserPage, id: string, what: string): ScimUser {
  const resources = page.Resources ?? [];
  check(
    page.totalResults === 1 && resources.length === 1,
    `${what}: expected exactly 1 user, got totalResults ${page.totalResults} and ${resources.length} Resources`,
  );
  const [user] = resources;
  check(user?.id === id, `${what}: found ${JSON.stringify(user?.id)}, not the user ${id}`);
  return user;
}

/** A page size giving about five pages of the endpoint's users, between 2 and Okta's 100. */
export async function importPageSize(ctx: CaseContext, what: string): Promise<number> {
  const first = await listUsersRaw(ctx, "startIndex=1&count=1", `${what}: GET /Users?startIndex=1&count=1`);
  return Math.min(100, Math.max(2, Math.ceil(first.totalResults / 5)));
}

const MAX_PAGES = 500;

/**
 * Walks `GET /Users?startIndex=…&count=…` the way Okta and JumpCloud import (RFC 7644 §3.4.2.4):
 * `startIndex += count` until `totalResults`. Each page must echo `startIndex`, hold `itemsPerPage`
 * resources and, unless it is the last, a full `count` — a shorter page makes the IdP skip users.
 * Returns the ids in the order read; fails on an id read twice.
 */
export async function walkUsers(ctx: CaseContext, count: number, what: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 0, startIndex = 1; page < MAX_PAGES; page++, startIndex += count) {
    const step = `${what}: GET /Users?startIndex=${startIndex}&count=${count}`;
    const body = await listUsersRaw(ctx, `startIndex=${startIndex}&count=${count}`, step);
    const resources = body.Resources ?? [];
    check(body.startIndex === startIndex, `${step}: startIndex echoed as ${JSON.stringify(body.startIndex)}`);
    check(
      body.itemsPerPage === undefined || body.itemsPerPage === resources.length,
      `${step}: itemsPerPage ${body.itemsPerPage} but ${resources.length} Resources`,
    );
    const last = startIndex + count > body.totalResults;
    check(
      resources.length === (last ? Math.max(0, body.totalResults - startIndex + 1) : count),
      `${step}: ${resources.length} Resources of totalResults ${body.totalResults}; a short page makes the IdP skip users`,
    );
    for (const user of resources) {
      check(!ids.includes(user.id), `${step}: user ${user.id} was already on an earlier page`);
      ids.push(user.id);
    }
    if (last) return ids;
  }
  check(false, `${what}: more than ${MAX_PAGES} pages`);
}
