import {
  enterpriseUserSchema,
  groupSchema,
  type ResourceType,
  type SchemaDefinition,
  ScimUrn,
  type ServiceProviderConfig,
  userSchema,
} from "@scimkit/types";

/**
 * What the server supports, announced by /ServiceProviderConfig (RFC 7643 §5). It must be
 * the truth: clients and the conformance kit act on it. Each flag turns on with the issue
 * that implements the feature.
 */
export interface Capabilities {
  readonly patch: boolean;
  readonly filter: boolean;
  readonly maxResults: number;
  readonly sort: boolean;
  readonly etag: boolean;
}

/** What Users and Groups support: PATCH, filters (up to maxResults per page), sorting, ETags. */
export const currentCapabilities: Capabilities = {
  patch: true,
  filter: true,
  maxResults: 1000,
  sort: true,
  etag: true,
};

/** RFC 7643 §5: the ServiceProviderConfig, with `meta.location` under the given SCIM base URL. */
export function serviceProviderConfig(
  capabilities: Capabilities,
  scimBaseUrl: string,
): ServiceProviderConfig {
  return {
    schemas: [ScimUrn.ServiceProviderConfig],
    patch: { supported: capabilities.patch },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: capabilities.filter, maxResults: capabilities.maxResults },
    changePassword: { supported: false },
    sort: { supported: capabilities.sort },
    etag: { supported: capabilities.etag },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "OAuth Bearer Token",
        description: "A tenant's SCIM token, sent as `Authorization: Bearer <token>`.",
        specUri: "https://www.rfc-editor.org/info/rfc6750",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${scimBaseUrl}/ServiceProviderConfig` },
  };
}

/** RFC 7643 §6: the resource types the server serves (a tenant with groups off sees only User; see discovery.routes.ts). */
export function resourceTypes(scimBaseUrl: string): ResourceType[] {
  const located = (id: string) => ({
    resourceType: "ResourceType",
    location: `${scimBaseUrl}/ResourceTypes/${id}`,
  });
  return [
    {
      schemas: [ScimUrn.ResourceType],
      id: "User",
      name: "User",
      endpoint: "/Users",
      description: "User Account",
      schema: ScimUrn.User,
      schemaExtensions: [{ schema: ScimUrn.EnterpriseUser, required: false }],
      meta: located("User"),
    },
    {
      schemas: [ScimUrn.ResourceType],
      id: "Group",
      name: "Group",
      endpoint: "/Groups",
      description: "Group",
      schema: ScimUrn.Group,
      meta: located("Group"),
    },
  ];
}

/** RFC 7643 §7: the schema definitions from spec/schemas/, with `meta.location` under the SCIM base URL. */
export function schemaDefinitions(scimBaseUrl: string): SchemaDefinition[] {
  return [userSchema, enterpriseUserSchema, groupSchema].map((schema) => ({
    ...schema,
    meta: { resourceType: "Schema", location: `${scimBaseUrl}/Schemas/${schema.id}` },
  }));
}
