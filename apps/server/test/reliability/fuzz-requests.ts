import { ScimUrn } from "@scimkit/types";
import fc from "fast-check";
import {
  adminAuth,
  contentType,
  encode,
  extraHeaders,
  idSegment,
  LIST_PARAMS,
  queryString,
  scimAuth,
} from "./fuzz-http.js";
import {
  groupPatch,
  groupResource,
  loginBody,
  roleBody,
  searchRequest,
  userPatch,
  userResource,
} from "./fuzz-resources.js";
import { bodyText, hostileString, jsonValue } from "./fuzz-values.js";

/**
 * Requests over every path and method of spec/openapi.yaml. Ids and tokens are placeholders
 * (`{user}`, `{scim}`, …) that the runner fills in when it sends, so a counterexample reads well
 * and a fixture deleted by one request can be recreated for the next.
 */
export interface FuzzRequest {
  readonly method: string;
  /** From the origin, with the query string. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** The placeholders the runner replaces, in every part of a request. */
export const PLACEHOLDERS = [
  "{user}",
  "{userName}",
  "{group}",
  "{foreignUser}",
  "{foreignGroup}",
  "{scim}",
  "{admin}",
  "{revoked}",
  "{foreignScim}",
] as const;

interface Route {
  readonly method: string;
  readonly path: fc.Arbitrary<string>;
  readonly body?: fc.Arbitrary<unknown>;
  readonly weight: number;
}

/** Requests to some routes, with any auth (`auth`), content type, conditional headers and body. */
function requestsTo(routes: readonly Route[], auth: fc.Arbitrary<string>): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    ...routes.map((route) => ({
      weight: route.weight,
      arbitrary: fc
        .record({
          path: route.path,
          authorization: auth,
          type: contentType,
          extra: extraHeaders,
          body: route.body === undefined ? fc.constant(undefined) : bodyText(route.body),
        })
        .map(({ path, authorization, type, extra, body }) => ({
          method: route.method,
          path,
          headers: {
            ...extra,
            ...(authorization === "" ? {} : { authorization }),
            ...(body === undefined || type === "" ? {} : { "content-type": type }),
          },
          ...(body === undefined ? {} : { body }),
        })),
    })),
  );
}

/** Every method on a SCIM resource type's three paths (the undeclared ones must answer 404/405). */
function resourceRoutes(
  type: "Users" | "Groups",
  resource: fc.Arbitrary<unknown>,
  patch: fc.Arbitrary<unknown>,
): Route[] {
  const own = type === "Users" ? "{user}" : "{group}";
  const other = type === "Users" ? "{group}" : "{user}";
  const base = `/scim/v2/${type}`;
  const item = fc.tuple(idSegment(own, other), queryString(["attributes", "excludedAttributes"]));
  const itemPath = item.map(([id, query]) => `${base}/${id}${query}`);
  return [
    { method: "GET", path: queryString(LIST_PARAMS).map((q) => base + q), weight: 5 },
    { method: "POST", path: fc.constant(base), body: resource, weight: 5 },
    { method: "POST", path: fc.constant(`${base}/.search`), body: searchRequest, weight: 4 },
    { method: "GET", path: itemPath, weight: 3 },
    { method: "PUT", path: itemPath, body: resource, weight: 4 },
    { method: "PATCH", path: itemPath, body: patch, weight: 7 },
    { method: "DELETE", path: itemPath, weight: 1 },
    { method: "PUT", path: fc.constant(base), body: resource, weight: 1 },
    { method: "DELETE", path: fc.constant(base), weight: 1 },
    { method: "GET", path: fc.constant(`${base}/.search`), weight: 1 },
    { method: "POST", path: itemPath, body: resource, weight: 1 },
  ];
}

/** Users (RFC 7644 §3.2–3.6): list, create, .search, get, replace, patch, delete, and wrong methods. */
export const userRequests = requestsTo(resourceRoutes("Users", userResource, userPatch), scimAuth);
/** Groups, the same way, with members of this tenant, of another and of none. */
export const groupRequests = requestsTo(resourceRoutes("Groups", groupResource, groupPatch), scimAuth);

const name = (names: readonly string[]) =>
  fc.oneof(fc.constantFrom(...names), hostileString.filter((s) => s.length < 500).map(encode));

