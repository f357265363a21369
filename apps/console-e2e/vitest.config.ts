import { defineConfig } from "vitest/config";

const conditions = ["source", "module", "node", "development|production"];

// One browser session drives the built server; its steps depend on each other, so they run in order.
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    reporters: ["default", ["json", { outputFile: "test-results.json" }]],
  },
});
