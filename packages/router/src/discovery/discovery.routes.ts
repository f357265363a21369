import { memoize, ScimError } from "@scimkit/core";
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
 * RFC 7644 §4 discovery. The documents are built once per SCIM base URL (a host may serve
 * several origins); they answer per tenant (the token is required) so that per-tenant settings
 * can shape them.
 */
export function discoveryHandlers(capabilities: Capabilities): HandlerGroup<DiscoveryOperation> {
  const documents = memoize(
    16,
    (scimBaseUrl: string) => scimBaseUrl,
    (scimBaseUrl) => ({
      config: serviceProviderConfig(capabilities, scimBaseUrl),
      types: resourceTypes(scimBaseUrl),
      schemas: schemaDefinitions(scimBaseUrl),
    }),
  );
  // A tenant whose admin turned group management off sees neither the Group resource type nor its schema.
  const typesFor = (principal: Principal, base: string) => {
    const { types } = documents(base);
    return principal.settings.groups ? types : types.filter((type) => type.id !== "Group");
  };
  const schemasFor = (principal: Principal, base: string) => {
    const { schemas } = documents(base);
    return principal.settings.groups ? schemas : schemas.filter((schema) => schema.id !== ScimUrn.Group);
  };
  return {
    getServiceProviderConfig: async (_request, { scimBaseUrl }) => ({
      status: 200,
      body: documents(scimBaseUrl).config,
    }),
    listResourceTypes: async (_request, { principal, scimBaseUrl }) => ({
      status: 200,
      body: listOf(typesFor(principal, scimBaseUrl)),
    }),
    getResourceType: async ({ path }, { principal, scimBaseUrl }) => {
      const found = typesFor(principal, scimBaseUrl).find((type) => type.id === path.name);
      if (found === undefined) throw ScimError.notFound("ResourceType", path.name);
      return { status: 200, body: found };
    },
    listSchemas: async (_request, { principal, scimBaseUrl }) => ({
      status: 200,
      body: listOf(schemasFor(principal, scimBaseUrl)),
    }),
    getSchema: async ({ path }, { principal, scimBaseUrl }) => {
      const found = schemasFor(principal, scimBaseUrl).find(
        (schema) => schema.id.toLowerCase() === path.id.toLowerCase(),
      );
      if (found === undefined) throw ScimError.notFound("Schema", path.id);
      return { status: 200, body: found };
    },
  };
}
