import { type ResourceType, type SchemaDefinition, ScimUrn } from "@scimkit/types";
import type { CaseContext, ConformanceSuite } from "../../suite-types.js";
import { check, checkStatus } from "../checks.js";
import { attributeFor, resourceTypeFor, schemaFor } from "./announced-features.js";
import { attributesNotInSchemas } from "./schema-coverage.js";
import { createUser } from "./user-fixtures.js";

const FEATURES = ["patch", "bulk", "filter", "changePassword", "sort", "etag"] as const;

async function listResourceTypes(ctx: CaseContext, query = ""): Promise<ResourceType[]> {
  const response = await ctx.raw("GET", `/ResourceTypes${query}`);
  await checkStatus(response, 200, `GET /ResourceTypes${query}`);
  const body = (await response.json()) as { schemas?: unknown; Resources?: ResourceType[] };
  check(
    Array.isArray(body.schemas) && body.schemas.includes(ScimUrn.ListResponse),
    `GET /ResourceTypes${query}: the answer is not a ListResponse (RFC 7644 §4)`,
  );
  return body.Resources ?? [];
}

async function listSchemas(ctx: CaseContext, query = ""): Promise<SchemaDefinition[]> {
  const response = await ctx.raw("GET", `/Schemas${query}`);
  await checkStatus(response, 200, `GET /Schemas${query}`);
  const body = (await response.json()) as { schemas?: unknown; Resources?: SchemaDefinition[] };
  check(
    Array.isArray(body.schemas) && body.schemas.includes(ScimUrn.ListResponse),
    `GET /Schemas${query}: the answer is not a ListResponse (RFC 7644 §4)`,
  );
  return body.Resources ?? [];
}

const sortedIds = (items: readonly { id: string }[]) => items.map((item) => item.id).sort();