/** Discovery (RFC 7644 §4): ServiceProviderConfig, ResourceTypes and Schemas, by any name. */
export const discoveryRequests = requestsTo(
  [
    {
      method: "GET",
      path: queryString(LIST_PARAMS).map((q) => `/scim/v2/ServiceProviderConfig${q}`),
      weight: 2,
    },
    { method: "GET", path: queryString(LIST_PARAMS).map((q) => `/scim/v2/ResourceTypes${q}`), weight: 2 },
    { method: "GET", path: queryString(LIST_PARAMS).map((q) => `/scim/v2/Schemas${q}`), weight: 2 },
    {
      method: "GET",
      path: name(["User", "Group", "user", "EnterpriseUser"]).map((n) => `/scim/v2/ResourceTypes/${n}`),
      weight: 3,
    },
    {
      method: "GET",
      path: name([ScimUrn.User, ScimUrn.Group, ScimUrn.EnterpriseUser, "urn:x"]).map(
        (n) => `/scim/v2/Schemas/${n}`,
      ),
      weight: 3,
    },
    {
      method: "POST",
      path: fc.constantFrom("/scim/v2/Schemas", "/scim/v2/ServiceProviderConfig"),
      body: jsonValue,
      weight: 1,
    },
    { method: "DELETE", path: fc.constantFrom("/scim/v2/ResourceTypes/User", "/scim/v2/Schemas"), weight: 1 },
  ],
  scimAuth,
);

const tokenBody = fc.oneof(
  jsonValue,
  fc.record({ scope: fc.oneof(fc.constantFrom("scim", "admin", "SCIM"), jsonValue) }),
);

/** The app API (`/api`, admin-scoped token): login, team, roles, local users, audit log, tenant settings, tokens. */
export const appApiRequests = requestsTo(
  [
    { method: "POST", path: fc.constant("/api/login"), body: loginBody, weight: 4 },
    {
      method: "GET",
      path: queryString(["startIndex", "count", "status", "search"]).map((q) => `/api/team${q}`),
      weight: 3,
    },
    {
      method: "PATCH",
      path: idSegment("{user}", "{group}").map((id) => `/api/team/${id}`),
      body: roleBody,
      weight: 4,
    },
    { method: "POST", path: fc.constant("/api/users"), body: loginBody, weight: 4 },
    {
      method: "GET",
      path: queryString(["startIndex", "count", "user", "operation"]).map((q) => `/api/audit${q}`),
      weight: 3,
    },
    { method: "GET", path: fc.constantFrom("/api/tenant", "/api/tokens"), weight: 1 },
    // Random JSON is almost never a valid settings object, so provisioning stays on for the rest of the run.
    { method: "PATCH", path: fc.constant("/api/tenant"), body: jsonValue, weight: 2 },
    { method: "POST", path: fc.constant("/api/tokens"), body: tokenBody, weight: 2 },
    {
      method: "POST",
      path: idSegment("{user}", "{group}").map((id) => `/api/tokens/${id}/rotate`),
      weight: 1,
    },
    { method: "DELETE", path: idSegment("{user}", "{group}").map((id) => `/api/tokens/${id}`), weight: 1 },
    {
      method: "DELETE",
      path: fc.constantFrom("/api/team/{user}", "/api/users", "/api/login", "/api/tenant", "/api/tokens"),
      weight: 1,
    },
  ],
  adminAuth,
);

/** Health endpoints, unknown paths and path tricks, with any method. */
export const otherRequests = requestsTo(
  [
    { method: "GET", path: fc.constantFrom("/healthz", "/readyz", "/healthz?x=1&x=2"), weight: 3 },
    ...["GET", "POST", "PUT", "PATCH", "DELETE"].map((method) => ({
      method,
      path: fc.oneof(
        fc.constantFrom(
          "/",
          "/scim",
          "/scim/v2",
          "/scim/v2/",
          "/scim/v2/Bulk",
          "/scim/v2/Me",
          "/scim/v2/users",
          "/scim/v2//Users",
          "/scim/v2/Users/{user}/emails",
          "/scim/v2/Users%2F{user}",
          "/scim/v2/Groups/{group}/members",
          "/api",
          "/api/team/{user}/x",
          "/healthz/x",
          "/favicon.ico",
          "/scim/v2/%2e%2e/api/audit",
        ),
        hostileString.filter((s) => s.length < 1_000).map((s) => `/scim/v2/${encode(s)}`),
      ),
      ...(method === "GET" ? {} : { body: jsonValue }),
      weight: 2,
    })),
  ],
  scimAuth,
);
