// Runs every package's tests through turbo (cached per package) and prints one summary line,
// `N passed, N failed`, summed from each package's vitest JSON report. Exits non-zero when
// turbo failed, any test or suite failed, a package left no report, or no test ran at all.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
// Every workspace package (pnpm-workspace.yaml: `- packages/*`, `- bench`, …) that has a test script.
const workspace = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8");
const packagesSection = workspace.split(/^packages:\s*$/m)[1]?.split(/^\S/m)[0] ?? "";
const patterns = [...packagesSection.matchAll(/^\s+-\s+"?([\w./*-]+)"?\s*$/gm)].map((match) => match[1]);
const packages = patterns
  .flatMap((pattern) =>
    pattern.endsWith("/*")
      ? readdirSync(join(root, pattern.slice(0, -2))).map((name) => join(root, pattern.slice(0, -2), name))
      : [join(root, pattern)],
  )
  .filter((dir) => {
    const manifest = join(dir, "package.json");
    return existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).scripts?.test !== undefined;
  });

// A report left by an earlier run must not count for this one; turbo restores it from cache when it replays.
for (const dir of packages) {
  rmSync(join(dir, "test-results.json"), { force: true });
  rmSync(join(dir, "test-results-postgres.json"), { force: true });
  rmSync(join(dir, "test-results-memory.json"), { force: true });
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
  // The SQLite run, and the in-memory store's and PostgreSQL's runs where the package has them
  // (apps/server; PostgreSQL with TEST_POSTGRES_URL).
  const reports = [
    report,
    join(dir, "test-results-memory.json"),
    join(dir, "test-results-postgres.json"),
  ].filter((file) => existsSync(file));
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
