/**
 * @scimkit/types — the contract of scimkit as TypeScript: types generated from
 * spec/openapi.yaml by openapi-typescript, the SCIM schema definitions of spec/schemas/
 * as data, and the URNs and media types of RFC 7643/7644. Imports nothing.
 */

import type { operations } from "./generated/operations.js";
import type { components, operations as OperationTypes } from "./generated/scim.js";

export { provisioningEventTypes } from "./generated/event-types.js";
export { openApiDocument } from "./generated/openapi-document.js";
export { operations } from "./generated/operations.js";
export { enterpriseUserSchema, groupSchema, userSchema } from "./generated/schemas.js";
export type { components, paths } from "./generated/scim.js";
export type { OperationTypes };

type Schemas = components["schemas"];

/** A User as the server returns it (RFC 7643 §4.1). */
export type ScimUser = Schemas["User"];
/** A User as a client sends it on create or replace (RFC 7643 §4.1). */
export type ScimUserInput = Schemas["UserInput"];
/** The enterprise User extension (RFC 7643 §4.3). */
export type ScimEnterpriseUser = Schemas["EnterpriseUser"];
/** A Group as the server returns it (RFC 7643 §4.2). */
export type ScimGroup = Schemas["Group"];
/** A Group as a client sends it on create or replace (RFC 7643 §4.2). */
export type ScimGroupInput = Schemas["GroupInput"];
/** A member of a Group (RFC 7643 §4.2). */
export type ScimGroupMember = Schemas["GroupMember"];
/** Resource metadata (RFC 7643 §3.1). */
export type ScimMeta = Schemas["Meta"];
/** A PATCH request (RFC 7644 §3.5.2). */
export type PatchOp = Schemas["PatchOp"];
/** One operation of a PATCH request (RFC 7644 §3.5.2). */
export type PatchOperation = Schemas["PatchOperation"];
/** A query sent as a POST body (RFC 7644 §3.4.3). */
export type SearchRequest = Schemas["SearchRequest"];
/** The SCIM error message (RFC 7644 §3.12). */
export type ScimErrorBody = Schemas["Error"];
/** The `scimType` values of RFC 7644 §3.12. */
export type ScimType = Schemas["ScimType"];
/** RFC 7643 §5. */
export type ServiceProviderConfig = Schemas["ServiceProviderConfig"];
/** RFC 7643 §6. */
export type ResourceType = Schemas["ResourceType"];
/** A schema definition (RFC 7643 §7). */
export type SchemaDefinition = Schemas["Schema"];
/** An attribute definition (RFC 7643 §7). */
export type SchemaAttribute = Schemas["SchemaAttribute"];
/** `ascending` or `descending` (RFC 7644 §3.4.2.3). */
export type SortOrder = Schemas["SortOrder"];

/** A query result envelope (RFC 7644 §3.4.2) over resources of type `T`. */
export type ListResponse<T> = Schemas["ListResponseBase"] & { Resources?: T[] };

/**
 * The operationIds of spec/openapi.yaml's paths: the operations a server answers. (The spec's
 * `webhooks`, which scimkit sends rather than answers, are operations of the generated types
 * too, but have no entry in `operations`.)
 */
export type OperationId = keyof typeof operations & keyof OperationTypes;

/** The operationIds of spec/openapi.yaml whose (first) tag is one of `Tag`. */
export type OperationIdTagged<Tag extends string> = {
  [K in OperationId]: (typeof operations)[K]["tag"] extends Tag ? K : never;
}[OperationId];

/** The media type of SCIM messages (RFC 7644 §3.1). */
export const SCIM_MEDIA_TYPE = "application/scim+json";

/** Schema and message URNs of RFC 7643 and RFC 7644. */
export const ScimUrn = {
  User: "urn:ietf:params:scim:schemas:core:2.0:User",
  EnterpriseUser: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  Group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  ServiceProviderConfig: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  ResourceType: "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
  Schema: "urn:ietf:params:scim:schemas:core:2.0:Schema",
  ListResponse: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  SearchRequest: "urn:ietf:params:scim:api:messages:2.0:SearchRequest",
  PatchOp: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  Error: "urn:ietf:params:scim:api:messages:2.0:Error",
  BulkRequest: "urn:ietf:params:scim:api:messages:2.0:BulkRequest",
  BulkResponse: "urn:ietf:params:scim:api:messages:2.0:BulkResponse",
} as const;

/** The `scimType` values of RFC 7644 §3.12, as data. */
export const SCIM_TYPES = [
  "invalidFilter",
  "tooMany",
  "uniqueness",
  "mutability",
  "invalidSyntax",
  "invalidPath",
  "noTarget",
  "invalidValue",
  "invalidVers",
  "sensitive",
] as const satisfies readonly ScimType[];

/** A provisioning event: the body of a webhook delivery (the spec's `webhooks.provisioningEvent`). */
export type ProvisioningEvent = Schemas["ProvisioningEvent"];
/** The type of a provisioning event. */
export type ProvisioningEventType = Schemas["ProvisioningEventType"];
