// Runs the integration tests a second time on PostgreSQL when TEST_POSTGRES_URL is set; says so
// plainly when it is not, so a run without PostgreSQL is never mistaken for one with it.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";

rmSync("test-results-postgres.json", { force: true });
if (!process.env.TEST_POSTGRES_URL) {
  console.log("PostgreSQL integration run skipped: TEST_POSTGRES_URL is not set (pnpm test:pg sets it).");
  process.exit(0);
}
const run = spawnSync("vitest", ["run", "--config", "vitest.postgres.config.ts"], {
  stdio: "inherit",
  shell: false,
});
if (run.error !== undefined) {
  console.error(
    `PostgreSQL integration run could not start vitest: ${run.error.message} (run it through pnpm test)`,
  );
}
process.exit(run.status ?? 1);
