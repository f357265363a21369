import type { ScimClient } from "@scimkit/client";
import type { ResourceType, SchemaDefinition, ServiceProviderConfig } from "@scimkit/types";
import type { ContractViolation } from "./contract-violation.js";

/**
 * `rfc`: RFC 7643/7644 behaviour and the IdP emulations only (the default for other servers).
 * `scimkit`: also the app lifecycle policy of the scimkit reference server (immutable userName,
 * primary email and userType; userName = primary email).
 */
export type ConformanceProfile = "rfc" | "scimkit";

/** What the server announced before the suites ran (RFC 7644 §4). */
export interface Discovered {
  readonly serviceProviderConfig: ServiceProviderConfig | undefined;
  readonly resourceTypes: readonly ResourceType[];
  readonly schemas: readonly SchemaDefinition[];
}

/** What a case can use. Every request goes through the spec-checked fetch, with a timeout. */
export interface CaseContext {
  /** A typed client on the endpoint (raw calls: data-or-error). */
  readonly client: ScimClient;
  /** A raw request relative to the SCIM base URL (e.g. `/Users?filter=…`), for exact bytes. */
  readonly raw: (
    method: string,
    path: string,
    init?: { body?: string; headers?: Record<string, string> },
  ) => Promise<Response>;
  /** A name unique to this run, so the kit can run again and again against one database. */
  readonly unique: (label: string) => string;
  /** An email unique to this run (contains a `+`, as real addresses and JumpCloud's do). */
  readonly uniqueEmail: (label: string) => string;
  /** Registers clean-up (e.g. DELETE of what the case created); run after the suite, newest first. */
  readonly cleanup: (work: () => Promise<unknown>) => void;
  readonly discovered: Discovered;
  readonly profile: ConformanceProfile;
  /** Marks the case skipped with a reason (e.g. the server does not announce a feature). */
  readonly skip: (reason: string) => never;
}

/** One check. `creates: false` marks a case safe for `--read-only` (production endpoints). */
export interface ConformanceCase {
  readonly name: string;
  readonly creates: boolean;
  readonly run: (ctx: CaseContext) => Promise<void>;
}

/** A named group of cases: an RFC area or an IdP's request sequences. */
export interface ConformanceSuite {
  /** Short id used by `--only`, e.g. `users`, `filters`, `okta`. */
  readonly name: string;
  /** What a reader sees, e.g. "Okta (assignment, SPEC test, push, deactivation, import)". */
  readonly title: string;
  /** Set for suites that check the scimkit lifecycle policy; they run only with `--profile scimkit`. */
  readonly profile?: "scimkit";
  /** A reason to skip the whole suite given what the server announced, or undefined to run it. */
  readonly requires?: (discovered: Discovered) => string | undefined;
  readonly cases: readonly ConformanceCase[];
}

/** The outcome of one case. */
export interface CaseResult {
  readonly suite: string;
  readonly name: string;
  readonly status: "passed" | "failed" | "skipped";
  /** Why it failed or was skipped. */
  readonly reason?: string;
  readonly durationMs: number;
  /** Responses during the case that broke spec/openapi.yaml (they fail the case). */
  readonly violations: readonly ContractViolation[];
}

/** All results of a run, and their counts. */
export interface ConformanceReport {
  readonly results: readonly CaseResult[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

/** Thrown by a case's checks: the case failed, with a message a reader understands. */
export class ConformanceFailure extends Error {
  override readonly name = "ConformanceFailure";
}

/** Thrown by `ctx.skip`. */
export class ConformanceSkip extends Error {
  override readonly name = "ConformanceSkip";
}
