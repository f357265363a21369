/**
 * @scimkit/conformance — contract tests for SCIM 2.0 services (RFC 7643, RFC 7644): every response
 * checked against the OpenAPI contract spec/openapi.yaml (status, content type, JSON Schema of the
 * body, with Ajv in the 2020-12 dialect).
 */
export { type CheckedFetch, type CheckedFetchOptions, createCheckedFetch } from "./checked-fetch.js";
export {
  type ContractViolation,
  type ContractViolationKind,
  formatContractViolation,
} from "./contract-violation.js";
export type { OpenApiDocument } from "./openapi-document.js";
export type { OperationMatch } from "./operation-matcher.js";
export {
  loadSpecContract,
  type ResponseSample,
  type SpecContract,
  type SpecContractOptions,
} from "./spec-contract.js";
