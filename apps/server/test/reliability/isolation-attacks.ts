import { ScimUrn } from "@scimkit/types";
import type { Caller, Send } from "./reliability-helpers.js";

/** The userNames every tenant draws from, so that tenants share some. */
export const NAMES = ["ann@x.io", "bob@x.io", "cy@x.io", "dee@x.io"] as const;

/** A tenant of the isolation property: its two tokens' callers and what it created. */
export interface Tenant {
  readonly scim: Caller;
  /** Its admin-scoped token, for the app API at the origin. */
  readonly admin: Caller;
  readonly tenantId: string;
  /** The ids of its SCIM and admin tokens. */
  readonly tokenIds: readonly string[];
  readonly users: readonly { readonly id: string; readonly userName: string }[];
  readonly groups: readonly {
    readonly id: string;
    readonly name: string;
    readonly members: readonly string[];
  }[];
}

/** One request of the attacker, with what it must get. */
export interface Attack {
  readonly method: string;
  readonly path: string;
  readonly send?: Send;
  /** Sent with the admin token (app API) instead of the SCIM one. */
  readonly admin?: boolean;
  /** The status it must get; when undefined, 200 or 400 (a crafted filter may be refused). */
  readonly want?: number;
  /** The ids the page (Resources) must hold, exactly, when it is answered 200. */
  readonly exactly?: readonly string[];
}

const q = (filter: string) => `filter=${encodeURIComponent(filter)}`;
const patch = (...operations: unknown[]): Send => ({
  json: { schemas: [ScimUrn.PatchOp], Operations: operations },
});
const search = (body: Record<string, unknown>): Send => ({
  json: { schemas: [ScimUrn.SearchRequest], ...body },
});

/** Every way the attacker tries another tenant's user: by id, by crafted filter, as a member. */
function onUser(user: Tenant["users"][number], own: Tenant): Attack[] {
  const ownUsers = own.users.map((u) => u.id);
  const ownGroups = own.groups.map((g) => g.id);
  const add = { op: "add", path: "members", value: [{ value: user.id }] };
  return [
    { method: "GET", path: `/Users/${user.id}`, want: 404 },
    {
      method: "PUT",
      path: `/Users/${user.id}`,
      send: { json: { schemas: [ScimUrn.User], userName: user.userName } },
      want: 404,
    },
    {
      method: "PATCH",
      path: `/Users/${user.id}`,
      send: patch({ op: "replace", path: "title", value: "x" }),
      want: 404,
    },
    { method: "DELETE", path: `/Users/${user.id}`, want: 404 },
    {
      method: "PATCH",
      path: `/api/team/${user.id}`,
      send: { json: { role: "admin" } },
      admin: true,
      want: 404,
    },
    { method: "GET", path: `/api/team?status=all&search=${user.id}`, admin: true, exactly: [] },
    { method: "GET", path: `/api/audit?user=${user.id}`, admin: true, exactly: [] },
    { method: "GET", path: `/Users?${q(`id eq "${user.id}"`)}`, exactly: [] },
    { method: "GET", path: `/Users?${q(`id eq "${user.id}" or userName pr`)}`, exactly: ownUsers },
    { method: "GET", path: `/Users?${q(`not (id eq "${user.id}")`)}&sortBy=userName`, exactly: ownUsers },
    { method: "POST", path: "/Users/.search", send: search({ filter: `id eq "${user.id}"` }), exactly: [] },
    { method: "GET", path: `/Groups?${q(`members.value eq "${user.id}"`)}`, exactly: [] },
    {
      method: "GET",
      path: `/Groups?${q(`members[value eq "${user.id}"] or displayName pr`)}`,
      exactly: ownGroups,
    },
    {
      method: "POST",
      path: "/Groups",
      send: { json: { schemas: [ScimUrn.Group], displayName: "Intruders", members: [{ value: user.id }] } },
      want: 400,
    },
    ...own.groups.flatMap((group): Attack[] => [
      { method: "PATCH", path: `/Groups/${group.id}`, send: patch(add), want: 400 },
      {
        method: "PUT",
        path: `/Groups/${group.id}`,
        send: {
          json: {
            schemas: [ScimUrn.Group],
            displayName: group.name,
            members: [...group.members, user.id].map((value) => ({ value })),
          },
        },
        want: 400,
      },
    ]),
  ];
}

