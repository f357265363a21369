import type { ResourceType, SchemaAttribute, SchemaDefinition } from "@scimkit/types";
import type { Discovered } from "../../suite-types.js";

/** A feature flag of /ServiceProviderConfig (RFC 7643 §5). */
export type AnnouncedFeature = "patch" | "filter" | "sort" | "etag";

/** Whether /ServiceProviderConfig announces the feature as supported (RFC 7643 §5). */
export function announces(discovered: Discovered, feature: AnnouncedFeature): boolean {
  return discovered.serviceProviderConfig?.[feature]?.supported === true;
}

/**
 * A suite's `requires` for features the server must announce (RFC 7643 §5): the suite runs only
 * when /ServiceProviderConfig claims them, and then checks that the claim is true.
 */
export function requiresFeatures(...features: readonly AnnouncedFeature[]) {
  return (discovered: Discovered): string | undefined => {
    const missing = features.filter((feature) => !announces(discovered, feature));
    return missing.length === 0
      ? undefined
      : `the server does not announce ${missing.map((f) => `${f}.supported`).join(" and ")} in /ServiceProviderConfig`;
  };
}

/** The resource type whose core schema is `schemaUrn` (RFC 7643 §6), if announced. */
export function resourceTypeFor(discovered: Discovered, schemaUrn: string): ResourceType | undefined {
  return discovered.resourceTypes.find((type) => type.schema.toLowerCase() === schemaUrn.toLowerCase());
}

/** The schema definition with the id (a URN, compared case-insensitively), if announced (RFC 7643 §7). */
export function schemaFor(schemas: readonly SchemaDefinition[], id: string): SchemaDefinition | undefined {
  return schemas.find((schema) => schema.id.toLowerCase() === id.toLowerCase());
}

/** The attribute definition with the name, compared case-insensitively (RFC 7643 §2.1). */
export function attributeFor(
  attributes: readonly SchemaAttribute[] | undefined,
  name: string,
): SchemaAttribute | undefined {
  const wanted = name.toLowerCase();
  return attributes?.find((attribute) => attribute.name.toLowerCase() === wanted);
}
