import { type AttrPath, compileProjection, groupResourceSchema, type Projection } from "@scimkit/core";
import { type ListResponse, type ScimGroup, ScimUrn } from "@scimkit/types";
import { etagMatches } from "../http/etag.js";
import { projectionCache } from "../http/projection-cache.js";
import type { HandlerGroup } from "../http/route-types.js";
import { readSearchRequest } from "../http/search-request.js";
import { groupToScim } from "./group-resource.js";
import type { GroupsService } from "./groups.service.js";

type GroupsOperation =
  | "listGroups"
  | "createGroup"
  | "searchGroups"
  | "getGroup"
  | "replaceGroup"
  | "patchGroup"
  | "deleteGroup";

/**
 * Whether a projection returns `members`: skipping them is what makes
 * `GET /Groups/{id}?excludedAttributes=members` (Entra ID) as cheap as a user read.
 */
function wantsMembers(attributes: readonly AttrPath[], excluded: readonly AttrPath[]): boolean {
  const names = (paths: readonly AttrPath[]) => paths.map((path) => path.name.toLowerCase());
  if (attributes.length > 0)
    return names(attributes).some((name) => name === "members" || name === ScimUrn.Group.toLowerCase());
  return !names(excluded).includes("members");
}

/** The projection of `attributes` / `excludedAttributes`, compiled once per distinct pair. */
const projectionOf = projectionCache(({ attributes, excludedAttributes }) => ({
  project: compileProjection(groupResourceSchema, { attributes, excludedAttributes }),
  withMembers: wantsMembers(attributes, excludedAttributes),
}));

/** Groups (RFC 7644 §3). PATCH answers 204 (RFC 7644 §3.5.2 allows it), so a member change never lists members. */
export function groupsHandlers(service: GroupsService): HandlerGroup<GroupsOperation> {
  async function page(
    principal: Parameters<GroupsService["list"]>[0],
    request: Parameters<GroupsService["list"]>[1],
    projection: { project: Projection; withMembers: boolean },
    base: string,
  ): Promise<ListResponse<ScimGroup> & { Resources: ScimGroup[] }> {
    const result = await service.list(principal, request, projection.withMembers);
    const resources = result.items.map((group) => projection.project(groupToScim(group, base)) as ScimGroup);
    return {
      schemas: [ScimUrn.ListResponse],
      totalResults: result.total,
      startIndex: result.startIndex,
      itemsPerPage: resources.length,
      Resources: resources,
    };
  }

  return {
    listGroups: async ({ query }, { principal, scimBaseUrl }) => ({
      status: 200,
      body: await page(principal, query, projectionOf(query), scimBaseUrl),
    }),
    searchGroups: async ({ body }, { principal, scimBaseUrl }) => {
      const search = readSearchRequest(body);
      const projection = projectionOf({
        attributes: search.attributes?.join(","),
        excludedAttributes: search.excluded?.join(","),
      });
      return { status: 200, body: await page(principal, search.list, projection, scimBaseUrl) };
    },
    createGroup: async ({ body }, { principal, scimBaseUrl }) => {
      const resource = groupToScim(await service.create(principal, body), scimBaseUrl);
      return {
        status: 201,
        body: resource,
        headers: { ETag: String(resource.meta?.version), Location: String(resource.meta?.location) },
      };
    },
    getGroup: async ({ path, query, headers }, { principal, scimBaseUrl }) => {
      const projection = projectionOf(query);
      const group = await service.get(principal, path.id, projection.withMembers);
      const version = String((group.resource.meta as { version?: string }).version);
      if (headers["If-None-Match"] !== undefined && etagMatches(headers["If-None-Match"], version)) {
        return { status: 304, headers: { ETag: version } };
      }
      return {
        status: 200,
        body: projection.project(groupToScim(group, scimBaseUrl)) as ScimGroup,
        headers: { ETag: version },
      };
    },
    replaceGroup: async ({ path, body, headers }, { principal, scimBaseUrl }) => {
      const resource = groupToScim(
        await service.replace(principal, path.id, body, headers["If-Match"]),
        scimBaseUrl,
      );
      return { status: 200, body: resource, headers: { ETag: String(resource.meta?.version) } };
    },
    patchGroup: async ({ path, body, headers }, { principal }) => {
      const group = await service.patch(principal, path.id, body, headers["If-Match"]);
      return {
        status: 204,
        headers: { ETag: String((group.resource.meta as { version?: string }).version) },
      };
    },
    deleteGroup: async ({ path, headers }, { principal }) => {
      await service.remove(principal, path.id, headers["If-Match"]);
      return { status: 204 };
    },
  };
}
