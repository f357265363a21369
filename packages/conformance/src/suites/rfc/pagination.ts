import { filter } from "@scimkit/client";
import type { CaseContext, ConformanceSuite } from "../../suite-types.js";
import { check, checkEqual } from "../checks.js";
import { requiresFeatures } from "./announced-features.js";
import { createUser, oncePerRun } from "./user-fixtures.js";
import { checkSameUsers, idsOf, queryUsers, type UserPage } from "./user-queries.js";

const PAGE_USERS = 7;
const PAGE_SIZE = 3;

interface PageFixture {
  readonly filter: string;
  readonly ids: readonly string[];
  readonly names: ReadonlyMap<string, string>;
}

/** Seven users with a common externalId prefix, created once per run. */
const pageFixture = oncePerRun(async (ctx): Promise<PageFixture> => {
  const prefix = ctx.unique("page-");
  const ids: string[] = [];
  for (let i = 1; i <= PAGE_USERS; i++) {
    ids.push((await createUser(ctx, `page-${i}`, { externalId: `${prefix}${i}` })).id);
  }
  return {
    filter: String(filter.sw("externalId", prefix)),
    ids,
    names: new Map(ids.map((id, i) => [id, `user ${i + 1}`])),
  };
});

function checkPageEnvelope(page: UserPage, startIndex: number, what: string): void {
  if (page.startIndex !== undefined) checkEqual(page.startIndex, startIndex, `${what}: startIndex`);
  if (page.itemsPerPage !== undefined) {
    checkEqual(page.itemsPerPage, page.Resources.length, `${what}: itemsPerPage (the number returned)`);
  }
}

/** Walks the pages; servers may return fewer than `count` (RFC 7644 §3.4.2.4), so it advances by what came back. */
async function walkPages(ctx: CaseContext, fx: PageFixture): Promise<string[]> {
  const seen: string[] = [];
  let startIndex = 1;
  for (let pages = 0; startIndex <= PAGE_USERS; pages++) {
    check(pages < PAGE_USERS, `paging with count=${PAGE_SIZE} did not reach the end after ${pages} pages`);
    const page = await queryUsers(ctx, { filter: fx.filter, startIndex, count: PAGE_SIZE });
    const what = `GET /Users?filter=${fx.filter}&startIndex=${startIndex}&count=${PAGE_SIZE}`;
    checkEqual(page.totalResults, PAGE_USERS, `${what}: totalResults (the same on every page)`);
    checkPageEnvelope(page, startIndex, what);
    check(page.Resources.length <= PAGE_SIZE, `${what}: ${page.Resources.length} resources, more than count`);
    check(page.Resources.length > 0, `${what}: an empty page before totalResults was reached`);
    seen.push(...idsOf(page));
    startIndex += page.Resources.length;
  }
  return seen;
}

/** RFC 7644 §3.4.2.4: startIndex and count over the run's users. */
export const paginationSuite: ConformanceSuite = {
  name: "pagination",
  title: "Pagination (startIndex, count, totalResults, itemsPerPage)",
  requires: requiresFeatures("filter"),
  cases: [
    {
      name: "walking pages of count=3 returns every user once, with a constant totalResults (RFC 7644 §3.4.2.4)",
      creates: true,
      run: async (ctx) => {
        const fx = await pageFixture(ctx);
        const seen = await walkPages(ctx, fx);
        const duplicates = seen.filter((id, i) => seen.indexOf(id) !== i);
        check(duplicates.length === 0, `paging returned a user twice: ${duplicates.join(", ")}`);
        const missing = fx.ids.filter((id) => !seen.includes(id));
        check(missing.length === 0, `paging skipped ${missing.map((id) => fx.names.get(id)).join(", ")}`);
      },
    },
    {
      name: "count=0 returns totalResults and no resources (RFC 7644 §3.4.2.4)",
      creates: true,
      run: async (ctx) => {
        const fx = await pageFixture(ctx);
        const page = await queryUsers(ctx, { filter: fx.filter, count: 0 });
        checkEqual(page.totalResults, PAGE_USERS, `GET /Users?filter=${fx.filter}&count=0: totalResults`);
        checkEqual(page.Resources.length, 0, `GET /Users?filter=${fx.filter}&count=0: number of Resources`);
      },
    },
    {
      name: "a startIndex past the last result returns an empty page (RFC 7644 §3.4.2.4)",
      creates: true,
      run: async (ctx) => {
        const fx = await pageFixture(ctx);
        const startIndex = PAGE_USERS + 1;
        const page = await queryUsers(ctx, { filter: fx.filter, startIndex, count: PAGE_SIZE });
        const what = `GET /Users?filter=${fx.filter}&startIndex=${startIndex}`;
        checkEqual(page.totalResults, PAGE_USERS, `${what}: totalResults`);
        checkEqual(page.Resources.length, 0, `${what}: number of Resources`);
      },
    },
    {
      name: "a startIndex below 1 is read as 1 (RFC 7644 §3.4.2.4)",
      creates: true,
      run: async (ctx) => {
        const fx = await pageFixture(ctx);
        const page = await queryUsers(ctx, { filter: fx.filter, startIndex: 0, count: PAGE_SIZE });
        const what = `GET /Users?filter=${fx.filter}&startIndex=0&count=${PAGE_SIZE}`;
        checkPageEnvelope(page, 1, what);
        checkEqual(page.Resources.length, PAGE_SIZE, `${what}: number of Resources`);
      },
    },
    {
      name: "a count above filter.maxResults is answered with at most maxResults (RFC 7643 §5)",
      creates: true,
      run: async (ctx) => {
        const fx = await pageFixture(ctx);
        const maxResults = ctx.discovered.serviceProviderConfig?.filter.maxResults ?? PAGE_USERS;
        const page = await queryUsers(ctx, { filter: fx.filter, count: maxResults + 1 });
        const what = `GET /Users?filter=${fx.filter}&count=${maxResults + 1}`;
        check(
          page.Resources.length <= maxResults,
          `${what}: ${page.Resources.length} resources, over maxResults ${maxResults}`,
        );
        if (maxResults >= PAGE_USERS) checkSameUsers(page, fx.ids, fx.names, what);
      },
    },
    {
      name: "a negative count is read as 0 (RFC 7644 §3.4.2.4)",
      creates: false,
      run: async (ctx) => {
        const page = await queryUsers(ctx, { count: -1 });
        checkEqual(page.Resources.length, 0, "GET /Users?count=-1: number of Resources");
      },
    },
    {
      name: "count=0 on all users answers totalResults only (RFC 7644 §3.4.2.4)",
      creates: false,
      run: async (ctx) => {
        const page = await queryUsers(ctx, { count: 0 });
        check(page.totalResults >= 0, "GET /Users?count=0: totalResults is negative");
        checkEqual(page.Resources.length, 0, "GET /Users?count=0: number of Resources");
      },
    },
  ],
};
