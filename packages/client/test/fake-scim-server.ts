/**
 * A tiny in-memory SCIM service provider on a real `node:http` socket (127.0.0.1, port 0), for
 * client tests: it records every request, serves paged ListResponses, SCIM Error messages, and any
 * canned answers queued with `enqueue` (429/503 with Retry-After, …) before its normal behaviour.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { SCIM_MEDIA_TYPE, type ScimGroup, type ScimType, ScimUrn, type ScimUser } from "@scimkit/types";
import { onTestFinished } from "vitest";
import {
  createScimClient,
  type ScimClient,
  type ScimClientError,
  type ScimClientOptions,
} from "../src/index.js";

/** A request as the server received it. */
export interface RecordedRequest {
  readonly method: string;
  /** Path below the SCIM base URL, e.g. `/Users/42`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** An answer the server sends. */
export interface CannedResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface FakeScimServerOptions {
  readonly users?: readonly ScimUser[];
  readonly groups?: readonly ScimGroup[];
  /** The most resources per page, whatever `count` asks for (RFC 7644 §3.4.2.4). Default 100. */
  readonly maxResults?: number;
  /** Reports this `totalResults` instead of the true one: a lying server. */
  readonly totalResults?: number;
  /** Serves every page from index 1: a server that ignores `startIndex`. */
  readonly ignoreStartIndex?: boolean;
}

export interface FakeScimServer {
  /** The SCIM base URL, `http://127.0.0.1:<port>/scim/v2`. */
  readonly baseUrl: string;
  readonly requests: readonly RecordedRequest[];
  /** Answers to send, in order, to the next requests instead of the normal behaviour. */
  enqueue(...responses: readonly CannedResponse[]): void;
}

const BASE_PATH = "/scim/v2";

/** A SCIM Error message (RFC 7644 §3.12). */
export function scimError(status: number, detail: string, scimType?: ScimType): CannedResponse {
  const body = {
    schemas: [ScimUrn.Error],
    status: String(status),
    detail,
    ...(scimType ? { scimType } : {}),
  };
  return { status, body };
}

/** `n` users `user1`…`userN` with ids `u1`…`uN`. */
export function makeUsers(n: number): ScimUser[] {
  return Array.from({ length: n }, (_, i) => ({
    schemas: [ScimUrn.User],
    id: `u${i + 1}`,
    userName: `user${i + 1}@example.com`,
    externalId: `ext-${i + 1}`,
  }));
}

type Resource = Readonly<Record<string, unknown>> & { readonly id: string };

/** Supports only `attr eq "string"`, enough for the lookups; the literal is read with JSON.parse. */
function matches(filter: string | null): (r: Resource) => boolean {
  if (filter === null) return () => true;
  const m = /^([A-Za-z]+) eq ("(?:[^"\\]|\\.)*")$/.exec(filter);
  if (!m?.[1] || !m[2]) throw scimError(400, `Unsupported filter: ${filter}`, "invalidFilter");
  const [attr, value] = [m[1], JSON.parse(m[2]) as string];
  return (r) => r[attr] === value;
}

function list(resources: readonly Resource[], query: URLSearchParams, options: FakeScimServerOptions) {
  const found = resources.filter(matches(query.get("filter")));
  const startIndex = options.ignoreStartIndex ? 1 : Math.max(1, Number(query.get("startIndex") ?? 1));
  const max = options.maxResults ?? 100;
  const count = Math.min(max, Math.max(0, Number(query.get("count") ?? max)));
  const page = found.slice(startIndex - 1, startIndex - 1 + count);
  const body = {
    schemas: [ScimUrn.ListResponse],
    totalResults: options.totalResults ?? found.length,
    startIndex,
    itemsPerPage: page.length,
    Resources: page,
  };
  return { status: 200, body };
}

function route(req: RecordedRequest, store: Map<string, Resource[]>, options: FakeScimServerOptions) {
  const [, type = "", id] = req.path.split("/");
  const resources = store.get(type);
  if (!resources) return scimError(404, `No endpoint ${req.path}`);
  if (id === undefined && req.method === "GET") return list(resources, req.query, options);
  if (id === undefined && req.method === "POST") {
    const input = JSON.parse(req.body) as Record<string, unknown>;
    if (resources.some((r) => r.userName === input.userName)) {
      return scimError(409, "userName is already taken", "uniqueness");
    }
    const created = { ...input, id: `new${resources.length + 1}` };
    resources.push(created);
    return { status: 201, body: created };
  }
  const resource = resources.find((r) => r.id === id);
  if (!resource) return scimError(404, `Resource ${id} not found`);
  if (req.method === "GET") return { status: 200, body: resource };
  if (req.method === "PATCH") return { status: 200, body: resource };
  if (req.method === "DELETE") return { status: 204 };
  return scimError(405, `${req.method} not allowed`);
}

/** Starts a server for the current test and closes it when the test finishes. */
export async function fakeScimServer(options: FakeScimServerOptions = {}): Promise<FakeScimServer> {
  const store = new Map<string, Resource[]>([
    ["Users", [...(options.users ?? [])]],
    ["Groups", [...(options.groups ?? [])]],
  ]);
  const requests: RecordedRequest[] = [];
  const queue: CannedResponse[] = [];
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
    const req: RecordedRequest = {
      method: incoming.method ?? "GET",
      path: url.pathname.slice(BASE_PATH.length),
      query: url.searchParams,
      headers: incoming.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    requests.push(req);
    let answer: CannedResponse;
    try {
      answer = queue.shift() ?? route(req, store, options);
    } catch (thrown) {
      // `route` throws SCIM errors as answers; anything else is a fault of the fake itself.
      answer =
        typeof thrown === "object" && thrown !== null && "status" in thrown
          ? (thrown as CannedResponse)
          : scimError(500, String(thrown));
    }
    const body = answer.body === undefined ? "" : JSON.stringify(answer.body);
    outgoing.writeHead(answer.status, {
      ...(body === "" ? {} : { "Content-Type": SCIM_MEDIA_TYPE }),
      ...answer.headers,
    });
    outgoing.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${BASE_PATH}`,
    requests,
    enqueue: (...responses) => {
      queue.push(...responses);
    },
  };
}

/** A client of `server` with the test token and retry waits capped at a few milliseconds. */
export function clientFor(server: FakeScimServer, options: Partial<ScimClientOptions> = {}): ScimClient {
  return createScimClient({
    baseUrl: server.baseUrl,
    token: TEST_TOKEN,
    retry: { maxDelayMs: 5 },
    ...options,
  });
}

export const TEST_TOKEN = "t0ken";

/** What `run` throws or rejects with, as `{ name, status, scimType, detail, body }` with absent fields undefined. */
export async function thrownBy(run: () => unknown) {
  try {
    await run();
  } catch (error) {
    const e = error as Partial<ScimClientError>;
    return { name: e.name, status: e.status, scimType: e.scimType, detail: e.detail, body: e.body };
  }
  throw new Error("expected an error, but none was thrown");
}