/** RFC 7644 §4 and RFC 7643 §5–7: the discovery endpoints answer, and agree with each other and with the resources. */
export const discoverySuite: ConformanceSuite = {
  name: "discovery",
  title: "Discovery (/ServiceProviderConfig, /ResourceTypes, /Schemas)",
  cases: [
    {
      name: "GET /ServiceProviderConfig states every feature (RFC 7643 §5)",
      creates: false,
      run: async (ctx) => {
        const { data, response } = await ctx.client.GET("/ServiceProviderConfig");
        await checkStatus(response, 200, "GET /ServiceProviderConfig");
        check(data !== undefined, "GET /ServiceProviderConfig: no body");
        check(
          data.schemas.includes(ScimUrn.ServiceProviderConfig),
          `GET /ServiceProviderConfig: "schemas" does not list ${ScimUrn.ServiceProviderConfig}`,
        );
        for (const feature of FEATURES) {
          check(
            typeof data[feature]?.supported === "boolean",
            `GET /ServiceProviderConfig: "${feature}.supported" is required (RFC 7643 §5)`,
          );
        }
        check(
          Number.isInteger(data.filter.maxResults),
          'GET /ServiceProviderConfig: "filter.maxResults" is required (RFC 7643 §5)',
        );
        check(
          Array.isArray(data.authenticationSchemes),
          'GET /ServiceProviderConfig: "authenticationSchemes" is required (RFC 7643 §5)',
        );
      },
    },
    {
      name: "GET /ResourceTypes lists User with its endpoint and schema (RFC 7643 §6)",
      creates: false,
      run: async (ctx) => {
        const types = await listResourceTypes(ctx);
        for (const type of types) {
          check(
            typeof type.name === "string" &&
              typeof type.endpoint === "string" &&
              typeof type.schema === "string",
            `GET /ResourceTypes: ${JSON.stringify(type.name ?? type.id)} lacks name, endpoint or schema (RFC 7643 §6)`,
          );
        }
        const user = types.find((type) => type.schema === ScimUrn.User);
        check(user !== undefined, `GET /ResourceTypes: no resource type has the schema ${ScimUrn.User}`);
        check(
          user.endpoint.replace(/\/+$/, "") === "/Users",
          `GET /ResourceTypes: the User endpoint is ${JSON.stringify(user.endpoint)}, expected "/Users" (RFC 7644 §3.2)`,
        );
      },
    },
    {
      name: "GET /Schemas defines the schema and the extensions of every resource type (RFC 7644 §4)",
      creates: false,
      run: async (ctx) => {
        const [types, schemas] = await Promise.all([listResourceTypes(ctx), listSchemas(ctx)]);
        for (const type of types) {
          const wanted = [type.schema, ...(type.schemaExtensions ?? []).map((ext) => ext.schema)];
          for (const urn of wanted) {
            check(
              schemaFor(schemas, urn) !== undefined,
              `resource type ${type.name} names the schema ${urn}, which GET /Schemas does not list`,
            );
          }
        }
        for (const schema of schemas) {
          check(
            Array.isArray(schema.attributes),
            `GET /Schemas: ${schema.id} has no "attributes" (RFC 7643 §7)`,
          );
        }
      },
    },
    {
      name: "GET /ResourceTypes/{id} and /Schemas/{id} return each listed item (RFC 7644 §4)",
      creates: false,
      run: async (ctx) => {
        for (const type of await listResourceTypes(ctx)) {
          const name = type.id ?? type.name;
          const { data, response } = await ctx.client.GET("/ResourceTypes/{name}", {
            params: { path: { name } },
          });
          await checkStatus(response, 200, `GET /ResourceTypes/${name}`);
          check(
            data?.name === type.name,
            `GET /ResourceTypes/${name}: returned ${JSON.stringify(data?.name)}`,
          );
        }
        for (const schema of await listSchemas(ctx)) {
          const { data, response } = await ctx.client.GET("/Schemas/{id}", {
            params: { path: { id: schema.id } },
          });
          await checkStatus(response, 200, `GET /Schemas/${schema.id}`);
          check(data?.id === schema.id, `GET /Schemas/${schema.id}: returned ${JSON.stringify(data?.id)}`);
        }
      },
    },
    {
      name: "GET /ResourceTypes and /Schemas ignore pagination parameters (RFC 7644 §4)",
      creates: false,
      run: async (ctx) => {
        const paged = "?startIndex=2&count=1";
        const [types, pagedTypes] = await Promise.all([
          listResourceTypes(ctx),
          listResourceTypes(ctx, paged),
        ]);
        check(
          JSON.stringify(sortedIds(pagedTypes)) === JSON.stringify(sortedIds(types)),
          `GET /ResourceTypes${paged}: returned [${sortedIds(pagedTypes).join(", ")}] instead of all [${sortedIds(types).join(", ")}]`,
        );
        const [schemas, pagedSchemas] = await Promise.all([listSchemas(ctx), listSchemas(ctx, paged)]);
        check(
          JSON.stringify(sortedIds(pagedSchemas)) === JSON.stringify(sortedIds(schemas)),
          `GET /Schemas${paged}: returned ${pagedSchemas.length} schemas instead of all ${schemas.length}`,
        );
      },
    },
    {
      name: "the User schema defines userName as required (RFC 7643 §4.1.1)",
      creates: false,
      run: async (ctx) => {
        const { data, response } = await ctx.client.GET("/Schemas/{id}", {
          params: { path: { id: ScimUrn.User } },
        });
        await checkStatus(response, 200, `GET /Schemas/${ScimUrn.User}`);
        const userName = attributeFor(data?.attributes, "userName");
        check(userName !== undefined, `GET /Schemas/${ScimUrn.User}: no attribute userName`);
        check(userName.required, `GET /Schemas/${ScimUrn.User}: userName is not marked "required": true`);
      },
    },
    {
      name: "/Schemas defines every attribute a created User returns (RFC 7643 §7)",
      creates: true,
      run: async (ctx) => {
        const type = resourceTypeFor(ctx.discovered, ScimUrn.User);
        check(type !== undefined, "the server announces no User resource type");
        const enterprise = type.schemaExtensions?.some((ext) => ext.schema === ScimUrn.EnterpriseUser);
        const user = await createUser(ctx, "discovery", {
          ...(enterprise ? { schemas: [ScimUrn.User, ScimUrn.EnterpriseUser] } : {}),
          name: { givenName: "Dana", familyName: "Discovery" },
          displayName: "Dana Discovery",
          title: "Conformance",
          active: true,
          phoneNumbers: [{ value: "+1 555 0100", type: "work" }],
          ...(enterprise ? { [ScimUrn.EnterpriseUser]: { department: "Conformance" } } : {}),
        });
        const problems = attributesNotInSchemas(user.resource, type, ctx.discovered.schemas);
        check(
          problems.length === 0,
          `POST /Users returned attributes that /Schemas does not define: ${problems.join(", ")}`,
        );
      },
    },
  ],
};
