import { filter } from "@scimkit/client";
import type { SortOrder } from "@scimkit/types";
import type { ConformanceCase, ConformanceSuite } from "../../suite-types.js";
import { checkEqual } from "../checks.js";
import { requiresFeatures } from "./announced-features.js";
import { createUser, oncePerRun } from "./user-fixtures.js";
import { idsOf, queryUsers } from "./user-queries.js";

interface SortFixture {
  readonly filter: string;
  /** The users by userName, ascending (userName is caseExact false, so compared lower-cased). */
  readonly ascending: readonly { readonly id: string; readonly userName: string }[];
}

/** Four users created out of order (c, a, d, b), so insertion order is not sorted order. */
const sortFixture = oncePerRun(async (ctx): Promise<SortFixture> => {
  const prefix = ctx.unique("sort-");
  const users: { id: string; userName: string }[] = [];
  for (const letter of ["c", "a", "d", "b"]) {
    const user = await createUser(ctx, `sort-${letter}`, { externalId: `${prefix}${letter}` });
    users.push({ id: user.id, userName: user.userName.toLowerCase() });
  }
  const ascending = [...users].sort((x, y) =>
    x.userName < y.userName ? -1 : x.userName > y.userName ? 1 : 0,
  );
  return { filter: String(filter.sw("externalId", prefix)), ascending };
});

function sortCase(name: string, sortOrder: SortOrder | undefined): ConformanceCase {
  return {
    name,
    creates: true,
    run: async (ctx) => {
      const fx = await sortFixture(ctx);
      const page = await queryUsers(ctx, {
        filter: fx.filter,
        sortBy: "userName",
        ...(sortOrder === undefined ? {} : { sortOrder }),
      });
      const expected = sortOrder === "descending" ? [...fx.ascending].reverse() : fx.ascending;
      const userNameOf = new Map(fx.ascending.map((user) => [user.id, user.userName]));
      checkEqual(
        idsOf(page).map((id) => userNameOf.get(id) ?? id),
        expected.map((user) => user.userName),
        `GET /Users?filter=${fx.filter}&sortBy=userName${sortOrder === undefined ? "" : `&sortOrder=${sortOrder}`}: order of userName`,
      );
    },
  };
}

/** RFC 7644 §3.4.2.3: sortBy and sortOrder over the run's users. */
export const sortingSuite: ConformanceSuite = {
  name: "sorting",
  title: "Sorting (sortBy, sortOrder)",
  requires: requiresFeatures("sort", "filter"),
  cases: [
    sortCase("sortBy=userName&sortOrder=ascending orders by userName (RFC 7644 §3.4.2.3)", "ascending"),
    sortCase(
      "sortBy=userName&sortOrder=descending orders by userName, reversed (RFC 7644 §3.4.2.3)",
      "descending",
    ),
    sortCase("sortBy without sortOrder sorts ascending (RFC 7644 §3.4.2.3)", undefined),
  ],
};
