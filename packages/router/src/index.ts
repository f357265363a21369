/**
 * @scimkit/router — SCIM 2.0 over store ports: the ports every store implements, the in-memory
 * store, and the port contract that proves a store keeps them.
 */

export type { ContractCase, OpenStore, StoreFixture } from "./contract/contract-case.js";
export { storePortContract } from "./contract/store-port-contract.js";
export { createMemoryStore } from "./memory/memory-store.js";
export {
  type AuditEvent,
  type DeleteMode,
  defaultTenantSettings,
  deleteModes,
  type GroupRead,
  type GroupRef,
  isOneOf,
  type MemberRef,
  type ScimResource,
  type StoredGroup,
  type StoredToken,
  type StoredUser,
  type Tenant,
  type TenantSettings,
  type TokenGrant,
  type TokenScope,
  tokenScopes,
  type UserRead,
  type UserSource,
  userSources,
} from "./ports/records.js";
export {
  type AuditPort,
  type AuditQuery,
  type Clock,
  type GroupsPort,
  type Ids,
  type KeysetPosition,
  type ListQuery,
  type Page,
  type PageRequest,
  type ReadOptions,
  type SortKey,
  type Store,
  type TenantsPort,
  type TokensPort,
  type UnitOfWork,
  USER_SEARCH_LIMIT,
  type UserListQuery,
  type UsersPort,
} from "./ports/store-ports.js";
