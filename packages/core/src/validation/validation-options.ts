/**
 * The schema URN Microsoft Entra ID lists in `schemas` of every group it creates, beside the core
 * Group URN (Entra "Develop and plan provisioning for a SCIM endpoint", request sequence). It names
 * no schema a service provider publishes; it is not in @scimkit/types because it is no RFC URN.
 */
export const ENTRA_AD_SCIM_GROUP_URN =
  "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";

/** How {@link validateResource} treats what it does not know, and what it compares against. */
export interface ValidationOptions {
  /**
   * `schemas` is REQUIRED in every resource (RFC 7643 §3). `false` tolerates a missing or null
   * `schemas` (the core URN is assumed); a present `schemas` is still checked. Default `true`.
   */
  readonly requireSchemas?: boolean | undefined;
  /**
   * Schema URNs that are accepted in `schemas` and dropped, together with any attributes keyed
   * under them. Default: {@link ENTRA_AD_SCIM_GROUP_URN}. Matched case-insensitively.
   */
  readonly ignoredSchemaUrns?: readonly string[] | undefined;
  /**
   * Attributes no schema of the resource type defines: `"reject"` (default) answers
   * `400 invalidSyntax` naming them; `"ignore"` drops them.
   */
  readonly unknownAttributes?: "reject" | "ignore" | undefined;
  /**
   * The stored resource a replace (PUT, RFC 7644 §3.5.1) overwrites, in canonical form. When given,
   * immutable attributes must keep their values (`400 mutability`, RFC 7643 §2.2).
   */
  readonly existing?: Readonly<Record<string, unknown>> | undefined;
}

/** {@link ValidationOptions} with the defaults applied. */
export interface ResolvedValidationOptions {
  readonly requireSchemas: boolean;
  readonly ignoredSchemaUrns: readonly string[];
  readonly unknownAttributes: "reject" | "ignore";
  readonly existing: Readonly<Record<string, unknown>> | undefined;
}

/** Applies the defaults of {@link ValidationOptions}. */
export function resolveValidationOptions(options: ValidationOptions): ResolvedValidationOptions {
  return {
    requireSchemas: options.requireSchemas ?? true,
    ignoredSchemaUrns: options.ignoredSchemaUrns ?? [ENTRA_AD_SCIM_GROUP_URN],
    unknownAttributes: options.unknownAttributes ?? "reject",
    existing: options.existing,
  };
}
