import { allSuites, type ConformanceProfile, type ConformanceReport, runSuites } from "@scimkit/conformance";
import { afterEach, describe, expect, it } from "vitest";
import { type Framework, frameworks, listenApp, type RunningApp, SCIM_BASE_PATH } from "../src/http-apps.js";
import { type ExistingApp, openExistingApp } from "../src/index.js";

/*
 * The conformance kit (the RFC 7643/7644 suites, the IdP emulations and, under the scimkit
 * profile, the lifecycle policy) against the example app on each framework it mounts scimkit on:
 * Koa through createScimRouter, Hono and Express through createScimHandler. Each run gets a fresh
 * database, organization and token.
 */

const opened: { app: ExistingApp; running: RunningApp }[] = [];
afterEach(async () => {
  for (const { app, running } of opened.splice(0)) {
    await running.close();
    await app.close();
  }
});

async function runKit(framework: Framework, profile: ConformanceProfile): Promise<ConformanceReport> {
  const app = await openExistingApp();
  const running = await listenApp(app, { framework });
  opened.push({ app, running });
  const token = await app.createScimToken(app.organizationId, "conformance");
  return runSuites(allSuites, { baseUrl: running.origin + SCIM_BASE_PATH, token: token.secret, profile });
}

const failuresOf = (report: ConformanceReport) =>
  report.results.filter((r) => r.status === "failed").map((r) => `${r.suite} › ${r.name}: ${r.reason ?? ""}`);
const skippedOf = (report: ConformanceReport) =>
  report.results
    .filter((r) => r.status === "skipped")
    .map((r) => `${r.suite} › ${r.name}: ${r.reason ?? ""}`);

describe.each(frameworks)("the conformance kit against the example app on %s", (framework) => {
  it("passes every suite under --profile scimkit, skipping nothing", { timeout: 120_000 }, async () => {
    const report = await runKit(framework, "scimkit");
    expect(failuresOf(report)).toEqual([]);
    expect(skippedOf(report)).toEqual([]);
    expect(report.passed).toBeGreaterThan(150);
  });

  it("passes every suite under --profile rfc, skipping only the scimkit policy", {
    timeout: 120_000,
  }, async () => {
    const report = await runKit(framework, "rfc");
    expect(failuresOf(report)).toEqual([]);
    expect(skippedOf(report).filter((line) => !line.endsWith("needs --profile scimkit"))).toEqual([]);
    expect(report.passed).toBeGreaterThan(100);
  });
});
