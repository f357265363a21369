import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { enterpriseUserSchema, groupSchema, type SchemaAttribute, userSchema } from "./index.js";

/**
 * The SCIM schema definitions (spec/schemas/, served by /Schemas) and the OpenAPI components
 * (spec/openapi.yaml, the generated types) describe the same resources. This test keeps them in
 * step: every attribute is a property of the matching component with a compatible JSON type,
 * multi-valued attributes are arrays, sub-attributes are properties of the item schema,
 * readOnly/writeOnly agree, and the components have no property the schema does not define.
 */
interface JsonSchema {
  $ref?: string;
  type?: string;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  allOf?: JsonSchema[];
  readOnly?: boolean;
  writeOnly?: boolean;
}

const specPath = fileURLToPath(new URL("../../../spec/openapi.yaml", import.meta.url));
const spec = parse(readFileSync(specPath, "utf8")) as { components: { schemas: Record<string, JsonSchema> } };
const components = spec.components.schemas;

function deref(schema: JsonSchema): JsonSchema {
  let current = schema;
  const seen = new Set<string>();
  while (current.$ref !== undefined) {
    const name = current.$ref.replace("#/components/schemas/", "");
    if (seen.has(name)) throw new Error(`cyclic $ref ${name}`);
    seen.add(name);
    const next = components[name];
    if (next === undefined) throw new Error(`unresolved $ref ${current.$ref}`);
    current = { ...next, ...(schema.readOnly ? { readOnly: true } : {}) };
  }
  return current;
}

const jsonTypeOf: Record<SchemaAttribute["type"], string> = {
  string: "string",
  reference: "string",
  dateTime: "string",
  binary: "string",
  boolean: "boolean",
  integer: "integer",
  decimal: "number",
  complex: "object",
};

/** Properties common to every resource (RFC 7643 §3.1) or the envelope, not schema attributes. */
const commonProperties = new Set(["schemas", "id", "externalId", "meta"]);

function checkAttributes(
  attributes: SchemaAttribute[],
  component: JsonSchema,
  where: string,
  parentReadOnly = false,
): string[] {
  const problems: string[] = [];
  const properties = component.properties ?? {};
  for (const attribute of attributes) {
    const raw = properties[attribute.name];
    const at = `${where}.${attribute.name}`;
    if (raw === undefined) {
      problems.push(`${at}: in the SCIM schema, missing from the OpenAPI component`);
      continue;
    }
    let property = deref(raw);
    if (attribute.multiValued) {
      if (property.type !== "array" || property.items === undefined) {
        problems.push(`${at}: multi-valued, but not an array`);
        continue;
      }
      const item = deref(property.items);
      property = { ...item, readOnly: property.readOnly === true || item.readOnly === true };
    }
    if (property.type !== jsonTypeOf[attribute.type]) {
      problems.push(`${at}: SCIM type ${attribute.type} but JSON type ${property.type}`);
    }
    const readOnly = parentReadOnly || property.readOnly === true;
    if ((attribute.mutability === "readOnly") !== readOnly) {
      problems.push(`${at}: mutability ${attribute.mutability} but readOnly ${readOnly}`);
    }
    if ((attribute.mutability === "writeOnly") !== (property.writeOnly === true)) {
      problems.push(`${at}: mutability ${attribute.mutability} but writeOnly ${property.writeOnly ?? false}`);
    }
    if (attribute.subAttributes !== undefined)
      problems.push(...checkAttributes(attribute.subAttributes, property, at, readOnly));
  }
  for (const name of Object.keys(properties)) {
    if (!commonProperties.has(name) && !name.startsWith("urn:") && !attributes.some((a) => a.name === name)) {
      problems.push(`${where}.${name}: in the OpenAPI component, not in the SCIM schema`);
    }
  }
  return problems;
}

describe("spec agreement", () => {
  it.each([
    ["User", userSchema.attributes, "UserAttributes"],
    ["EnterpriseUser", enterpriseUserSchema.attributes, "EnterpriseUser"],
    ["Group", groupSchema.attributes, "GroupAttributes"],
  ] as const)("the %s schema definition and its OpenAPI component agree", (_name, attributes, component) => {
    const schema = components[component];
    expect(schema).toBeDefined();
    expect(checkAttributes(attributes, schema ?? {}, component)).toEqual([]);
  });

  it("puts the enterprise extension on User under its schema URN", () => {
    const property = components.UserAttributes?.properties?.[enterpriseUserSchema.id];
    expect(property?.$ref).toBe("#/components/schemas/EnterpriseUser");
  });

  it("requires on input what the SCIM schema marks required", () => {
    const requiredOf = (name: string) =>
      (components[name]?.allOf ?? []).flatMap((part) => (part as { required?: string[] }).required ?? []);
    expect(requiredOf("UserInput")).toEqual(
      expect.arrayContaining(userSchema.attributes.filter((a) => a.required).map((a) => a.name)),
    );
    expect(requiredOf("GroupInput")).toEqual(
      expect.arrayContaining(groupSchema.attributes.filter((a) => a.required).map((a) => a.name)),
    );
  });
});
