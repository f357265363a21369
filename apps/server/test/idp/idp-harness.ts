import { createScimClient, type ScimClient } from "@scimkit/client";
import { createToken } from "@scimkit/router";
import { type components, SCIM_MEDIA_TYPE, ScimUrn, type ScimUser, type ScimUserInput } from "@scimkit/types";
import { expect } from "vitest";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

type AppUser = components["schemas"]["AppUser"];

/** One exchange as the IdP saw it: enough to check media types and the exact bytes of a URL. */
export interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly contentType: string | null;
}

/** A reference server plus the two callers an IdP replay needs: the IdP itself and the app's admin. */
export interface IdpHarness {
  readonly server: TestServer;
  /** The IdP: SCIM token, the IdP's User-Agent; every exchange is recorded in {@link exchanges}. */
  readonly scim: ScimClient;
  /** The app's admin side (`/api`, admin-scoped token), to watch the lifecycle the app relies on. */
  readonly app: ScimClient;
  readonly exchanges: readonly Exchange[];
  /** A SCIM request with the exact path and query bytes given, e.g. a `%2B`-encoded filter. */
  raw(method: string, pathAndQuery: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** The app's team list (`GET /api/team`): joined, not deactivated. */
  team(): Promise<AppUser[]>;
  /** The e-mails in the app's team list. */
  teamEmails(): Promise<string[]>;
  /** A user created in the app before any SCIM (`POST /api/users`, source `local`). */
  createLocalUser(email: string, name: string): Promise<AppUser>;
  /** The HTTP status of an SSO login (`POST /api/login`). */
  login(email: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts a fresh `:memory:` server with one tenant, its SCIM token and an admin token. Every call
 * goes through the server's checked fetch, so `server.violations` lists any response that does
 * not conform to spec/openapi.yaml.
 */
export async function startIdpHarness(userAgent: string): Promise<IdpHarness> {
  const server = await startTestServer();
  const exchanges: Exchange[] = [];
  const recording = async (request: Request): Promise<Response> => {
    const response = await server.fetch(request);
    exchanges.push({
      method: request.method,
      url: request.url,
      status: response.status,
      contentType: response.headers.get("content-type"),
    });
    return response;
  };
  const scim = createScimClient({
    baseUrl: server.scimUrl,
    token: server.token,
    retry: false,
    fetch: recording,
    headers: { "User-Agent": userAgent },
  });
  const deps = { now: () => new Date(), newId: () => crypto.randomUUID() };
  const adminToken = (await createToken(server.store.read, deps, server.tenantId, "admin")).token;
  const app = createScimClient({
    baseUrl: server.origin,
    token: adminToken,
    retry: false,
    fetch: server.fetch,
  });
  const team = async (): Promise<AppUser[]> => {
    const { data, error } = await app.GET("/api/team", { params: { query: { count: 100 } } });
    expect(error).toBeUndefined();
    return data?.items ?? [];
  };
  return {
    server,
    scim,
    app,
    exchanges,
    async raw(method, pathAndQuery, body) {
      const response = await recording(
        new Request(server.scimUrl + pathAndQuery, {
          method,
          headers: {
            authorization: `Bearer ${server.token}`,
            accept: SCIM_MEDIA_TYPE,
            "user-agent": userAgent,
            ...(body === undefined ? {} : { "content-type": SCIM_MEDIA_TYPE }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
      const text = await response.text();
      return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as unknown) };
    },
    team,
    async teamEmails() {
      return (await team()).map((member) => member.email);
    },
    async createLocalUser(email, name) {
      const { data, error, response } = await app.POST("/api/users", { body: { email, name } });
      expect({ status: response.status, error }).toEqual({ status: 201, error: undefined });
      return data as AppUser;
    },
    async login(email) {
      const { response } = await app.POST("/api/login", { body: { email } });
      return response.status;
    },
    close: () => server.close(),
  };
}

/** A PATCH request body (RFC 7644 §3.5.2) with the operations exactly as the IdP sends them. */
export function patchBody(...operations: { op: string; path?: string; value?: unknown }[]) {
  return { schemas: [ScimUrn.PatchOp], Operations: operations };
}

/**
 * A user read back by GET, as the body of the full PUT Okta sends after it
 * (docs/reference/idp-requests.md#okta-profile-push).
 */
export function asPutBody(user: ScimUser): ScimUserInput {
  if (user.userName === undefined) throw new Error(`GET /Users/${user.id} returned no userName`);
  return { ...user, userName: user.userName };
}

/** The path parameters of `/Users/{id}`. */
export function byId(id: string) {
  return { params: { path: { id } } };
}
