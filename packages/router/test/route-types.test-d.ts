/**
 * Type-level tests of the typed handler layer, checked by `pnpm typecheck` (tsc includes
 * test/). Each `@ts-expect-error` must stay an error: if the layer stopped catching the
 * mistake, tsc would report the directive as unused and the typecheck would fail.
 */
import { ScimUrn } from "@scimkit/types";
import type { Handler, HandlerGroup, ScimHandlers } from "../src/index.js";

declare const complete: ScimHandlers;
const { getSchema: _dropped, ...withoutGetSchema } = complete;

// The library's handler map must name every operation the spec tags Users, Groups or Discovery.
// @ts-expect-error getSchema is missing
export const missingHandler: ScimHandlers = withoutGetSchema;

// A body of the wrong shape for the declared status does not typecheck.
// @ts-expect-error patch, bulk, filter, … are required by the ServiceProviderConfig schema
export const wrongBody: Handler<"getServiceProviderConfig"> = async () => ({
  status: 200,
  body: { schemas: [ScimUrn.ServiceProviderConfig] },
});

// A status the spec does not declare for the operation does not typecheck.
// @ts-expect-error getHealth declares only 200
export const undeclaredStatus: Handler<"getHealth"> = async () => ({ status: 404, body: { status: "ok" } });

// createUser answers 201, not 200.
// @ts-expect-error 200 is not declared for createUser
export const wrongSuccessStatus: Handler<"createUser"> = async () => ({
  status: 200,
  body: { schemas: [ScimUrn.User], id: "1" },
});

// 204 carries no body.
// @ts-expect-error a 204 has no content in the spec
export const bodyOnNoContent: Handler<"deleteUser"> = async () => ({
  status: 204,
  body: { schemas: [ScimUrn.User], id: "1" },
});

// Parameters are typed from the spec: path ids are strings, count is a number, unknown names do not exist.
export const typedParameters: HandlerGroup<"getUser" | "listUsers"> = {
  getUser: async ({ path, headers }) => {
    const id: string = path.id;
    const etag: string | undefined = headers["If-None-Match"];
    // @ts-expect-error getUser has no path parameter "userId"
    void path.userId;
    return {
      status: 200,
      body: { schemas: [ScimUrn.User], id, ...(etag === undefined ? {} : { displayName: etag }) },
    };
  },
  listUsers: async ({ query }) => {
    // @ts-expect-error count is a number, not a string
    const count: string | undefined = query.count;
    void count;
    return { status: 200, body: { schemas: [ScimUrn.ListResponse], totalResults: 0, Resources: [] } };
  },
};

// The request body is a JSON object, not yet the declared schema: the validator establishes that.
export const honestBody: Handler<"createUser"> = async ({ body }) => {
  // @ts-expect-error body.userName is unknown until validated
  const userName: string = body.userName;
  return { status: 201, body: { schemas: [ScimUrn.User], id: "1", userName } };
};

// The principal exists exactly on operations that require a token.
export const principalOnScim: Handler<"getServiceProviderConfig"> = async (_request, { principal }) => {
  const tenantId: string = principal.tenantId;
  void tenantId;
  throw new Error("type fixture");
};
export const noPrincipalOnHealth: Handler<"getHealth"> = async (_request, { principal }) => {
  // @ts-expect-error /healthz is public, so it has no principal
  void principal.tenantId;
  return { status: 200, body: { status: "ok" } };
};
