import { enterpriseUserSchema, groupSchema, type SchemaDefinition, userSchema } from "@scimkit/types";

/** A resource type's schemas (RFC 7643 §6): its core schema and the extensions it allows. */
export interface ResourceSchema {
  /** The resource type's name, as in `meta.resourceType` ("User", "Group"). */
  readonly name: string;
  readonly core: SchemaDefinition;
  readonly extensions: readonly SchemaDefinition[];
}

/** User: core User schema with the enterprise extension (RFC 7643 §4.1, §4.3). */
export const userResourceSchema: ResourceSchema = {
  name: "User",
  core: userSchema,
  extensions: [enterpriseUserSchema],
};

/** Group: core Group schema, no extensions (RFC 7643 §4.2). */
export const groupResourceSchema: ResourceSchema = { name: "Group", core: groupSchema, extensions: [] };

/** The schema URNs a resource of this type may list in `schemas`. */
export function schemaUrnsOf(resource: ResourceSchema): string[] {
  return [resource.core.id, ...resource.extensions.map((extension) => extension.id)];
}

/** Whether `urn` names the resource's core schema. */
export function isCoreUrn(resource: ResourceSchema, urn: string): boolean {
  return urn.toLowerCase() === resource.core.id.toLowerCase();
}
