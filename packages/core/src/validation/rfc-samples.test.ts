/// <reference types="node" />
// biome-ignore lint/style/noRestrictedImports: tests may read the RFC samples of spec/examples.
import { readdirSync, readFileSync } from "node:fs";
import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { projectResource } from "../projection/project-resource.js";
import { groupResourceSchema, type ResourceSchema, userResourceSchema } from "../schema/resource-schemas.js";
import { isJsonObject, type JsonObject } from "./json-value.js";
import { validateResource } from "./validate-resource.js";

/** The RFC 7643 §8 and RFC 7644 §3.5.2 samples of spec/examples, every one round-tripped. */
const examples = new URL("../../../../spec/examples/", import.meta.url);
const read = (file: string): JsonObject =>
  JSON.parse(readFileSync(new URL(file, examples), "utf8")) as JsonObject;
const files = readdirSync(examples).filter((file) => file.endsWith(".json"));
const schemaOf = (sample: JsonObject): ResourceSchema =>
  Array.isArray(sample.schemas) && sample.schemas.includes(ScimUrn.Group)
    ? groupResourceSchema
    : userResourceSchema;

const resourceSamples = files.filter((file) => file.startsWith("rfc7643-"));
const patchSamples = files.filter((file) => file.startsWith("rfc7644-3.5.2"));

/** The parts of a resource the server owns or never keeps, copied from `sample` onto `resource`. */
function withServerParts(resource: JsonObject, sample: JsonObject): JsonObject {
  const serverParts = ["id", "meta", "groups", "password"].filter((key) => sample[key] !== undefined);
  return { ...resource, ...Object.fromEntries(serverParts.map((key) => [key, sample[key]])) };
}

describe("RFC resource samples", () => {
  it("covers RFC 7643 §8.1–§8.4", () => {
    expect(resourceSamples).toEqual([
      "rfc7643-8.1-user-minimal.json",
      "rfc7643-8.2-user-full.json",
      "rfc7643-8.3-user-enterprise.json",
      "rfc7643-8.4-group-full.json",
    ]);
  });

  it.each(resourceSamples)("%s is accepted, dropping only readOnly and writeOnly parts", (file) => {
    const sample = read(file);
    const { resource, writeOnly } = validateResource(sample, schemaOf(sample));
    const { id: _id, meta: _meta, groups: _groups, password, ...kept } = sample;
    expect(writeOnly).toEqual(password === undefined ? [] : ["password"]);
    expect(Object.keys(resource).sort()).toEqual(Object.keys(kept).sort());
  });

  it.each(resourceSamples)("%s is stable when validated again with the server's parts re-added", (file) => {
    const sample = read(file);
    const schema = schemaOf(sample);
    const { resource } = validateResource(sample, schema);
    expect(
      validateResource(withServerParts(resource, sample), schema, { existing: resource }).resource,
    ).toEqual(resource);
    expect(validateResource(resource, schema).resource).toEqual(resource);
  });

  it.each(resourceSamples)("%s is projected by default without its password", (file) => {
    const sample = read(file);
    const { password: _password, ...withoutPassword } = sample;
    expect(projectResource(sample, schemaOf(sample))).toEqual(withoutPassword);
  });

  it("spells the enterprise sample's nested manager canonically, without its readOnly displayName", () => {
    const { resource } = validateResource(read("rfc7643-8.3-user-enterprise.json"), userResourceSchema);
    expect(resource[ScimUrn.EnterpriseUser]).toMatchObject({
      manager: {
        value: "26118915-6090-4610-87e4-49d8ca9f808d",
        $ref: "../Users/26118915-6090-4610-87e4-49d8ca9f808d",
      },
    });
  });
});

describe("RFC 7644 §3.5.2 PATCH samples", () => {
  it.each(patchSamples)("%s is a PatchOp message of add, remove and replace operations", (file) => {
    const sample = read(file);
    expect(sample.schemas).toEqual([ScimUrn.PatchOp]);
    const operations = sample.Operations as JsonObject[];
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      expect(["add", "remove", "replace"]).toContain(operation.op);
      expect(operation.value !== undefined || operation.op === "remove").toBe(true);
    }
  });

  it.each(patchSamples)("%s carries values the schemas accept", (file) => {
    for (const operation of read(file).Operations as JsonObject[]) {
      const { path, value } = operation;
      if (value === undefined) continue;
      if (path === "members") {
        const group = { schemas: [ScimUrn.Group], displayName: "g", members: value };
        expect(validateResource(group, groupResourceSchema).resource.members).toHaveLength(
          (value as unknown[]).length,
        );
      } else if (path === undefined && isJsonObject(value)) {
        const user = { schemas: [ScimUrn.User], userName: "bjensen", ...value };
        expect(validateResource(user, userResourceSchema).resource).toMatchObject({ nickName: "Babs" });
      }
    }
  });
});
