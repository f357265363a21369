import { describe, expect, it } from "vitest";
import { loadSpecContract } from "./spec-contract.js";

/** A one-operation OpenAPI 3.1 document whose 200 response has `schema`, with `Thing` in components. */
function documentWith(schema: unknown, thing: unknown = { type: "object" }) {
  return {
    openapi: "3.1.0",
    "x-owner": "scimkit",
    paths: {
      "/things": {
        get: {
          operationId: "getThing",
          "x-scimkit-scope": "admin",
          responses: { "200": { description: "A thing.", content: { "application/json": { schema } } } },
        },
      },
    },
    components: { schemas: { Thing: thing } },
  };
}

function check(schema: unknown, body: unknown, thing?: unknown) {
  const contract = loadSpecContract({ document: documentWith(schema, thing) });
  return contract.checkResponse("getThing", {
    status: 200,
    contentType: "application/json",
    body: JSON.stringify(body),
  });
}

describe("response schema validation", () => {
  it("resolves $ref into #/components/schemas as written in the document", () => {
    const thing = { type: "object", required: ["name"], properties: { name: { type: "string" } } };
    expect(check({ $ref: "#/components/schemas/Thing" }, { name: 1 }, thing)).toMatchObject([
      { kind: "schema", messages: ["/name must be string"] },
    ]);
  });

  it("accepts OpenAPI's example and x- extensions as annotations", () => {
    const schema = {
      type: "object",
      example: { a: 1 },
      "x-scimkit-note": "n",
      examples: [{}],
      readOnly: true,
    };
    expect(check(schema, { a: 1 })).toEqual([]);
  });

  it("fails loudly on a misspelt keyword instead of checking nothing", () => {
    expect(() => check({ type: "string", minLenght: 1 }, "")).toThrow(/unknown keyword: "minLenght"/);
  });

  it("fails loudly on an unknown format", () => {
    expect(() => check({ type: "string", format: "emial" }, "")).toThrow(/unknown format "emial"/);
  });

  it.each([
    ["date-time", "2024-05-01T10:00:00Z", "yesterday"],
    ["uri", "https://example.com/v2/Users/1", "Users/1"],
  ])("gives format %s its RFC meaning", (format, valid, invalid) => {
    expect(check({ type: "string", format }, valid)).toEqual([]);
    expect(check({ type: "string", format }, invalid)).toMatchObject([
      { kind: "schema", messages: [`/ must match format "${format}"`] },
    ]);
  });

  it("names the property additionalProperties rejects", () => {
    const schema = { type: "object", properties: { a: {} }, additionalProperties: false };
    expect(check(schema, { a: 1, b: 2 })).toMatchObject([
      { messages: ["/ must NOT have additional properties (b)"] },
    ]);
  });
});
