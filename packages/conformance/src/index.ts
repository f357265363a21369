/**
 * @scimkit/conformance — contract tests for SCIM 2.0 services (RFC 7643, RFC 7644): every response
 * checked against the OpenAPI contract spec/openapi.yaml (status, content type, JSON Schema of the
 * body, with Ajv in the 2020-12 dialect).
 */
export { type CheckedFetch, type CheckedFetchOptions, createCheckedFetch } from "./checked-fetch.js";
export { type CliIo, type CliStream, runCli } from "./cli/run-cli.js";
export {
  type ContractViolation,
  type ContractViolationKind,
  formatContractViolation,
} from "./contract-violation.js";
export type { OpenApiDocument } from "./openapi-document.js";
export type { OperationMatch } from "./operation-matcher.js";
export {
  type FormatReportOptions,
  formatCaseLine,
  formatReport,
  formatSummary,
} from "./report/format-report.js";
export { type JsonReport, type JsonRunOptions, toJsonReport } from "./report/json-report.js";
export { type RunOptions, runSuites } from "./run-suites.js";
export {
  loadSpecContract,
  type ResponseSample,
  type SpecContract,
  type SpecContractOptions,
} from "./spec-contract.js";
export {
  type CaseContext,
  type CaseResult,
  type ConformanceCase,
  ConformanceFailure,
  type ConformanceProfile,
  type ConformanceReport,
  ConformanceSkip,
  type ConformanceSuite,
  type Discovered,
} from "./suite-types.js";
export { allSuites } from "./suites/all.js";
export { check, checkEqual, checkStatus } from "./suites/checks.js";
export { idpSuites } from "./suites/idp/index.js";
export { policySuites } from "./suites/policy/lifecycle-policy.js";
export { rfcSuites } from "./suites/rfc/index.js";
