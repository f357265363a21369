import type { FilterNode, UserStatus } from "@scimkit/core";
import type { EventsPort } from "./events-port.js";
import type {
  AuditEvent,
  GroupRead,
  StoredGroup,
  StoredToken,
  StoredUser,
  Tenant,
  TenantSettings,
  TokenGrant,
  UserRead,
} from "./records.js";
import type { WebhooksPort } from "./webhooks-port.js";

/*
 * The storage ports every scimkit service runs on. A store implements them over its own tables
 * (the Kysely stores of the reference server, the in-memory store, an app's own users table) and
 * proves it with the port contract (`storePortContract`). The contract every method keeps:
 *
 * - Tenant scoping: a method that takes a `tenantId` reads and writes that tenant's data only; an
 *   id of another tenant's resource behaves exactly like an id that does not exist.
 * - Uniqueness: a write that would give two live users of a tenant the same userName (compared
 *   case-insensitively), or two groups the same displayName (likewise), throws
 *   `ScimError.uniqueness` (409, RFC 7644 §3.12) and changes nothing.
 * - Busy: when the store cannot answer now (a lock waited for in vain, no connection free, a
 *   serialization failure) it throws `ScimError.unavailable` (503); the caller may retry.
 * - Anything else a store throws is a fault (500).
 */

/** One sort key: a canonical SCIM attribute path (`userName`, `meta.created`) and its direction. */
export interface SortKey {
  readonly attribute: string;
  readonly descending: boolean;
}

/**
 * Where a keyset page starts: just after the resource that ended the previous page, in the
 * query's order (the sort keys, then `meta.created`, then `id`). The store makes it (`Page.end`)
 * from that resource's sort values, so paging on does not depend on the resource still existing;
 * callers keep it opaque (a cursor encodes it).
 */
export interface KeysetPosition {
  readonly values: readonly (string | number | null)[];
}

/** A page: by offset (RFC 7644 §3.4.2.4 `startIndex`, 1-based) or after a keyset position. */
export type PageRequest =
  | { readonly kind: "offset"; readonly startIndex: number; readonly count: number }
  | { readonly kind: "keyset"; readonly after?: KeysetPosition; readonly count: number };

/**
 * A list query (RFC 7644 §3.4.2): a filter AST already checked against the schema, sort keys
 * (the order is always completed by `meta.created` then `id`, so pages never overlap), a page.
 * Where resources without a value of a sort key go is the store's own order on offset pages (SQL
 * databases differ); keyset pages put them first ascending and last descending.
 */
export interface ListQuery {
  readonly filter?: FilterNode;
  readonly sort?: readonly SortKey[];
  readonly page: PageRequest;
}

/** A users list: SCIM's, or the app's team list (`statuses`, `search`, newest first). */
export interface UserListQuery extends ListQuery {
  /** Only users in these statuses; by default every user that is not deleted. */
  readonly statuses?: readonly UserStatus[];
  /**
   * The console's search: users whose userName or displayName starts with the text
   * (case-insensitive; the text is trimmed), or whose externalId or id is the text. A search
   * matches at most `USER_SEARCH_LIMIT` users; past it the total says `USER_SEARCH_LIMIT + 1`
   * and which users the page holds is the store's choice.
   */
  readonly search?: string;
  /** Creation order newest first (the console) instead of oldest first (SCIM without sortBy). */
  readonly newestFirst?: boolean;
}

/** The most users one console search matches; a store stops there and reports one more. */
export const USER_SEARCH_LIMIT = 1000;

/** A page and the total of matching resources. */
export interface Page<T> {
  readonly total: number;
  readonly items: readonly T[];
  /** For a keyset page with items: the position after its last item, where the next page starts. */
  readonly end?: KeysetPosition;
}

/** Read options of a write: lock what is read until the transaction ends, where the store locks. */
export interface ReadOptions {
  readonly forUpdate?: boolean;
}

/** Tenants and their settings. */
export interface TenantsPort {
  create(tenant: Tenant): Promise<void>;
  get(id: string): Promise<Tenant | undefined>;
  /** Every tenant, oldest first. */
  list(): Promise<readonly Tenant[]>;
  /** Whether any tenant exists (a server bootstraps one on an empty store). */
  any(): Promise<boolean>;
  /** Changes the named settings; the tenant as it is then, or undefined when there is none. */
  updateSettings(id: string, settings: Partial<TenantSettings>): Promise<Tenant | undefined>;
}

/** Bearer tokens, stored as hashes. */
export interface TokensPort {
  /** The token with this hash and its tenant's settings (revoked tokens included: the caller decides). */
  findByHash(hash: string): Promise<TokenGrant | undefined>;
  /**
   * Records a use at `at` unless a use after `staleBefore` is recorded already, so instances
   * racing on one token write it once. Outside any transaction; never throws on a busy store.
   */
  noteUse(id: string, at: string, staleBefore: string): Promise<void>;
  create(token: StoredToken): Promise<void>;
  /** A tenant's tokens, newest first. */
  list(tenantId: string): Promise<readonly StoredToken[]>;
  /**
   * Revokes a token at `at`; false when there is no such token (of that tenant, when `tenantId`
   * is given) or it was revoked already.
   */
  revoke(id: string, at: string, tenantId?: string): Promise<boolean>;
}

