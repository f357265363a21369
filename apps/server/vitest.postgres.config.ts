import { defineConfig } from "vitest/config";
import { httpSuites, sqlHttpSuites } from "./vitest.http-suites.js";

// The HTTP integration tests and the conformance kit again, on PostgreSQL (TEST_POSTGRES_URL): every
// test server gets a fresh schema there (test/helpers/test-server.ts). `pnpm test` runs this after the
// SQLite run when TEST_POSTGRES_URL is set (scripts/test-postgres.mjs).
const conditions = ["source", "module", "node", "development|production"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: [...httpSuites, ...sqlHttpSuites],
    env: { SCIMKIT_TEST_DB: "postgres" },
    testTimeout: 60_000,
    reporters: ["default", ["json", { outputFile: "test-results-postgres.json" }]],
  },
});
