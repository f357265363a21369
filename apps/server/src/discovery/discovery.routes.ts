import { ScimError } from "@scimkit/core";
import { type ListResponse, ScimUrn } from "@scimkit/types";
import type { Principal } from "../auth/principal.js";
import type { HandlerGroup } from "../http/route-types.js";
import {
  type Capabilities,
  resourceTypes,
  schemaDefinitions,
  serviceProviderConfig,
} from "./discovery.service.js";

type DiscoveryOperation =
  | "getServiceProviderConfig"
  | "listResourceTypes"
  | "getResourceType"
  | "listSchemas"
  | "getSchema";

function listOf<T>(resources: T[]): ListResponse<T> & { Resources: T[] } {
  return {
    schemas: [ScimUrn.ListResponse],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

/**
 * RFC 7644 §4 discovery. The documents are built once per SCIM base URL; they answer per
 * tenant (the token is required) so that per-tenant settings can shape them.
 */
export function discoveryHandlers(
  capabilities: Capabilities,
  scimBaseUrl: string,
): HandlerGroup<DiscoveryOperation> {
  const config = serviceProviderConfig(capabilities, scimBaseUrl);
  const types = resourceTypes(scimBaseUrl);
  const schemas = schemaDefinitions(scimBaseUrl);
  // A tenant whose admin turned group management off sees neither the Group resource type nor its schema.
  const typesFor = (principal: Principal) =>
    principal.tenant.groups ? types : types.filter((type) => type.id !== "Group");
  const schemasFor = (principal: Principal) =>
    principal.tenant.groups ? schemas : schemas.filter((schema) => schema.id !== ScimUrn.Group);
  return {
    getServiceProviderConfig: async () => ({ status: 200, body: config }),
    listResourceTypes: async (_request, { principal }) => ({
      status: 200,
      body: listOf(typesFor(principal)),
    }),
    getResourceType: async ({ path }, { principal }) => {
      const found = typesFor(principal).find((type) => type.id === path.name);
      if (found === undefined) throw ScimError.notFound("ResourceType", path.name);
      return { status: 200, body: found };
    },
    listSchemas: async (_request, { principal }) => ({ status: 200, body: listOf(schemasFor(principal)) }),
    getSchema: async ({ path }, { principal }) => {
      const found = schemasFor(principal).find((schema) => schema.id.toLowerCase() === path.id.toLowerCase());
      if (found === undefined) throw ScimError.notFound("Schema", path.id);
      return { status: 200, body: found };
    },
  };
}
