import { defineConfig } from "vitest/config";

// The `source` export condition resolves workspace packages to their src/, so tests never wait on a build.
const conditions = ["source", "module", "node", "development|production"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: "test-results.json" }]],
    // The core is where SCIM's semantics live: its line coverage is printed in CI and must stay ≥ 90 %.
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      exclude: ["src/**/*.test.ts", "src/**/*.test-d.ts", "src/index.ts"],
      reporter: ["text-summary"],
      thresholds: { lines: 90 },
    },
  },
});
