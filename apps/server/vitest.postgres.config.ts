import { defineConfig } from "vitest/config";

// The HTTP integration tests and the conformance kit again, on PostgreSQL (TEST_POSTGRES_URL): every
// test server gets a fresh schema there (test/helpers/test-server.ts). `pnpm test` runs this after the
// SQLite run when TEST_POSTGRES_URL is set (scripts/test-postgres.mjs).
const conditions = ["source", "module", "node", "development|production"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: [
      "test/http-contract.test.ts",
      "test/discovery-client.test.ts",
      "test/users-lifecycle.test.ts",
      "test/console-team.test.ts",
      "test/console-tokens.test.ts",
      "test/user-counts.test.ts",
      "test/no-500.test.ts",
      "test/idp/**/*.test.ts",
      "test/groups/idp-groups.test.ts",
      "test/groups/groups-rules.test.ts",
      "test/groups/group-patch-forms.test.ts",
      "test/groups/user-etag.test.ts",
      "test/conformance/**/*.test.ts",
      "test/reliability/concurrency.test.ts",
      "test/reliability/fuzz.test.ts",
      "test/reliability/isolation.test.ts",
      "test/reliability/nul-character.test.ts",
      "test/reliability/tokens.test.ts",
    ],
    env: { SCIMKIT_TEST_DB: "postgres" },
    testTimeout: 60_000,
    reporters: ["default", ["json", { outputFile: "test-results-postgres.json" }]],
  },
});
