import { ScimError } from "@scimkit/core";
import { type ListResponse, ScimUrn } from "@scimkit/types";
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
  return {
    getServiceProviderConfig: async () => ({ status: 200, body: config }),
    listResourceTypes: async () => ({ status: 200, body: listOf(types) }),
    getResourceType: async ({ path }) => {
      const found = types.find((type) => type.id === path.name);
      if (found === undefined) throw ScimError.notFound("ResourceType", path.name);
      return { status: 200, body: found };
    },
    listSchemas: async () => ({ status: 200, body: listOf(schemas) }),
    getSchema: async ({ path }) => {
      const found = schemas.find((schema) => schema.id.toLowerCase() === path.id.toLowerCase());
      if (found === undefined) throw ScimError.notFound("Schema", path.id);
      return { status: 200, body: found };
    },
  };
}
