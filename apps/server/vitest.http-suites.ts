/**
 * The suites that run through HTTP against a test server (test/helpers/test-server.ts) and so run
 * on every store: SQLite (vitest.config.ts), PostgreSQL (vitest.postgres.config.ts) and the
 * in-memory store (vitest.memory.config.ts). Storage-specific suites (crash, plans, migrations,
 * CLI, two instances) run only on the databases they concern.
 */
export const httpSuites = [
  "test/http-contract.test.ts",
  "test/discovery-client.test.ts",
  "test/users-lifecycle.test.ts",
  "test/console-team.test.ts",
  "test/console-tokens.test.ts",
  "test/webhooks-api.test.ts",
  "test/webhook-deliveries.test.ts",
  "test/events-api.test.ts",
  "test/events/**/*.test.ts",
  "test/no-500.test.ts",
  "test/rate-limit.test.ts",
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
  "test/store-contract.test.ts",
];

/** HTTP suites that also read SQL tables the in-memory store has not (the kept user counts). */
export const sqlHttpSuites = ["test/user-counts.test.ts"];
