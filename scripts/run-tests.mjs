// Runs every package's tests through turbo (cached per package) and prints one summary line,
// `N passed, N failed`, summed from each package's vitest JSON report. Exits non-zero when
// turbo failed, any test or suite failed, a package left no report, or no test ran at all.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const packages = ["packages", "apps", "."]
  .flatMap((dir) => (dir === "." ? [] : readdirSync(join(root, dir)).map((name) => join(root, dir, name))))
  .filter((dir) => {
    const manifest = join(dir, "package.json");
    return existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).scripts?.test !== undefined;
  });

// A report left by an earlier run must not count for this one; turbo restores it from cache when it replays.
for (const dir of packages) {
  rmSync(join(dir, "test-results.json"), { force: true });
  rmSync(join(dir, "test-results-postgres.json"), { force: true });
}

const turbo = spawnSync("pnpm", ["exec", "turbo", "run", "test", "--continue", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
for (const dir of packages) {
  const report = join(dir, "test-results.json");
  if (!existsSync(report)) {
    problems.push(`${dir.slice(root.length)}: no test report`);
    continue;
  }
  // The SQLite run, and the PostgreSQL run where the package has one (apps/server with TEST_POSTGRES_URL).
  const reports = [report, join(dir, "test-results-postgres.json")].filter((file) => existsSync(file));
  for (const file of reports) {
    const result = JSON.parse(readFileSync(file, "utf8"));
    passed += result.numPassedTests;
    failed += result.numFailedTests;
    skipped += result.numPendingTests + result.numTodoTests;
    if (result.numFailedTestSuites > 0) {
      problems.push(`${file.slice(root.length)}: ${result.numFailedTestSuites} failed test file(s)`);
    }
  }
}
for (const problem of problems) console.log(problem);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
const ok = turbo.status === 0 && failed === 0 && problems.length === 0 && passed > 0;
process.exit(ok ? 0 : 1);
