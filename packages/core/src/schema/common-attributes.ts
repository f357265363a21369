import type { SchemaAttribute } from "@scimkit/types";

const readOnlyString = (name: string, description: string, caseExact: boolean): SchemaAttribute => ({
  name,
  type: "string",
  multiValued: false,
  description,
  required: false,
  caseExact,
  mutability: "readOnly",
  returned: "default",
  uniqueness: "none",
});

const metaDateTime = (name: string, description: string): SchemaAttribute => ({
  ...readOnlyString(name, description, false),
  type: "dateTime",
});

/**
 * The attributes every resource has (RFC 7643 §3.1), which no schema definition lists:
 * `id`, `externalId` and `meta`. `id` is always returned and compared case-exactly;
 * `externalId` is set by the client and case-exact.
 */
export const commonAttributes: readonly SchemaAttribute[] = [
  {
    ...readOnlyString("id", "Unique identifier of the resource, assigned by the service provider.", true),
    returned: "always",
    uniqueness: "server",
  },
  {
    ...readOnlyString(
      "externalId",
      "An identifier of the resource as defined by the provisioning client.",
      true,
    ),
    mutability: "readWrite",
  },
  {
    name: "meta",
    type: "complex",
    multiValued: false,
    description: "Resource metadata.",
    required: false,
    caseExact: false,
    mutability: "readOnly",
    returned: "default",
    uniqueness: "none",
    subAttributes: [
      readOnlyString("resourceType", "The name of the resource type of the resource.", true),
      metaDateTime("created", "When the resource was added to the service provider."),
      metaDateTime("lastModified", "When the resource was last modified."),
      {
        ...readOnlyString("location", "The URI of the resource.", true),
        type: "reference",
        referenceTypes: ["uri"],
      },
      readOnlyString("version", "The version (ETag) of the resource.", true),
    ],
  },
];
