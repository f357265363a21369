import type { SortKey } from "@scimkit/router";
import { afterEach, describe, expect, it } from "vitest";
import type { ExistingApp } from "../src/index.js";
import { failure, ORG, openApp, provision } from "./app-fixtures.js";

/*
 * sortBy on an attribute the app has no column for: displayName lives in `scim_attributes`, so
 * the list orders by its JSON value, folded as the filter compares it, in SQL, with offset and
 * keyset pages that never overlap.
 */

const apps: ExistingApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function seeded(): Promise<ExistingApp> {
  const app = await openApp();
  apps.push(app);
  const names = [
    ["u1", "bea"],
    ["u2", "Ann"],
    ["u3", undefined],
    ["u4", "carl"],
    ["u5", "ANN"],
    ["u6", "Émile"],
  ] as const;
  for (const [id, displayName] of names)
    await provision(app, {
      id,
      email: `${id}@example.com`,
      ...(displayName === undefined ? {} : { displayName }),
    });
  return app;
}

const byDisplayName = (descending: boolean): SortKey[] => [{ attribute: "displayName", descending }];

describe("sorting the app's users by displayName (a JSON attribute)", () => {
  it.each([
    ["ascending", false, ["u3", "u2", "u5", "u1", "u4", "u6"]],
    ["descending", true, ["u6", "u4", "u1", "u2", "u5", "u3"]],
  ] as const)(
    "orders %s, case-insensitively, ties by creation then id ascending, absent values as SQLite orders NULL",
    async (_name, descending, want) => {
      const app = await seeded();
      const page = await app.store.read.users.list(ORG, {
        sort: byDisplayName(descending),
        page: { kind: "offset", startIndex: 1, count: 10 },
      });
      expect(page.items.map((user) => user.resource.id)).toEqual(want);
    },
  );

  it("walks keyset pages of two without a gap or a repeat, in both directions", async () => {
    const app = await seeded();
    for (const descending of [false, true]) {
      const seen: unknown[] = [];
      let after: Parameters<ExistingApp["store"]["read"]["users"]["list"]>[1]["page"] = {
        kind: "keyset",
        count: 2,
      };
      for (;;) {
        const page = await app.store.read.users.list(ORG, { sort: byDisplayName(descending), page: after });
        seen.push(...page.items.map((user) => user.resource.id));
        if (page.items.length < 2 || page.end === undefined) break;
        after = { kind: "keyset", count: 2, after: page.end };
      }
      const whole = await app.store.read.users.list(ORG, {
        sort: byDisplayName(descending),
        page: { kind: "offset", startIndex: 1, count: 10 },
      });
      expect(seen).toEqual(whole.items.map((user) => user.resource.id));
    }
  });

  it("refuses a multi-valued attribute without a column with 400 invalidValue", async () => {
    const app = await seeded();
    expect(
      await failure(
        app.store.read.users.list(ORG, {
          sort: [{ attribute: "phoneNumbers.value", descending: false }],
          page: { kind: "offset", startIndex: 1, count: 10 },
        }),
      ),
    ).toEqual({ status: 400, scimType: "invalidValue" });
  });
});
