import { defineConfig } from "vitest/config";

// Built into dist/, which the reference server serves at /admin/ (index.js names the folder).
// Workspace packages resolve to their TypeScript sources, so the console needs no build of them.
export default defineConfig({
  base: "/admin/",
  resolve: { conditions: ["source", "module", "browser", "development|production"] },
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", sourcemap: false },
  test: {
    include: ["src/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: "test-results.json" }]],
  },
});
