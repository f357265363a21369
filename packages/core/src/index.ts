/**
 * @scimkit/core — SCIM 2.0 semantics as pure code (no I/O): errors, schema resolution, filters,
 * PATCH, validation, projection, mapping and the lifecycle policy.
 */

export {
  type ChangeEvent,
  type ChangeRecord,
  describeChange,
  type GroupSnapshot,
  type ResourceChange,
  type UserSnapshot,
} from "./events/change-events.js";
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
export { isPresentValue } from "./filter/filter-compare.js";
export { parseScimDateTime } from "./filter/filter-datetime.js";
export {
  checkFilterAttributes,
  compileFilter,
  evaluateFilter,
  type FilterPredicate,
} from "./filter/filter-evaluate.js";
export { defaultScimFilterLimits, type ScimFilterLimits } from "./filter/filter-limits.js";
export { logicalOperands } from "./filter/filter-operands.js";
export { parseAttrPath, parseScimFilter, parseScimPatchPath } from "./filter/filter-parser.js";
export { printAttrPath, printScimFilter, printScimPatchPath } from "./filter/filter-printer.js";
export {
  defaultLifecyclePolicy,
  type LifecyclePolicy,
} from "./lifecycle/lifecycle-policy.js";
export { looksLikeEmail, primaryEmail, sameEmail } from "./lifecycle/primary-email.js";
export { applyUserCreatePolicy, applyUserUpdatePolicy } from "./lifecycle/user-policy.js";
export {
  isTeamMember,
  nextUserState,
  type UserLifecycleEvent,
  type UserLifecycleOutcome,
  type UserLifecycleState,
  type UserStatus,
} from "./lifecycle/user-status.js";
export {
  booleanColumn,
  type ColumnSpec,
  type ColumnValue,
  dateTimeColumn,
  keyColumn,
  type ResourceMapping,
  type StorageRecord,
  textColumn,
  type ValueRowsSpec,
} from "./mapping/resource-mapping.js";
export { columnFor, recordToScim, scimToRecord } from "./mapping/storage-record.js";
export { memoize } from "./memo.js";
export { changedAttributes } from "./patch/changed-attributes.js";
export { applyScimPatch, type ScimPatchResult } from "./patch/patch-apply.js";
export { type PatchInstruction, readPatchOperations } from "./patch/patch-message.js";
export { type ListedRemoval, listedRemoval } from "./patch/patch-remove.js";
export { parseAttributeList, parseAttributeNames, parseAttributePath } from "./projection/attribute-list.js";
export {
  compileProjection,
  type Projection,
  type ProjectionOptions,
  projectResource,
} from "./projection/project-resource.js";
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
export { normaliseAttributeName } from "./validation/attribute-names.js";
export { sameAttributeValue } from "./validation/same-value.js";
export { coerceEntraBooleanString, isXsdDateTime } from "./validation/scalar-values.js";
export { type ValidatedResource, validateResource } from "./validation/validate-resource.js";
export { ENTRA_AD_SCIM_GROUP_URN, type ValidationOptions } from "./validation/validation-options.js";
