import { createHash, randomUUID } from "node:crypto";
import { createToken, type Store, type TokenScope } from "@scimkit/router";
import type { Database } from "@scimkit/store-kysely";
import { ScimUrn } from "@scimkit/types";
import { type Kysely, PostgresAdapter, type RawBuilder, sql } from "kysely";
import { expect } from "vitest";
import { createTenantWithToken } from "../../src/tenants/tenants.service.js";
import type { TestServer } from "../helpers/test-server.js";

/** Clock and ids for the services the tests call directly. */
export const serviceDeps = { now: () => new Date(), newId: randomUUID };

/** A response, read once: status, headers, the body text and its JSON (undefined when not JSON). */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: unknown;
}

/** What one request sends besides method and path. */
export interface Send {
  /** A value is sent as JSON; a string is sent as it is (malformed bodies). */
  readonly json?: unknown;
  readonly raw?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Sends requests under one base URL with one bearer token (none when undefined), through the checked fetch. */
export function caller(server: TestServer, token: string | undefined, base = server.scimUrl) {
  return async (method: string, path: string, send: Send = {}): Promise<Reply> => {
    const headers: Record<string, string> = {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(send.json === undefined && send.raw === undefined
        ? {}
        : { "content-type": "application/scim+json" }),
      ...send.headers,
    };
    const body = send.raw ?? (send.json === undefined ? undefined : JSON.stringify(send.json));
    const response = await server.fetch(base + path, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: parseJson(text) };
  };
}

export type Caller = ReturnType<typeof caller>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `id` of a created resource, asserting 201 first. */
export function createdId(reply: Reply): string {
  expect(reply.status, reply.text).toBe(201);
  return String((reply.body as { id: unknown }).id);
}

/** A second tenant (or more) on the same server, with its first token. */
export async function addTenant(store: Store, name = `t-${randomUUID()}`) {
  const created = await createTenantWithToken(store, serviceDeps, name);
  return { tenantId: created.tenant.id, token: created.token, tokenId: created.tokenId };
}

/** A further token of a tenant (rotation, or the admin scope of `/api`). */
export async function addToken(store: Store, tenantId: string, scope: TokenScope = "scim") {
  return createToken(store.read, serviceDeps, tenantId, scope);
}

/** Asserts an RFC 7644 §3.12 error body whose `status` is the HTTP status, as a string. */
export function expectScimError(reply: Reply, context = ""): void {
  expect(reply.body, `${context} → ${reply.status} ${reply.text}`).toMatchObject({
    schemas: [ScimUrn.Error],
    status: String(reply.status),
  });
}

/**
 * Columns the digest leaves out: `tokens.last_used_at` is bookkeeping of who called, which a
 * rejected but authenticated request may legitimately touch.
 */
const SKIPPED_COLUMNS: Readonly<Record<string, readonly string[]>> = { tokens: ["last_used_at"] };

type TextQuery = (tenantId: string | undefined) => RawBuilder<Record<string, string | null>>;
const textQueries = new WeakMap<Kysely<Database>, TextQuery>();

/**
 * One query that renders every table (found by introspection, so new tables and columns count
 * too) as its rows in sorted order, each row a JSON array: the database in one round trip.
 */
async function textQuery(db: Kysely<Database>): Promise<TextQuery> {
  const cached = textQueries.get(db);
  if (cached !== undefined) return cached;
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const current = postgres
    ? (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows[0]?.name
    : undefined;
  const tables = (await db.introspection.getTables()).filter((t) => !postgres || t.schema === current);
  const query: TextQuery = (tenantId) => {
    const parts = tables.map((table) => {
      const columns = table.columns
        .map((column) => column.name)
        .filter((name) => !(SKIPPED_COLUMNS[table.name] ?? []).includes(name));
      const row = sql.join(columns.map((name) => sql.ref(`t.${name}`)));
      const json = postgres ? sql`json_build_array(${row})::text` : sql`json_array(${row})`;
      const scope = table.name === "tenants" ? "id" : "tenant_id";
      const where =
        tenantId === undefined || !table.columns.some((c) => c.name === scope)
          ? sql``
          : sql` where ${sql.ref(`t.${scope}`)} = ${tenantId}`;
      const rows = sql`select ${json} as r from ${sql.table(table.name)} as t${where}`;
      // SQLite's group_concat(… order by …) is slow; it keeps the order of an ordered subquery.
      const text = postgres
        ? sql`(select string_agg(r, chr(10) order by r) from (${rows}) as s)`
        : sql`(select group_concat(r, char(10)) from (${rows} order by r))`;
      return sql`${text} as ${sql.ref(table.name)}`;
    });
    return sql<Record<string, string | null>>`select ${sql.join(parts)}`;
  };
  textQueries.set(db, query);
  return query;
}

/** Every row of every table (of one tenant, when given) as text, by table. */
export async function databaseText(
  db: Kysely<Database>,
  tenantId?: string,
): Promise<Record<string, string | null>> {
  const { rows } = await (await textQuery(db))(tenantId).execute(db);
  return rows[0] ?? {};
}

/**
 * Everything a store holds (of one tenant, when given), read through its ports: tenants, tokens
 * (without their last use, as the SQL digest), every user in every status, groups with members,
 * the audit log. Works on any store, the in-memory one included.
 */
export async function storeText(store: Store, tenantId?: string): Promise<string> {
  const { read } = store;
  const tenants = (await read.tenants.list()).filter((t) => tenantId === undefined || t.id === tenantId);
  const everything = { kind: "offset", startIndex: 1, count: 1_000_000 } as const;
  const parts: unknown[] = [];
  for (const tenant of tenants) {
    const tokens = (await read.tokens.list(tenant.id)).map(({ lastUsedAt: _used, ...token }) => token);
    const users = await read.users.list(tenant.id, {
      statuses: ["pending", "active", "deactivated", "deleted"],
      page: everything,
    });
    const groups = await read.groups.list(tenant.id, { page: everything, withMembers: true });
    const audit = await read.audit.page(tenant.id, { startIndex: 1, count: 1_000_000 });
    parts.push({ tenant, tokens, users, groups, audit });
  }
  return JSON.stringify(parts);
}

/** Where a test server's data lives, for a digest: its SQL database when it has one, else its store. */
export interface Stored {
  readonly store: Store;
  readonly sql: { readonly db: Kysely<Database> } | undefined;
}

/** Everything stored, as text: every table's rows on SQL, everything the ports show in memory. */
export async function storedText(server: Stored, tenantId?: string): Promise<string> {
  return server.sql === undefined
    ? storeText(server.store, tenantId)
    : JSON.stringify(await databaseText(server.sql.db, tenantId));
}

/** A SHA-256 over every table (SQL) or everything the store's ports show (in memory): equal digests, equal data. */
export async function databaseDigest(server: Stored, tenantId?: string): Promise<string> {
  return createHash("sha256")
    .update(await storedText(server, tenantId))
    .digest("hex");
}

/**
 * SQLite's count of rows inserted, updated or deleted on the server's one connection
 * (`total_changes()`): while it stands still, nothing was written, so a digest can be skipped.
 * Undefined on PostgreSQL and the in-memory store, where every check takes the digest.
 */
export async function writeCounter(server: Stored): Promise<(() => Promise<number>) | undefined> {
  const db = server.sql?.db;
  if (db === undefined || db.getExecutor().adapter instanceof PostgresAdapter) return undefined;
  const query = sql<{ n: number }>`select total_changes() as n`;
  return async () => Number((await query.execute(db)).rows[0]?.n);
}
