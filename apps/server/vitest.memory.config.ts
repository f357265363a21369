import { defineConfig } from "vitest/config";
import { httpSuites } from "./vitest.http-suites.js";

// The HTTP integration tests and the conformance kit again, on the in-memory store (DATABASE_URL=memory:):
// every test server gets a fresh store (test/helpers/test-server.ts). `pnpm test` runs this after the
// SQLite run.
const conditions = ["source", "module", "node", "development|production"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: httpSuites,
    env: { SCIMKIT_TEST_DB: "memory" },
    testTimeout: 60_000,
    reporters: ["default", ["json", { outputFile: "test-results-memory.json" }]],
  },
});
