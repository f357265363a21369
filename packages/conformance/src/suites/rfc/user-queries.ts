import type { ListResponse, OperationTypes, ScimUser } from "@scimkit/types";
import type { CaseContext } from "../../suite-types.js";
import { check, checkStatus } from "../checks.js";

/** The query parameters of `GET /Users` (RFC 7644 §3.4.2). */
export type UserQuery = NonNullable<OperationTypes["listUsers"]["parameters"]["query"]>;

/** A ListResponse of users (RFC 7644 §3.4.2) with `Resources` defaulted to `[]` (it may be absent when empty). */
export type UserPage = ListResponse<ScimUser> & { readonly Resources: ScimUser[] };

/** Describes a query for messages: `filter=… count=…`. */
export function describeQuery(query: UserQuery): string {
  return Object.entries(query)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(" ");
}

/** `GET /Users` with the query (RFC 7644 §3.4.2); checks the 200 and the ListResponse envelope. */
export async function queryUsers(ctx: CaseContext, query: UserQuery): Promise<UserPage> {
  const what = `GET /Users ${describeQuery(query)}`;
  const { data, response } = await ctx.client.GET("/Users", { params: { query } });
  await checkStatus(response, 200, what);
  check(data !== undefined, `${what}: no ListResponse in the body`);
  check(
    typeof data.totalResults === "number",
    `${what}: "totalResults" is required in a ListResponse (RFC 7644 §3.4.2)`,
  );
  return { ...data, Resources: data.Resources ?? [] };
}

/** The ids of a page, in order. */
export function idsOf(page: UserPage): string[] {
  return page.Resources.map((user) => user.id);
}

/**
 * Checks that a query returned exactly the expected users (by id, order ignored) and that
 * `totalResults` counts them. `names` maps ids to readable labels for the message.
 */
export function checkSameUsers(
  page: UserPage,
  expected: readonly string[],
  names: ReadonlyMap<string, string>,
  what: string,
): void {
  const label = (id: string) => names.get(id) ?? `another user (${id})`;
  const got = idsOf(page);
  const sortedGot = [...new Set(got)].map(label).sort();
  const sortedWant = [...new Set(expected)].map(label).sort();
  check(
    JSON.stringify(sortedGot) === JSON.stringify(sortedWant),
    `${what}: expected [${sortedWant.join(", ")}], got [${sortedGot.join(", ")}]`,
  );
  check(got.length === new Set(got).size, `${what}: a user is returned more than once`);
  check(
    page.totalResults === expected.length,
    `${what}: totalResults is ${page.totalResults}, but ${expected.length} users match (RFC 7644 §3.4.2)`,
  );
}
