import { compileProjection, parseAttributeNames, userResourceSchema } from "@scimkit/core";
import { type ListResponse, ScimUrn, type ScimUser } from "@scimkit/types";
import { etagMatches } from "../http/etag.js";
import type { ListRequest } from "../http/list-query.js";
import { projectionCache } from "../http/projection-cache.js";
import type { HandlerGroup } from "../http/route-types.js";
import { readSearchRequest } from "../http/search-request.js";
import { userToScim } from "./user-resource.js";
import type { UsersService } from "./users.service.js";

type UsersOperation =
  | "listUsers"
  | "createUser"
  | "searchUsers"
  | "getUser"
  | "replaceUser"
  | "patchUser"
  | "deleteUser";

/** The projection of `attributes` / `excludedAttributes`, compiled once per distinct pair. */
const projectionFor = projectionCache((lists) => compileProjection(userResourceSchema, lists));

/** Users (RFC 7644 §3) over the users service: projection, ETags, Location, list envelopes. */
export function usersHandlers(service: UsersService): HandlerGroup<UsersOperation> {
  const etag = (user: ScimUser) => ({ ETag: String(user.meta?.version ?? "") });

  async function listResponse(
    principal: Parameters<UsersService["list"]>[0],
    request: ListRequest,
    project: (resource: ScimUser) => Record<string, unknown>,
    base: string,
  ): Promise<ListResponse<ScimUser> & { Resources: ScimUser[] }> {
    const { total, items, startIndex } = await service.list(principal, request);
    const resources = items.map((user) => project(userToScim(user, base)) as ScimUser);
    return {
      schemas: [ScimUrn.ListResponse],
      totalResults: total,
      startIndex,
      itemsPerPage: resources.length,
      Resources: resources,
    };
  }

  return {
    listUsers: async ({ query }, { principal, scimBaseUrl }) => ({
      status: 200,
      body: await listResponse(
        principal,
        query,
        projectionFor(query) as (r: ScimUser) => Record<string, unknown>,
        scimBaseUrl,
      ),
    }),
    searchUsers: async ({ body }, { principal, scimBaseUrl }) => {
      const search = readSearchRequest(body);
      const project = compileProjection(userResourceSchema, {
        attributes: parseAttributeNames(search.attributes),
        excludedAttributes: parseAttributeNames(search.excluded),
      });
      return { status: 200, body: await listResponse(principal, search.list, project, scimBaseUrl) };
    },
    createUser: async ({ body }, { principal, scimBaseUrl }) => {
      const user = userToScim(await service.create(principal, body), scimBaseUrl);
      return { status: 201, body: user, headers: { ...etag(user), Location: String(user.meta?.location) } };
    },
    getUser: async ({ path, query, headers }, { principal, scimBaseUrl }) => {
      const user = userToScim(await service.get(principal, path.id), scimBaseUrl);
      const version = String(user.meta?.version ?? "");
      if (headers["If-None-Match"] !== undefined && etagMatches(headers["If-None-Match"], version)) {
        return { status: 304, headers: { ETag: version } };
      }
      return { status: 200, body: projectionFor(query)(user) as ScimUser, headers: etag(user) };
    },
    replaceUser: async ({ path, body, headers }, { principal, scimBaseUrl }) => {
      const user = userToScim(
        await service.replace(principal, path.id, body, headers["If-Match"]),
        scimBaseUrl,
      );
      return { status: 200, body: user, headers: etag(user) };
    },
    patchUser: async ({ path, body, headers }, { principal, scimBaseUrl }) => {
      const user = userToScim(
        await service.patch(principal, path.id, body, headers["If-Match"]),
        scimBaseUrl,
      );
      return { status: 200, body: user, headers: etag(user) };
    },
    deleteUser: async ({ path, headers }, { principal }) => {
      await service.remove(principal, path.id, headers["If-Match"]);
      return { status: 204 };
    },
  };
}
