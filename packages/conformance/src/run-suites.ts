import { createScimClient } from "@scimkit/client";
import type { ResourceType, SchemaDefinition, ServiceProviderConfig } from "@scimkit/types";
import { createCheckedFetch } from "./checked-fetch.js";
import { formatContractViolation } from "./contract-violation.js";
import { loadSpecContract } from "./spec-contract.js";
import {
  type CaseContext,
  type CaseResult,
  ConformanceFailure,
  type ConformanceProfile,
  type ConformanceReport,
  ConformanceSkip,
  type ConformanceSuite,
  type Discovered,
} from "./suite-types.js";

/** How to run the kit against one SCIM endpoint. */
export interface RunOptions {
  /** The SCIM base URL, e.g. `https://app.example.com/scim/v2`. */
  readonly baseUrl: string;
  readonly token: string;
  readonly profile?: ConformanceProfile;
  /** Run only the cases that create nothing (for production endpoints). */
  readonly readOnly?: boolean;
  /** Suite names to run (all when undefined). */
  readonly only?: readonly string[];
  /** Per-request timeout; a request that takes longer fails its case. */
  readonly timeoutMs?: number;
  /** The fetch to send requests with (tests pass a fault-injecting one). */
  readonly fetch?: typeof fetch;
  /** Called after each case (progress output). */
  readonly onResult?: (result: CaseResult) => void;
}

function withTimeout(send: typeof fetch, timeoutMs: number): typeof fetch {
  return (input, init) => {
    const signal = AbortSignal.timeout(timeoutMs);
    const request = new Request(input, init);
    return send(
      new Request(request, { signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal }),
    );
  };
}

async function discover(client: ReturnType<typeof createScimClient>): Promise<Discovered> {
  const [config, types, schemas] = await Promise.all([
    client.GET("/ServiceProviderConfig").catch(() => undefined),
    client.GET("/ResourceTypes").catch(() => undefined),
    client.GET("/Schemas").catch(() => undefined),
  ]);
  return {
    serviceProviderConfig: config?.data as ServiceProviderConfig | undefined,
    resourceTypes: (types?.data?.Resources ?? []) as ResourceType[],
    schemas: (schemas?.data?.Resources ?? []) as SchemaDefinition[],
  };
}

/**
 * Runs suites against a SCIM endpoint: discovery first, then each suite's cases in order, each
 * with its requests checked against spec/openapi.yaml (a contract violation fails the case),
 * clean-up after each suite. Never prints or returns the token.
 */
export async function runSuites(
  suites: readonly ConformanceSuite[],
  options: RunOptions,
): Promise<ConformanceReport> {
  const profile = options.profile ?? "rfc";
  const contract = loadSpecContract();
  const checked = createCheckedFetch(contract, {
    fetch: withTimeout(options.fetch ?? globalThis.fetch, options.timeoutMs ?? 10_000),
  });
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const client = createScimClient({
    baseUrl,
    token: options.token,
    fetch: checked.fetch,
    retry: { retries: 2, maxDelayMs: 2_000 },
  });
  const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const discovered = await discover(client);
  const results: CaseResult[] = [];
  const record = (result: CaseResult) => {
    results.push(result);
    options.onResult?.(result);
  };
  for (const suite of suites) {
    if (options.only !== undefined && !options.only.includes(suite.name)) continue;
    const suiteSkip =
      suite.profile === "scimkit" && profile !== "scimkit"
        ? "needs --profile scimkit"
        : suite.requires?.(discovered);
    const cleanups: (() => Promise<unknown>)[] = [];
    for (const testCase of suite.cases) {
      const skipReason =
        suiteSkip ?? (options.readOnly && testCase.creates ? "creates data (--read-only)" : undefined);
      if (skipReason !== undefined) {
        record({
          suite: suite.name,
          name: testCase.name,
          status: "skipped",
          reason: skipReason,
          durationMs: 0,
          violations: [],
        });
        continue;
      }
      const ctx: CaseContext = {
        client,
        raw: (method, path, init = {}) =>
          checked.fetch(`${baseUrl}${path}`, {
            method,
            headers: {
              authorization: `Bearer ${options.token}`,
              accept: "application/scim+json",
              ...(init.body === undefined ? {} : { "content-type": "application/scim+json" }),
              ...init.headers,
            },
            ...(init.body === undefined ? {} : { body: init.body }),
          }),
        unique: (label) => `scimkit-conformance-${runId}-${label}`,
        uniqueEmail: (label) => `sc-${runId}-${label}+kit@example.com`,
        cleanup: (work) => void cleanups.push(work),
        discovered,
        profile,
        skip: (reason) => {
          throw new ConformanceSkip(reason);
        },
      };
      record(await runCase(suite.name, testCase, ctx, checked.violations));
    }
    for (const work of cleanups.reverse()) await work().catch(() => undefined);
  }
  return {
    results,
    passed: results.filter((r) => r.status === "passed").length,
    failed: results.filter((r) => r.status === "failed").length,
    skipped: results.filter((r) => r.status === "skipped").length,
  };
}

async function runCase(
  suite: string,
  testCase: ConformanceSuite["cases"][number],
  ctx: CaseContext,
  violations: { length: number; slice: (start: number) => CaseResult["violations"] },
): Promise<CaseResult> {
  const started = performance.now();
  const before = violations.length;
  const done = (status: CaseResult["status"], reason?: string): CaseResult => {
    const found = violations.slice(before);
    const failed = status === "passed" && found.length > 0;
    const why = failed
      ? `response does not conform to the spec: ${found.map(formatContractViolation).join("; ")}`
      : reason;
    return {
      suite,
      name: testCase.name,
      status: failed ? "failed" : status,
      ...(why === undefined ? {} : { reason: why }),
      durationMs: Math.round(performance.now() - started),
      violations: found,
    };
  };
  try {
    await testCase.run(ctx);
    return done("passed");
  } catch (error) {
    if (error instanceof ConformanceSkip) return done("skipped", error.message);
    if (error instanceof ConformanceFailure) return done("failed", error.message);
    return done("failed", `unexpected error: ${(error as Error).message}`);
  }
}
