/**
 * @scimkit/core — SCIM 2.0 semantics as pure code (no I/O): errors now; filters, PATCH,
 * validation, projection, mapping and the lifecycle policy as they land.
 */
export { ScimError, type ScimErrorStatus } from "./scim-error.js";