/** Every way the attacker tries another tenant's group. */
function onGroup(group: Tenant["groups"][number]): Attack[] {
  const body = { json: { schemas: [ScimUrn.Group], displayName: group.name } };
  return [
    { method: "GET", path: `/Groups/${group.id}`, want: 404 },
    { method: "PUT", path: `/Groups/${group.id}`, send: body, want: 404 },
    {
      method: "PATCH",
      path: `/Groups/${group.id}`,
      send: patch({ op: "remove", path: "members" }),
      want: 404,
    },
    { method: "DELETE", path: `/Groups/${group.id}`, want: 404 },
    { method: "GET", path: `/Groups?${q(`id eq "${group.id}"`)}`, exactly: [] },
    { method: "POST", path: "/Groups/.search", send: search({ filter: `id eq "${group.id}"` }), exactly: [] },
    { method: "GET", path: `/Users?${q(`groups.value eq "${group.id}"`)}`, exactly: [] },
  ];
}

/** Lists, sorts and filters on values every tenant shares, which must show the attacker's own data only. */
function onSharedValues(own: Tenant): Attack[] {
  const ownUsers = own.users.map((u) => u.id);
  const ownGroups = own.groups.map((g) => g.id);
  const named = (name: string) => own.users.filter((u) => u.userName.toLowerCase() === name).map((u) => u.id);
  return [
    { method: "GET", path: "/Users?count=1000", exactly: ownUsers },
    { method: "GET", path: "/Users?sortBy=userName&sortOrder=descending", exactly: ownUsers },
    { method: "GET", path: `/Users?${q('emails.value eq "shared@x.io"')}`, exactly: ownUsers },
    {
      method: "GET",
      path: `/Users?${q('emails[type eq "home" and value co "shared"] or externalId pr')}`,
      exactly: ownUsers,
    },
    ...NAMES.map((name) => ({
      method: "GET",
      path: `/Users?${q(`userName eq "${name.toUpperCase()}"`)}`,
      exactly: named(name),
    })),
    {
      method: "POST",
      path: "/Users/.search",
      send: search({ filter: "title pr", sortBy: "externalId" }),
      exactly: ownUsers,
    },
    { method: "GET", path: `/Users?${q('userName eq "x\\" or \\"1\\" eq \\"1"')}` },
    { method: "GET", path: `/Users?${q("userName eq \"x' or tenant_id <> '\"")}` },
    { method: "GET", path: `/Users?${q("tenant_id pr")}` },
    { method: "GET", path: "/Groups", exactly: ownGroups },
    { method: "GET", path: "/Groups?sortBy=displayName&sortOrder=descending", exactly: ownGroups },
    {
      method: "GET",
      path: `/Groups?${q('externalId eq "e1" or displayName eq "Admins"')}`,
      exactly: ownGroups,
    },
    {
      method: "POST",
      path: "/Groups/.search",
      send: search({ filter: "members pr or displayName pr" }),
      exactly: ownGroups,
    },
    { method: "GET", path: "/api/team?count=1000", admin: true },
    { method: "GET", path: "/api/team?status=all&count=1000", admin: true, exactly: ownUsers },
    { method: "GET", path: "/api/audit?count=1000", admin: true },
    { method: "GET", path: "/api/tenant", admin: true },
    { method: "GET", path: "/api/tokens", admin: true },
  ];
}

/** Another tenant's tokens: never revoked, rotated or listed through this tenant's admin token. */
function onTokens(other: Tenant): Attack[] {
  return other.tokenIds.flatMap((id) => [
    { method: "DELETE", path: `/api/tokens/${id}`, admin: true, want: 404 },
    { method: "POST", path: `/api/tokens/${id}/rotate`, admin: true, want: 404 },
  ]);
}

/** Every attack of `attacker` on the other tenants. */
export function attacksOn(attacker: Tenant, others: readonly Tenant[]): Attack[] {
  return [
    ...others.flatMap((other) => [
      ...other.users.flatMap((user) => onUser(user, attacker)),
      ...other.groups.flatMap(onGroup),
      ...onTokens(other),
    ]),
    ...onSharedValues(attacker),
  ];
}
