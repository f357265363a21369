import type { SchemaAttribute } from "@scimkit/types";

/** A schema attribute with the RFC 7643 §7 defaults, for tests that build their own schemas. */
export const attribute = (
  name: string,
  type: SchemaAttribute["type"],
  extra: Partial<SchemaAttribute> = {},
): SchemaAttribute => ({
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...extra,
});