/**
 * Users of a tenant. Deleted (soft-deleted) users are invisible to every method but `list` with
 * `statuses`, `namesOf`, `idsNamed` and `remove` (which purges them too); `update` of one is false.
 */
export interface UsersPort {
  /** The user (unless deleted) with its groups. */
  get(tenantId: string, id: string, options?: ReadOptions): Promise<UserRead | undefined>;
  /** The user (unless deleted) whose userName equals `userName` case-insensitively, with its groups. */
  findByUserName(tenantId: string, userName: string, options?: ReadOptions): Promise<UserRead | undefined>;
  /** Stores a new user; 409 uniqueness when a live user of the tenant has its userName. */
  insert(tenantId: string, user: StoredUser): Promise<void>;
  /**
   * Writes `next` over the stored user if its version is still `expectedVersion` (the
   * `meta.version` read before); false when another write came first (a lost race).
   */
  update(tenantId: string, next: StoredUser, expectedVersion: string): Promise<boolean>;
  /** Removes the user and its memberships for good. */
  remove(tenantId: string, id: string): Promise<void>;
  /** A page of users (each with its groups) and the total matching. */
  list(tenantId: string, query: UserListQuery): Promise<Page<UserRead>>;
  /** The ids among `ids` of live users of the tenant. */
  existing(tenantId: string, ids: readonly string[]): Promise<ReadonlySet<string>>;
  /** The ids of every user, deleted ones included, whose id is `text` or whose userName is `text` case-insensitively. */
  idsNamed(tenantId: string, text: string): Promise<readonly string[]>;
  /** The userName of each of these users that exists, deleted ones included. */
  namesOf(tenantId: string, ids: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

/** Groups of a tenant and their memberships (a membership names a live user of the same tenant). */
export interface GroupsPort {
  get(
    tenantId: string,
    id: string,
    options?: ReadOptions & { readonly withMembers?: boolean },
  ): Promise<GroupRead | undefined>;
  /** Stores a new group (without members); 409 uniqueness when its displayName is taken. */
  insert(tenantId: string, group: StoredGroup): Promise<void>;
  /** Writes the group's own attributes if its version is still `expectedVersion`; false on a lost race. */
  update(tenantId: string, next: StoredGroup, expectedVersion: string): Promise<boolean>;
  /** Removes the group and its memberships; false when there was none. */
  remove(tenantId: string, id: string): Promise<boolean>;
  /** A page of groups (with members when `withMembers`) and the total matching. */
  list(tenantId: string, query: ListQuery & { readonly withMembers?: boolean }): Promise<Page<GroupRead>>;
  /** The ids of the group's members. */
  memberIds(tenantId: string, groupId: string): Promise<readonly string[]>;
  /**
   * Adds memberships (existing ones are kept as they are); the ids of the users that were not
   * members yet, each once, in no particular order. The caller checks the users exist.
   */
  addMembers(
    tenantId: string,
    groupId: string,
    userIds: readonly string[],
    at: string,
  ): Promise<readonly string[]>;
  /** Removes these memberships (all of the group's when `userIds` is undefined); the ids of the users that were members. */
  removeMembers(tenantId: string, groupId: string, userIds?: readonly string[]): Promise<readonly string[]>;
  /** Removes every membership of a user (the user was deleted); the ids of the groups it left. */
  removeUserEverywhere(tenantId: string, userId: string): Promise<readonly string[]>;
  /** The displayName of each of these groups that exists. */
  namesOf(tenantId: string, ids: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

/** A page query over the audit log: newest first. */
export interface AuditQuery {
  /** Only events about these resources. */
  readonly resourceIds?: readonly string[];
  readonly operation?: string;
  readonly startIndex: number;
  readonly count: number;
}

/** The audit log: appended in the transaction of the change it records. */
export interface AuditPort {
  append(event: AuditEvent): Promise<void>;
  page(tenantId: string, query: AuditQuery): Promise<Page<AuditEvent>>;
}

/** Every port, bound to one transaction (in `Store.transaction`) or to single statements (`Store.read`). */
export interface UnitOfWork {
  readonly tenants: TenantsPort;
  readonly tokens: TokensPort;
  readonly users: UsersPort;
  readonly groups: GroupsPort;
  readonly audit: AuditPort;
  readonly events: EventsPort;
  readonly webhooks: WebhooksPort;
}

/**
 * A store: the ports outside a transaction (`read`, each call on its own, writes included) and a unit of work
 * whose writes commit together or not at all. `transaction` rolls back when `work` throws and
 * rethrows; a store that cannot serialise concurrent transactions locks what `forUpdate` reads.
 * Work inside a transaction uses its unit only: calling `read` or `transaction` from inside may
 * wait on the transaction itself.
 */
export interface Store {
  readonly read: UnitOfWork;
  transaction<T>(work: (unit: UnitOfWork) => Promise<T>): Promise<T>;
  /** Throws when the store cannot serve (the readiness probe). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The clock and id source services run on; tests pass their own. */
export interface Clock {
  now(): Date;
}
export interface Ids {
  newId(): string;
}
