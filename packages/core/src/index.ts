/**
 * @scimkit/core — SCIM 2.0 semantics as pure code (no I/O): errors, schema resolution, filters,
 * PATCH, validation, projection, mapping and the lifecycle policy.
 */
export type {
  AttrPath,
  CompareNode,
  CompareOperator,
  FilterNode,
  FilterValue,
  LogicalNode,
  NotNode,
  PatchPath,
  PresentNode,
  ValuePathNode,
} from "./filter/filter-ast.js";
export {
  findSubAttribute,
  knownSchemaUrn,
  type ResolvedAttribute,
  resolveAttribute,
} from "./schema/attribute-catalog.js";
export { foldCase } from "./schema/case-fold.js";
export { commonAttributes } from "./schema/common-attributes.js";
export {
  groupResourceSchema,
  isCoreUrn,
  type ResourceSchema,
  schemaUrnsOf,
  userResourceSchema,
} from "./schema/resource-schemas.js";
export { ScimError, type ScimErrorStatus } from "./scim-error.js";
